// Schema bootstrap: the constraints and indexes the graph model (MODEL.md) relies on. Every
// statement is IF NOT EXISTS, so running it on each start and in every test run is safe.
import type { Db } from './driver.js';
import { writeQuery } from './driver.js';

export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE',
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE',
  'CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)',
  'CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date)',
  'CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.eventType)',
  'CREATE INDEX event_type_date IF NOT EXISTS FOR (e:Event) ON (e.eventType, e.date)',
  // Undated events are found by type and the day they were first reported (findEventsStatement).
  'CREATE INDEX event_type_reported IF NOT EXISTS FOR (e:Event) ON (e.eventType, e.reportedFirst)',
  'CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)',
  'CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (k:AliasKey) REQUIRE k.key IS UNIQUE',
  'CREATE INDEX entity_degree IF NOT EXISTS FOR (e:Entity) ON (e.degree)',
  'CREATE INDEX actor_degree IF NOT EXISTS FOR (e:Actor) ON (e.degree)',
  'CREATE INDEX issue_degree IF NOT EXISTS FOR (e:Issue) ON (e.degree)',
  'CREATE INDEX evidence_fact IF NOT EXISTS FOR (ev:Evidence) ON (ev.factKey)',
  'CREATE INDEX evidence_article IF NOT EXISTS FOR (ev:Evidence) ON (ev.articleId)',
  'CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt)',
  'CREATE INDEX article_ingested IF NOT EXISTS FOR (a:Article) ON (a.ingestedAt)',
  // The graph version (reads/version.ts) reads the newest write from it.
  'CREATE INDEX article_updated IF NOT EXISTS FOR (a:Article) ON (a.updatedAt)',
  'CREATE INDEX article_hash IF NOT EXISTS FOR (a:Article) ON (a.contentHash)',
  'CREATE INDEX removal_at IF NOT EXISTS FOR (r:Removal) ON (r.at)',
  'CREATE INDEX place_country IF NOT EXISTS FOR (p:Place) ON (p.countryCode)',
  // Events near a point: point.distance over a point index (`location` is written with latitude/longitude).
  'CREATE POINT INDEX place_location IF NOT EXISTS FOR (p:Place) ON (p.location)',
  'CREATE CONSTRAINT story_id IF NOT EXISTS FOR (s:Story) REQUIRE s.id IS UNIQUE',
  'CREATE INDEX story_last IF NOT EXISTS FOR (s:Story) ON (s.lastDate)',
  // Story assignment finds similar earlier articles by their title and lead (server/db/writes/stories.ts).
  "CREATE FULLTEXT INDEX articleStoryText IF NOT EXISTS FOR (a:Article) ON EACH [a.storyText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
  'CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText]',
];

/**
 * Brings a graph written by an older version up to what the writer now keeps; each finds only
 * what is missing, so it is a no-op once done. Undated events get the days they were reported.
 */
export const MIGRATION_STATEMENTS: readonly string[] = [
  `MATCH (ev:Event) WHERE ev.date IS NULL AND ev.reportedFirst IS NULL
   CALL (ev) {
     MATCH (a:Article)-[:MENTIONS]->(ev) WHERE a.publishedAt IS NOT NULL
     WITH min(substring(a.publishedAt, 0, 10)) AS first, max(substring(a.publishedAt, 0, 10)) AS last
     SET ev.reportedFirst = first, ev.reportedLast = last
   }`,
];

/** Creates what is missing, waits until every index is online, and migrates older graphs. */
export async function ensureSchema(db: Db): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await writeQuery(db, statement);
  await writeQuery(db, 'CALL db.awaitIndexes(120)');
  for (const statement of MIGRATION_STATEMENTS) await writeQuery(db, statement);
}
