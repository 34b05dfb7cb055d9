// The web view's opening picture of a large graph: what matters now rather than the whole
// graph's hubs. Kept apart from subgraph.ts's overview so the two can change independently.
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';
import { EDGES_AMONG, EDGES_PER_NODE, toGraph } from './subgraph.js';
import { degreeOf, entityMap, int, toEdge, toEntity } from './project.js';
import type { GraphRecord } from './records.js';

type Raw = Record<string, unknown>;

/** How far back from the newest article "the latest period" reaches. */
export const LATEST_PERIOD_DAYS = 30;

/**
 * The `limit` most connected actors and issues, plus the `events` events mentioned by the most
 * articles published in the latest period (the `LATEST_PERIOD_DAYS` days up to the newest
 * article), and the folded edges among all of them. Events tie-break by their newest article.
 */
export function openingViewStatement(limit: number, events: number, edgesPerNode = EDGES_PER_NODE): Statement {
  return statement(
    `CALL () {
       MATCH (e:Entity) WHERE e:Actor OR e:Issue
       WITH e, ${degreeOf('e')} AS degree
       ORDER BY degree DESC, e.id
       WITH collect(e) AS rows
       RETURN rows[..$limit] AS hubs, size(rows) > $limit AS truncated
     }
     CALL () {
       MATCH (latest:Article) WHERE latest.publishedAt IS NOT NULL
       WITH latest ORDER BY latest.publishedAt DESC LIMIT 1
       WITH toString(date(left(toString(latest.publishedAt), 10)) - duration({days: $days})) AS since
       MATCH (a:Article)-[:MENTIONS]->(ev:Event)
       WHERE a.publishedAt >= since
       WITH ev, count(DISTINCT a) AS articles, max(a.publishedAt) AS lastSeen
       ORDER BY articles DESC, lastSeen DESC, ev.id
       LIMIT $events
       RETURN collect(ev) AS recent
     }
     WITH hubs + [ev IN recent WHERE NOT ev IN hubs] AS ns, truncated
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated, edgesTruncated`,
    { limit: int(limit), events: int(events), days: int(LATEST_PERIOD_DAYS), edgesPerNode: int(edgesPerNode) },
  );
}

export async function openingView(db: Db, limit: number, events: number, edgesPerNode = EDGES_PER_NODE): Promise<GraphRecord> {
  return toGraph((await run(db, openingViewStatement(limit, events, edgesPerNode))).records[0]);
}
