// Which story an article joins (pure, no I/O): the decision rule over the candidates the
// full-text index found (server/db/writes/stories.ts). Weights and thresholds are data
// (lexicons/stories.json); what matched is returned so the IN_STORY link can say it.
import rulesData from '../lexicons/stories.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { StoriesSchema } from '../lexicons/schemas.js';
import type { z } from 'zod';

export type StoryRule = z.output<typeof StoriesSchema>;

export const STORY_RULE: StoryRule = loadLexicon('stories.json', StoriesSchema, rulesData);

/** What an article brings to story assignment. */
export interface StoryProfile {
  articleId: string;
  /** YYYY-MM-DD… or null. */
  publishedAt: string | null;
  /** Actor and place ids the article mentions. */
  entityIds: readonly string[];
}

/** One candidate story, as the full-text look-up found it. */
export interface StoryCandidate {
  storyId: string;
  firstDate: string | null;
  lastDate: string | null;
  /** The story's most-mentioned actor and place ids. */
  entityIds: readonly string[];
  /** Best BM25 score of one of its articles against this one, over the article's own score (0..1). */
  text: number;
  /** The story article that scored `text`. */
  viaArticle: string;
}

export interface StoryScores {
  text: number;
  entities: number;
  time: number;
  total: number;
  sharedEntities: string[];
  gapDays: number | null;
}

export interface StoryDecision {
  /** The story joined, or null: the article starts one. */
  storyId: string | null;
  score: number;
  /** What matched, e.g. ["text:0.62 via a1", "entities:place:qeshm", "time:0d"]; empty for a new story. */
  matchedOn: string[];
}

const DAY = 86_400_000;

function dayOf(date: string | null): number | null {
  if (!date) return null;
  // "YYYY", "YYYY-MM" and full dates: coarse dates count from their first day.
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)) / DAY;
}

/** Days between a date and a range (0 inside it); null when either is unknown. */
export function gapDays(date: string | null, first: string | null, last: string | null): number | null {
  const d = dayOf(date);
  const lo = dayOf(first ?? last);
  const hi = dayOf(last ?? first);
  if (d === null || lo === null || hi === null) return null;
  return d < lo ? lo - d : d > hi ? d - hi : 0;
}

export function scoreCandidate(profile: StoryProfile, c: StoryCandidate, rule: StoryRule = STORY_RULE): StoryScores {
  const mine = new Set(profile.entityIds);
  const sharedEntities = [...new Set(c.entityIds)].filter((id) => mine.has(id)).sort();
  const smaller = Math.min(mine.size, new Set(c.entityIds).size);
  const entities = smaller === 0 ? 0 : sharedEntities.length / smaller;
  const gap = gapDays(profile.publishedAt, c.firstDate, c.lastDate);
  const time = gap === null ? rule.unknownTime : gap > rule.maxGapDays ? 0 : Math.pow(0.5, gap / rule.halfLifeDays);
  const text = Math.max(0, Math.min(1, c.text));
  const total = rule.weights.text * text + rule.weights.entities * entities + rule.weights.time * time;
  return { text, entities, time, total, sharedEntities, gapDays: gap };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The best candidate the rule lets the article join, or a new story. Ties go to the smaller story id (deterministic). */
export function decideStory(profile: StoryProfile, candidates: readonly StoryCandidate[], rule: StoryRule = STORY_RULE): StoryDecision {
  let best: { c: StoryCandidate; s: StoryScores } | null = null;
  for (const c of candidates) {
    const s = scoreCandidate(profile, c, rule);
    if (s.text < rule.minText || s.total < rule.threshold) continue;
    if (s.gapDays !== null && s.gapDays > rule.maxGapDays) continue;
    if (!best || s.total > best.s.total || (s.total === best.s.total && c.storyId < best.c.storyId)) best = { c, s };
  }
  if (!best) return { storyId: null, score: 0, matchedOn: [] };
  const { c, s } = best;
  const matchedOn = [`text:${round(s.text)} via ${c.viaArticle}`];
  if (s.sharedEntities.length) matchedOn.push(`entities:${s.sharedEntities.join('|')}`);
  matchedOn.push(s.gapDays === null ? 'time:unknown' : `time:${s.gapDays}d`);
  return { storyId: c.storyId, score: round(s.total), matchedOn };
}

/**
 * Candidate stories from full-text hits over earlier articles: each story scored by its best
 * article, normalised by the article's score against itself (the hit for its own id; the best
 * hit when the index did not return it).
 */
export function candidatesFromHits(
  articleId: string,
  hits: readonly { articleId: string; score: number; storyId: string | null; firstDate: string | null; lastDate: string | null; entityIds: readonly string[] | null }[],
): StoryCandidate[] {
  const self = hits.find((h) => h.articleId === articleId)?.score ?? Math.max(0, ...hits.map((h) => h.score));
  const byStory = new Map<string, StoryCandidate>();
  for (const h of hits) {
    if (h.articleId === articleId || h.storyId === null || self <= 0) continue;
    const text = h.score / self;
    const prev = byStory.get(h.storyId);
    if (!prev || text > prev.text) {
      byStory.set(h.storyId, { storyId: h.storyId, firstDate: h.firstDate, lastDate: h.lastDate, entityIds: h.entityIds ?? [], text, viaArticle: h.articleId });
    }
  }
  return [...byStory.values()].sort((a, b) => (a.storyId < b.storyId ? -1 : 1));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The text an article is found by: its title, then the start of its body. */
export function storyText(title: string | null, text: string, rule: StoryRule = STORY_RULE): string {
  return `${title ?? ''}\n${text.slice(0, rule.textChars)}`.trim();
}

/**
 * A Lucene query of the article's distinct words (letters and digits only, so nothing in it is
 * query syntax), in order of first use, at most queryTerms. The english analyzer drops stop words.
 */
export function storyQuery(text: string, rule: StoryRule = STORY_RULE): string {
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (w.length < 3 || /^\d+$/.test(w) || seen.has(w)) continue;
    seen.add(w);
    if (seen.size >= rule.queryTerms) break;
  }
  return [...seen].join(' ');
}
