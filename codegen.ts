// schema.graphql is the one source of the API: this generates the resolver types for the server
// and the typed operations for the web view. Generated files are git-ignored and rebuilt on
// `npm install` (postinstall) and `npm run codegen`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'server/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../context.js#GraphQLContext',
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        // Each API type is built from the record a read query returns (server/db/queries/records.ts);
        // fields a record lacks get their own resolver.
        mappers: {
          Actor: '../db/queries/records.js#EntityRecord',
          Issue: '../db/queries/records.js#EntityRecord',
          Event: '../db/queries/records.js#EntityRecord',
          Place: '../db/queries/records.js#EntityRecord',
          Entity: '../db/queries/records.js#EntityRecord',
          Node: '../db/queries/records.js#NodeRecord',
          GraphNode: '../db/queries/records.js#EntityRecord',
          Article: '../db/queries/records.js#ArticleRecord',
          Evidence: '../db/queries/records.js#EvidenceRecord',
          GraphEdge: '../db/queries/records.js#EdgeRecord',
          Graph: '../db/queries/records.js#GraphRecord',
          Path: '../db/queries/records.js#PathRecord',
          Stance: '../db/queries/records.js#StanceRecord',
          Participant: '../db/queries/records.js#ParticipantRecord',
          Role: '../db/queries/records.js#RoleRecord',
          MonthScore: '../db/queries/records.js#MonthScoreRecord',
          Change: '../db/queries/records.js#ChangeRecord',
          RankedEntity: '../db/queries/records.js#RankedRecord',
          Stats: '../db/queries/records.js#StatsRecord',
          Health: '../db/queries/records.js#HealthRecord',
          EntityConnection: '../db/queries/records.js#ConnectionRecord<EntityRecord>',
          ActorConnection: '../db/queries/records.js#ConnectionRecord<EntityRecord>',
          IssueConnection: '../db/queries/records.js#ConnectionRecord<EntityRecord>',
          EventConnection: '../db/queries/records.js#ConnectionRecord<EntityRecord>',
          PlaceConnection: '../db/queries/records.js#ConnectionRecord<EntityRecord>',
          ArticleConnection: '../db/queries/records.js#ConnectionRecord<ArticleRecord>',
          EvidenceConnection: '../db/queries/records.js#ConnectionRecord<EvidenceRecord>',
          StanceConnection: '../db/queries/records.js#ConnectionRecord<StanceRecord>',
          ChangeConnection: '../db/queries/records.js#ConnectionRecord<ChangeRecord>',
          IngestResult: '../db/queries/records.js#IngestResultRecord',
        },
      },
    },
    'web/generated/': {
      preset: 'client',
      documents: ['web/src/**/*.ts'],
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        emitLegacyCommonJSImports: false,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
