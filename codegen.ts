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
        contextType: '../graphql/context.js#GraphQLContext',
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        // Each API type is built from the record a read query returns (server/db/reads/records.ts);
        // fields a record lacks get their own resolver.
        mappers: {
          Actor: '../db/reads/records.js#EntityRecord',
          Issue: '../db/reads/records.js#EntityRecord',
          Event: '../db/reads/records.js#EntityRecord',
          Place: '../db/reads/records.js#EntityRecord',
          Entity: '../db/reads/records.js#EntityRecord',
          Node: '../db/reads/records.js#NodeRecord',
          GraphNode: '../db/reads/records.js#EntityRecord',
          Article: '../db/reads/records.js#ArticleRecord',
          Story: '../db/reads/records.js#StoryRecord',
          StoryConnection: '../db/reads/records.js#ConnectionRecord<StoryRecord>',
          Evidence: '../db/reads/records.js#EvidenceRecord',
          GraphEdge: '../db/reads/records.js#EdgeRecord',
          Graph: '../db/reads/records.js#GraphRecord',
          Path: '../db/reads/records.js#PathRecord',
          Stance: '../db/reads/records.js#StanceRecord',
          Participant: '../db/reads/records.js#ParticipantRecord',
          Role: '../db/reads/records.js#RoleRecord',
          MonthScore: '../db/reads/records.js#MonthScoreRecord',
          Change: '../db/reads/records.js#ChangeRecord',
          RankedEntity: '../db/reads/records.js#RankedRecord',
          Stats: '../db/reads/records.js#StatsRecord',
          Health: '../db/reads/records.js#HealthRecord',
          EntityConnection: '../db/reads/records.js#ConnectionRecord<EntityRecord>',
          ActorConnection: '../db/reads/records.js#ConnectionRecord<EntityRecord>',
          IssueConnection: '../db/reads/records.js#ConnectionRecord<EntityRecord>',
          EventConnection: '../db/reads/records.js#ConnectionRecord<EntityRecord>',
          PlaceConnection: '../db/reads/records.js#ConnectionRecord<EntityRecord>',
          ArticleConnection: '../db/reads/records.js#ConnectionRecord<ArticleRecord>',
          EvidenceConnection: '../db/reads/records.js#ConnectionRecord<EvidenceRecord>',
          StanceConnection: '../db/reads/records.js#ConnectionRecord<StanceRecord>',
          ChangeConnection: '../db/reads/records.js#ConnectionRecord<ChangeRecord>',
          IngestResult: '../db/reads/records.js#IngestResultRecord',
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
