// The resolution look-ups (the port server/resolve asks through): existing entities by id or
// alias key, and candidate events around each wanted event's date. The writer runs them inside
// its transaction; resolveAgainstGraph runs them as plain reads.
import type { Extraction } from '../../extractors/contract.js';
import type { ArticleInput } from '../../ingest/index.js';
import {
  dateRange,
  EVENT_MATCH_DAYS,
  resolveArticleGraph,
  type EventWanted,
  type ExistingEntity,
  type ExistingEvent,
  type ResolutionLookup,
  type ResolvedGraph,
} from '../../resolve/index.js';
import type { Db } from '../driver.js';
import { asReads, type Run } from './run.js';
import { findEntitiesStatement, findEventsStatement } from './statements.js';
import { storyEventsStatement } from './stories.js';
import { STORY_RULE } from '../../resolve/stories.js';

/** The story an article joins, decided once per write from its resolved actor and place ids (the writer keeps the decision). */
export interface StoryPort {
  storyOf(entityIds: string[]): Promise<string | null>;
}

export interface EventWindows {
  windows: { eventType: string; lo: string; hi: string }[];
  coarse: { eventType: string; date: string }[];
  /** Undated events are found by the days they were reported: first report from \`from\` to \`hi\`, last report from \`lo\`. */
  undated: { eventType: string; from: string; lo: string; hi: string }[];
}

/** How long before a window an undated happening's first report may be and its later reports still match it. */
export const UNDATED_REPORT_SPAN_DAYS = 30;

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The date windows the event look-up searches for each wanted event: every day within
 * EVENT_MATCH_DAYS of its date's range (as a YYYY-MM-DD range), and the months and years that
 * window touches (coarser dates overlap it too). The resolver then checks the gap exactly.
 */
export function eventWindows(wanted: readonly EventWanted[]): EventWindows {
  const windows: EventWindows['windows'] = [];
  const coarse = new Map<string, { eventType: string; date: string }>();
  const undated: EventWindows['undated'] = [];
  for (const w of wanted) {
    const range = w.date ? dateRange(w.date) : null;
    if (!range) continue;
    const days = w.windowDays ?? EVENT_MATCH_DAYS;
    const lo = range[0] - days * DAY;
    const hi = range[1] + days * DAY;
    windows.push({ eventType: w.eventType, lo: iso(lo), hi: iso(hi) });
    undated.push({ eventType: w.eventType, from: iso(lo - UNDATED_REPORT_SPAN_DAYS * DAY), lo: iso(lo), hi: iso(hi) });
    for (let t = lo; t <= hi + DAY; t += DAY) {
      const day = iso(Math.min(t, hi));
      for (const date of [day.slice(0, 4), day.slice(0, 7)]) coarse.set(`${w.eventType}|${date}`, { eventType: w.eventType, date });
    }
  }
  return { windows, coarse: [...coarse.values()], undated };
}

/**
 * The look-up port over a Run; `articleId` is the article being resolved (its own mentions are
 * told apart). With a story port its events are also compared with the events of its story.
 */
export function lookupVia(run: Run, articleId: string | null, story?: StoryPort): ResolutionLookup {
  return {
    ...(story && {
      async findStoryEvents(entityIds: string[], eventTypes: string[], limit: number) {
        const storyId = await story.storyOf(entityIds);
        if (!storyId) return [];
        const res = await run(storyEventsStatement(storyId, articleId ?? '', eventTypes, STORY_RULE.summaryArticles, limit));
        return res.records.map((r) => r.toObject() as unknown as ExistingEvent);
      },
    }),
    async findEntities(ids, keys) {
      const res = await run(findEntitiesStatement(ids, keys, articleId));
      return res.records.map((r) => r.toObject() as unknown as ExistingEntity);
    },
    async findEvents(participantIds, wanted) {
      const res = await run(findEventsStatement(participantIds, articleId, eventWindows(wanted)));
      return res.records.map((r) => r.toObject() as unknown as ExistingEvent);
    },
  };
}

/** Resolves an extraction against the graph as it is now, without writing (seed --dry-run, ingest-service). */
export async function resolveAgainstGraph(db: Db, article: Pick<ArticleInput, 'id'>, extraction: Extraction): Promise<ResolvedGraph> {
  return resolveArticleGraph(article.id, extraction, lookupVia(asReads(db), article.id));
}
