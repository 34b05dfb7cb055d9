// Finds date expressions and resolves them against the publication date: weekdays, "next week",
// month names, "March 1", "Dec. 1", explicit years, "seven months ago". The tense of the clause
// decides between the past and the coming occurrence of a weekday or month. Month, weekday and
// number names are data (../lexicons/calendar.json).
import calendarData from '../lexicons/calendar.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { CalendarSchema } from '../lexicons/schemas.js';

export type Tense = 'past' | 'future' | 'neutral';

export interface DateExpr {
  start: number;
  end: number;
  text: string;
  /** Resolved "YYYY" | "YYYY-MM" | "YYYY-MM-DD", or null without a publication date when needed. */
  resolve(tense: Tense): string | null;
}

const DAY_MS = 86_400_000;
const CALENDAR = loadLexicon('calendar.json', CalendarSchema, calendarData);
const WEEKDAYS = CALENDAR.weekdays;
/** Month number by every name and abbreviation of the month ("dec" -> 12). */
const MONTHS: Record<string, number> = Object.fromEntries(CALENDAR.months.flatMap((names, i) => names.map((n) => [n, i + 1])));
const NUMBER_WORDS: Record<string, number> = CALENDAR.numberWords;
/** Longest first, so an alternation of them takes "january" before "jan". */
const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const ym = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;

export function parsePublished(value: string | undefined | null): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

const MONTH_RE = alternation(Object.keys(MONTHS));
const WEEKDAY_RE = WEEKDAYS.join('|');
const NUMBER_RE = alternation(Object.keys(NUMBER_WORDS));
/** A month's abbreviation alone ("Mar", "Jan") is more often another word or a name. */
const AMBIGUOUS_ALONE = new RegExp(`^(?:${alternation(CALENDAR.ambiguousAbbreviations)})$`, 'i');
const FUTURE_LEAD = /\b(?:threaten(?:s|ed|ing)?|warn(?:s|ed)|vow(?:s|ed)|pledg(?:e|es|ed)|promis(?:e|es|ed)|plann?(?:s|ed|ing)?|schedul(?:e|es|ed)|propos(?:e|es|ed)|intends?|intended|will|shall|would|'ll|expected to|set to|due to)\s+(?:[\w'-]+\s+){0,5}(?:in|on|by|for|around|next|early|late|mid-?)?\s*$/;
const LOWER_MONTH = new RegExp(`\\b(?:${MONTH_RE})\\b`);
const PATTERNS: Array<{ re: RegExp; make: (m: RegExpExecArray, pub: Date | null) => ((t: Tense) => string | null) | null }> = [
  {
    // ISO dates.
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    make: (m) => () => `${m[1]}-${m[2]}-${m[3]}`,
  },
  {
    // "March 1", "Dec. 1, 2018", "March 1st".
    re: new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    make: (m, pub) => monthDay(MONTHS[m[1]!.toLowerCase()]!, Number(m[2]), m[3] ? Number(m[3]) : null, pub),
  },
  {
    // "1 March 2019".
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    make: (m, pub) => monthDay(MONTHS[m[2]!.toLowerCase()]!, Number(m[1]), m[3] ? Number(m[3]) : null, pub),
  },
  {
    // "in December", "December 2018", "last January".
    re: new RegExp(`\\b(?:(last|next|this|early|late|mid-?)\\s+)?(${MONTH_RE})\\b\\.?(?:\\s+(\\d{4})\\b)?`, 'gi'),
    make: (m, pub) => monthOnly(MONTHS[m[2]!.toLowerCase()]!, m[3] ? Number(m[3]) : null, m[1]?.toLowerCase() ?? null, pub),
  },
  {
    re: new RegExp(`\\b(?:(last|next|this|on|past)\\s+)?(${WEEKDAY_RE})\\b`, 'gi'),
    make: (m, pub) => (pub ? weekday(WEEKDAYS.indexOf(m[2]!.toLowerCase()), m[1]?.toLowerCase() ?? null, pub) : null),
  },
  {
    re: /\b(yesterday|today|tonight|tomorrow)\b/gi,
    make: (m, pub) => {
      if (!pub) return null;
      const w = m[1]!.toLowerCase();
      const shift = w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
      return () => ymd(new Date(pub.getTime() + shift * DAY_MS));
    },
  },
  {
    re: /\b(last|next|this|coming|past)\s+(week|month|year)\b/gi,
    make: (m, pub) => {
      if (!pub) return null;
      const dir = m[1]!.toLowerCase();
      const unit = m[2]!.toLowerCase();
      const sign = dir === 'last' || dir === 'past' ? -1 : dir === 'this' ? 0 : 1;
      return () => shifted(pub, unit, sign, unit === 'year' ? 'year' : 'month');
    },
  },
  {
    re: new RegExp(`\\b(?:(?:just|a little|slightly)\\s+)?(?:(?:over|about|around|nearly|almost|more than|less than|some)\\s+)?(\\d{1,3}|${NUMBER_RE})\\s+(day|week|month|year)s?\\s+ago\\b`, 'gi'),
    make: (m, pub) => {
      if (!pub) return null;
      const raw = m[1]!.toLowerCase();
      const n = /^\d/.test(raw) ? Number(raw) : NUMBER_WORDS[raw] ?? 1;
      const unit = m[2]!.toLowerCase();
      return () => shifted(pub, unit, -n, unit === 'day' ? 'day' : unit === 'year' ? 'year' : 'month');
    },
  },
  {
    // Explicit years, not amounts ("$2019") or parts of other numbers.
    re: /(?<![$€£¥\d.,-])\b(1[89]\d{2}|20\d{2})\b(?![\d%]|\s*(?:percent|people|troops|billion|million))/g,
    make: (m) => () => m[1]!,
  },
];

function shifted(pub: Date, unit: string, n: number, precision: 'day' | 'month' | 'year'): string {
  const d = new Date(pub.getTime());
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n, Math.min(d.getUTCDate(), 28));
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return precision === 'day' ? ymd(d) : precision === 'month' ? ym(d) : String(d.getUTCFullYear());
}

function weekday(target: number, modifier: string | null, pub: Date): (t: Tense) => string {
  return (tense) => {
    const today = pub.getUTCDay();
    let delta: number;
    if (modifier === 'next' || (modifier !== 'last' && modifier !== 'past' && tense === 'future')) {
      delta = (target - today + 7) % 7 || 7;
    } else {
      delta = -((today - target + 7) % 7);
      if (modifier === 'last' && delta === 0) delta = -7;
    }
    return ymd(new Date(pub.getTime() + delta * DAY_MS));
  };
}

function monthDay(month: number, day: number, year: number | null, pub: Date | null): ((t: Tense) => string | null) | null {
  if (day < 1 || day > 31) return null;
  return (tense) => {
    let y = year;
    if (y === null) {
      if (!pub) return null;
      y = nearestYear(pub, month, day, tense);
    }
    return `${y}-${pad(month)}-${pad(day)}`;
  };
}

/** The year that puts month/day closest to publication, leaning to the tense's side. */
function nearestYear(pub: Date, month: number, day: number, tense: Tense): number {
  const py = pub.getUTCFullYear();
  const candidates = [py - 1, py, py + 1].map((y) => ({ y, t: Date.UTC(y, month - 1, day) }));
  const p = pub.getTime();
  const eligible = candidates.filter((c) => (tense === 'past' ? c.t <= p : tense === 'future' ? c.t >= p : true));
  const pool = eligible.length ? eligible : candidates;
  pool.sort((a, b) => Math.abs(a.t - p) - Math.abs(b.t - p));
  const best = pool[0]!;
  // Past tense cannot reach further back than a year; future tense likewise forward.
  return best.y;
}

function monthOnly(month: number, year: number | null, modifier: string | null, pub: Date | null): ((t: Tense) => string | null) | null {
  return (tense) => {
    if (year !== null) return `${year}-${pad(month)}`;
    if (!pub) return null;
    const py = pub.getUTCFullYear();
    const pm = pub.getUTCMonth() + 1;
    let y: number;
    const t: Tense = modifier === 'last' ? 'past' : modifier === 'next' ? 'future' : modifier === 'this' ? 'neutral' : tense;
    if (t === 'past') y = month <= pm ? py : py - 1;
    else if (t === 'future') y = month >= pm ? py : py + 1;
    else y = Math.abs(month - pm) <= 6 ? py : month > pm ? py - 1 : py + 1;
    if (modifier === 'last' && month === pm) y = py - 1;
    if (modifier === 'next' && month === pm) y = py + 1;
    return `${y}-${pad(month)}`;
  };
}

/** Date expressions in `text` (a sentence starting at absolute offset `base`), longest first wins. */
export function findDates(text: string, base: number, pub: Date | null): DateExpr[] {
  const found: DateExpr[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      const start = base + m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      // Month names count only capitalised: "may" and "march" are verbs.
      if (LOWER_MONTH.test(m[0])) continue;
      if (/^May$/.test(m[0]) && m.index === 0) continue;
      if (AMBIGUOUS_ALONE.test(m[0].trim())) continue;
      const made = p.make(m, pub);
      if (!made) continue;
      // The preposition outranks the clause's tense: "held until March 12" looks forward,
      // "since May" looks back, whatever the verb says.
      const lead = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
      const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
      const forced: Tense | null = /\b(?:until|till|by|before|ahead of|no later than)\s+(?:\w+\s+){0,2}(?:on\s+)?$/.test(lead) && !/\bsince\b/.test(lead)
        ? 'future'
        : /\bsince\s+(?:on\s+)?$/.test(lead) ? 'past'
        // What is threatened, promised or planned lies ahead, whatever the tense of the verb:
        // "threatened a strike in April if ...", "vowed to hold a vote in June", "will meet in March".
        : m[0].length > 0 && (FUTURE_LEAD.test(lead) || /^\s*,?\s*(?:if|unless|provided)\b/.test(tail)) ? 'future' : null;
      const r = forced ? () => made(forced) : made;
      found.push({ start, end, text: m[0], resolve: r });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
