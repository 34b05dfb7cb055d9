// Reads for judging the graph by hand (eval/sample-nodes.ts): every id of one label, so the caller
// can draw a seeded sample, then each drawn node with what a reader needs to check it: its
// properties, an event's participants and places, and a few of the articles behind it with the
// spans that name it and the evidence sentences of its facts.
import { cypherLabel } from '../../labels.js';
import { run, statement, type Statement } from '../statement.js';
import type { Db } from '../driver.js';
import { entityMap, int, plain, toEntity } from './project.js';
import type { EntityLabel, EntityRecord } from './records.js';

/** Every id of a label in id order: a stable list for a seeded draw. */
export function entityIdsOfLabelStatement(label: EntityLabel): Statement {
  return statement(`MATCH (e:${cypherLabel(label)}) RETURN e.id AS id ORDER BY id`);
}

export async function entityIdsOfLabel(db: Db, label: EntityLabel): Promise<string[]> {
  const res = await run(db, entityIdsOfLabelStatement(label));
  return res.records.map((r) => String(r.get('id')));
}

export interface SampleParticipant {
  id: string;
  name: string;
  kind: string | null;
  /** The fact type that links the actor to the event: PARTICIPATED_IN (agent), TARGET_OF (patient), STATED, DENIED. */
  role: string;
}

export interface SampleEvidence {
  type: string;
  source: string;
  target: string;
  sentence: string;
}

export interface SampleArticle {
  articleId: string;
  title: string | null;
  source: string | null;
  publishedAt: string | null;
  /** The article's spans naming the node ({text, start, end} into `text`). */
  mentions: { text: string; start: number; end: number }[];
  resolvedBy: string | null;
  text: string;
  evidence: SampleEvidence[];
}

export interface SampledNode {
  entity: EntityRecord;
  participants: SampleParticipant[];
  places: { id: string; name: string }[];
  articles: SampleArticle[];
}

/** The actor-to-event fact types: who takes part in an event, and how. */
const PARTICIPANT_TYPES = 'PARTICIPATED_IN|TARGET_OF|STATED|DENIED';

/**
 * The nodes of `ids` (in that order) with their participants, places and up to `perNode`
 * articles (earliest first) with up to `evidencePerArticle` evidence sentences each. Evidence is
 * read by the articleId index, then kept to facts of this node.
 */
export function sampledNodesStatement(ids: readonly string[], perNode: number, evidencePerArticle: number): Statement {
  return statement(
    `
    UNWIND range(0, size($ids) - 1) AS i
    MATCH (e:Entity {id: $ids[i]})
    RETURN i, ${entityMap('e')} AS e,
      COLLECT { MATCH (p:Actor)-[r:${PARTICIPANT_TYPES}]->(e) RETURN {id: p.id, name: p.name, kind: p.kind, role: type(r)} AS part ORDER BY part.role, part.id } AS participants,
      COLLECT { MATCH (e)-[:LOCATED_IN]->(pl:Place) RETURN {id: pl.id, name: pl.name} AS place ORDER BY place.id } AS places,
      COLLECT {
        MATCH (a:Article)-[m:MENTIONS]->(e)
        WITH a, m ORDER BY a.publishedAt, a.id LIMIT $perNode
        RETURN {articleId: a.id, title: a.title, source: a.source, publishedAt: a.publishedAt, mentions: m.mentions,
          resolvedBy: m.resolvedBy, text: a.text,
          evidence: COLLECT {
            MATCH (ev:Evidence {articleId: a.id}) WHERE ev.source = e.id OR ev.target = e.id
            RETURN {type: ev.type, source: ev.source, target: ev.target, sentence: ev.sentence} AS fact
            ORDER BY fact.type, fact.source, fact.target LIMIT $evidencePerArticle
          }} AS art
      } AS articles
    ORDER BY i`,
    { ids: [...ids], perNode: int(perNode), evidencePerArticle: int(evidencePerArticle) },
  );
}

function parseMentions(value: unknown): SampleArticle['mentions'] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
      .map((m) => ({ text: String(m['text'] ?? ''), start: Number(m['start'] ?? 0), end: Number(m['end'] ?? 0) }));
  } catch {
    return [];
  }
}

const str = (v: unknown): string | null => { const p = plain(v); return p === null ? null : String(p); };

export async function findSampledNodes(db: Db, ids: readonly string[], perNode = 2, evidencePerArticle = 3): Promise<SampledNode[]> {
  if (ids.length === 0) return [];
  const res = await run(db, sampledNodesStatement(ids, perNode, evidencePerArticle));
  return res.records.map((r) => ({
    entity: toEntity(r.get('e') as Record<string, unknown>),
    participants: (r.get('participants') as Record<string, unknown>[]).map((p) => ({
      id: String(p['id']), name: String(p['name'] ?? p['id']), kind: str(p['kind']), role: String(p['role']),
    })),
    places: (r.get('places') as Record<string, unknown>[]).map((p) => ({ id: String(p['id']), name: String(p['name'] ?? p['id']) })),
    articles: (r.get('articles') as Record<string, unknown>[]).map((a) => ({
      articleId: String(a['articleId']),
      title: str(a['title']),
      source: str(a['source']),
      publishedAt: str(a['publishedAt']),
      mentions: parseMentions(a['mentions']),
      resolvedBy: str(a['resolvedBy']),
      text: str(a['text']) ?? '',
      evidence: (a['evidence'] as Record<string, unknown>[]).map((ev) => ({
        type: String(ev['type']), source: String(ev['source']), target: String(ev['target']), sentence: str(ev['sentence']) ?? '',
      })),
    })),
  }));
}
