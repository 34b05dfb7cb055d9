// The WHERE conditions of the filtered entity lists (actors, issues, events, places), built from
// filters the resolvers have already checked. Each condition is constant Cypher text plus the
// parameters it uses; patterns walk fact relationships only (never a hub's MENTIONS).
import { FACT_TYPES } from './project.js';
import { nameContains, type Condition } from './entities.js';

const cond = (cypher: string, params: Record<string, unknown>): Condition => ({ cypher, params });
const F = `[:${FACT_TYPES}]`;
const inArticle = (article: string) => cond('EXISTS { (:Article {id: $article})-[:MENTIONS]->(e) }', { article });

export interface ActorFilterValues {
  kind?: 'person' | 'organization' | 'country' | 'group' | null;
  event?: string | null;
  issue?: string | null;
  article?: string | null;
  nameContains?: string | null;
}

export function actorConditions(f: ActorFilterValues): Condition[] {
  const c: Condition[] = [];
  if (f.kind) c.push(cond('e.kind = $kind', { kind: f.kind }));
  if (f.event) c.push(cond(`EXISTS { (e)-${F}-(:Event {id: $event}) }`, { event: f.event }));
  if (f.issue) c.push(cond(`(EXISTS { (e)-${F}-(:Issue {id: $issue}) } OR EXISTS { (e)-${F}-(:Event)-${F}-(:Issue {id: $issue}) })`, { issue: f.issue }));
  if (f.article) c.push(inArticle(f.article));
  if (f.nameContains) c.push(nameContains(f.nameContains));
  return c;
}

export interface IssueFilterValues {
  actor?: string | null;
  article?: string | null;
  nameContains?: string | null;
}

export function issueConditions(f: IssueFilterValues): Condition[] {
  const c: Condition[] = [];
  if (f.actor) c.push(cond(`(EXISTS { (e)-${F}-(:Actor {id: $actor}) } OR EXISTS { (e)-${F}-(:Event)-${F}-(:Actor {id: $actor}) })`, { actor: f.actor }));
  if (f.article) c.push(inArticle(f.article));
  if (f.nameContains) c.push(nameContains(f.nameContains));
  return c;
}

export interface EventFilterValues {
  from?: string | null;
  toHi?: string | null;
  eventType?: string | null;
  status?: 'occurred' | 'planned' | 'hypothetical' | 'negated' | 'denied' | null;
  involving?: string | null;
  concerning?: string | null;
  at?: string | null;
  article?: string | null;
  /** ISO 3166-1 alpha-2: events at a place in this country. */
  country?: string | null;
  /** Events at a place within `km` of the point. */
  near?: { lat: number; lon: number; km: number } | null;
}

export function eventConditions(f: EventFilterValues): Condition[] {
  const c: Condition[] = [];
  if (f.from) c.push(cond('e.date >= $from', { from: f.from }));
  if (f.toHi) c.push(cond('e.date <= $toHi', { toHi: f.toHi }));
  if (f.eventType) c.push(cond('e.eventType = $eventType', { eventType: f.eventType }));
  if (f.status) c.push(cond('e.status = $status', { status: f.status }));
  if (f.involving) c.push(cond(`EXISTS { (e)-${F}-(:Actor {id: $involving}) }`, { involving: f.involving }));
  if (f.concerning) c.push(cond(`EXISTS { (e)-${F}-(:Issue {id: $concerning}) }`, { concerning: f.concerning }));
  if (f.at) c.push(cond(`EXISTS { (e)-${F}-(:Place {id: $at}) }`, { at: f.at }));
  if (f.article) c.push(inArticle(f.article));
  if (f.country) c.push(cond('EXISTS { (e)-[:LOCATED_IN]->(p:Place) WHERE p.countryCode = $country }', { country: f.country }));
  if (f.near) {
    c.push(cond(
      'EXISTS { (e)-[:LOCATED_IN]->(p:Place) WHERE point.distance(p.location, point({latitude: $nearLat, longitude: $nearLon})) <= $nearMetres }',
      { nearLat: f.near.lat, nearLon: f.near.lon, nearMetres: f.near.km * 1000 },
    ));
  }
  return c;
}

export interface PlaceFilterValues {
  article?: string | null;
  nameContains?: string | null;
}

export function placeConditions(f: PlaceFilterValues): Condition[] {
  const c: Condition[] = [];
  if (f.article) c.push(inArticle(f.article));
  if (f.nameContains) c.push(nameContains(f.nameContains));
  return c;
}
