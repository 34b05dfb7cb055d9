// A deterministic generator of realistic, varied news articles for benchmarks and load tests:
// the same seed always yields the same corpus, so runs on different machines measure the same
// work. Articles are built from sentence templates over a lexicon of well-known leaders,
// countries, organisations and issues (bench/corpus-lexicon.json) plus invented officials, with
// quotes, amounts, dates and places, so they exercise the extractor the way wire copy does.
import { readFileSync } from 'node:fs';
import type { ArticleInput } from '../server/ingest/index.js';

interface Lexicon {
  leaders: [string, string, string][];
  officials: [string, string][];
  countries: string[];
  demonyms: Record<string, string>;
  cities: [string, string][];
  organizations: string[];
  issues: [string, string][];
  outlets: string[];
  reporters: string[];
  weekdays: string[];
  groups: string[];
}

const LEXICON = JSON.parse(readFileSync(new URL('./corpus-lexicon.json', import.meta.url), 'utf8')) as Lexicon;

/** mulberry32: small, fast and good enough for choosing words. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(readonly rand: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }
  one<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.rand() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }
  other<T>(items: readonly T[], not: T): T {
    for (let i = 0; i < 20; i++) {
      const item = this.one(items);
      if (item !== not) return item;
    }
    return items.find((i) => i !== not) ?? not;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  /** Zipf-like: the first items are picked far more often than the last (news has hubs). */
  skewed<T>(items: readonly T[], s = 1.1): T {
    const weights = zipfWeights(items.length, s);
    const x = this.rand() * (weights.at(-1) ?? 1);
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((weights[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const i = lo;
    const item = items[i < 0 ? items.length - 1 : i];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }
}

const ZIPF = new Map<string, number[]>();
/** Cumulative weights 1/(i+1)^s, cached per (n, s). */
function zipfWeights(n: number, s: number): number[] {
  const key = `${n}:${s}`;
  let w = ZIPF.get(key);
  if (!w) {
    w = [];
    let sum = 0;
    for (let i = 0; i < n; i++) w.push((sum += 1 / (i + 1) ** s));
    ZIPF.set(key, w);
  }
  return w;
}

// Invented officials, long-tailed: a few thousand names, most of them in one or two articles.
const FIRST = ['Anna', 'Boris', 'Clara', 'David', 'Elena', 'Farid', 'Greta', 'Hassan', 'Ines', 'Jonas', 'Kira', 'Luca', 'Mira', 'Nikolai', 'Olga', 'Pavel', 'Rosa', 'Samir', 'Tara', 'Viktor'];
const LAST = [
  'Abara', 'Berglund', 'Castell', 'Dimitrov', 'Eriksen', 'Fontaine', 'Gallardo', 'Halvorsen', 'Ivanova', 'Jovanovic',
  'Kowalczyk', 'Lindgren', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quintero', 'Rasmussen', 'Santoro', 'Takahashi',
  'Urquhart', 'Vasquez', 'Wojcik', 'Xenakis', 'Yilmaz', 'Zeller', 'Achebe', 'Brennan', 'Costa', 'Duarte',
  'Esposito', 'Ferreira', 'Gruber', 'Horvath', 'Iqbal', 'Jensen', 'Kaminski', 'Laurent', 'Mendes', 'Nakamura',
  'Oliveira', 'Pereira', 'Romano', 'Schmidt', 'Tanaka', 'Ulrich', 'Varga', 'Weber', 'Young', 'Zhukov',
];
const TITLES_OF_OFFICIALS = ['trade minister', 'deputy foreign minister', 'finance minister', 'energy minister', 'chief negotiator', 'defence minister'];
const INVENTED = Array.from({ length: FIRST.length * LAST.length }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);

interface Cast {
  lead: [string, string, string];
  counterpart: [string, string, string];
  official: [string, string];
  officialCountry: string;
  country: string;
  rival: string;
  org: string;
  issue: string;
  issue2: string;
  city: string;
  day: string;
  amount: string;
  percent: number;
  group: string;
  /** People already named in full: later references use the surname, as reporters do. */
  introduced: Set<string>;
}

/** Full name with title on first reference, surname afterwards. */
function ref(c: Cast, person: [string, string, string]): string {
  if (c.introduced.has(person[0])) return surname(person[0]);
  c.introduced.add(person[0]);
  return `${person[1]} ${person[0]}`;
}

function surname(name: string): string {
  const parts = name.split(' ');
  // "Lula da Silva", "von der Leyen" keep their particles; otherwise the last word.
  const particle = parts.findIndex((p, i) => i > 0 && /^(da|de|von|van|der)$/.test(p));
  if (particle > 0) return parts.slice(particle).join(' ');
  if (/^(Xi|Li|Wang|Yoon) /.test(name)) return parts[0] ?? name;
  return parts[parts.length - 1] ?? name;
}

const OPENINGS: ((c: Cast) => string)[] = [
  (c) =>
    `${ref(c, c.lead)} met with ${ref(c, c.counterpart)} in ${c.city} on ${c.day} to discuss ${c.issue}, as both governments sought to ease tensions over ${c.issue2}.`,
  (c) => `${c.country} imposed new sanctions on ${c.rival} on ${c.day}, citing concerns over ${c.issue} and warning that further measures could follow.`,
  (c) => `Negotiators from ${c.country} and ${c.rival} ended two days of talks in ${c.city} on ${c.day} without an agreement on ${c.issue}, officials said.`,
  (c) => `Thousands of ${c.group} marched through ${c.city} on ${c.day} to protest against the government's handling of ${c.issue}.`,
  (c) => `The ${c.org} said on ${c.day} that it was deeply concerned about ${c.issue} and urged ${c.country} and ${c.rival} to return to dialogue.`,
  (c) => `${ref(c, c.lead)} announced on ${c.day} that ${c.country} would raise tariffs on ${c.amount} of goods from ${c.rival} from 10% to ${c.percent}%.`,
];

const BODY: ((c: Cast) => string)[] = [
  (c) => `“We have made real progress on ${c.issue}, but serious differences remain,” ${ref(c, c.lead)} told reporters after the meeting.`,
  (c) => `${ref(c, c.counterpart)} said the talks had been “frank and constructive” and that a further round would be held in ${c.city} next month.`,
  (c) => `${c.official[0]}, the ${c.officialCountry === c.country ? '' : `${LEXICON.demonyms[c.officialCountry] ?? c.officialCountry} `}${c.official[1]}, accused ${c.rival} of failing to honour earlier commitments on ${c.issue}.`,
  (c) => `${c.rival} denied the accusations and said its policies on ${c.issue} were in line with international law.`,
  (c) => `Analysts said the dispute over ${c.issue} could cost the global economy as much as ${c.amount} a year.`,
  (c) => `The ${c.org} has repeatedly called for restraint, and its officials are expected to visit ${c.city} later this month.`,
  (c) => `${ref(c, c.lead)} has made ${c.issue2} a central theme of the government's agenda since taking office.`,
  (c) => `${c.official[0]} is due to travel to ${c.city} on ${c.day} for a meeting with representatives of the ${c.org}.`,
  (c) => `Police in ${c.city} arrested 12 ${c.group} after clashes near the parliament, local media reported.`,
  (c) => `${c.country} and ${c.rival} signed an agreement on ${c.issue2} in ${c.city} in 2021, but both sides have since accused each other of violating it.`,
  (c) => `The ${c.org} warned that ${c.issue} could push ${c.percent}% more people into poverty by the end of the decade.`,
  (c) => `“This is not a decision we take lightly,” ${ref(c, c.lead)} said in a statement, adding that ${c.country} remained open to talks.`,
  (c) => `Officials in ${c.rival} said they supported efforts to resolve the dispute over ${c.issue} but opposed any new sanctions.`,
  (c) => `Markets fell sharply after the announcement, with shares in ${c.city} down ${(c.percent / 10).toFixed(1)}% by the close of trading.`,
  (c) => `${ref(c, c.counterpart)} is expected to raise ${c.issue2} when he addresses the ${c.org} in ${c.city} next week.`,
  (c) => `Critics, including several ${c.group}, said the government had ignored warnings about ${c.issue} for years.`,
  (c) => `The talks followed a phone call between ${ref(c, c.lead)} and ${ref(c, c.counterpart)} in which both leaders stressed the need for stability.`,
  (c) => `A spokesperson for the ${c.org} declined to comment on the negotiations.`,
];

const CLOSINGS: ((c: Cast) => string)[] = [
  (c) => `It was not immediately clear when negotiations on ${c.issue} would resume.`,
  (c) => `A further meeting between ${ref(c, c.lead)} and ${ref(c, c.counterpart)} is planned for next month in ${c.city}.`,
  (c) => `The ${c.org} is expected to publish a report on ${c.issue2} before the end of the year.`,
];

const TITLES: ((c: Cast) => string)[] = [
  (c) => `${ref(c, c.lead)} and ${ref(c, c.counterpart)} meet in ${c.city} as ${c.issue} dispute deepens`,
  (c) => `${c.country} steps up pressure on ${c.rival} over ${c.issue}`,
  (c) => `Talks on ${c.issue} stall in ${c.city}`,
  (c) => `${c.org} warns of fallout from ${c.issue}`,
  (c) => `Protests in ${c.city} over ${c.issue} enter second day`,
];

export interface CorpusOptions {
  /** Number of articles. */
  count: number;
  /** PRNG seed; the same seed and count give the same articles. */
  seed?: number;
  /** Prefix of every article id (keeps benchmark data apart from real data). */
  idPrefix?: string;
  /** Approximate paragraphs per article (min, max). */
  paragraphs?: [number, number];
}

// Realistic hubs: leaders, countries, organisations and issues are picked Zipf-like (a few of
// them appear in most articles), officials mostly from a long tail of invented names.
function castFor(p: Picker): Cast {
  const lead = p.skewed(LEXICON.leaders, 1.3);
  let counterpart = p.skewed(LEXICON.leaders, 1.1);
  if (counterpart === lead) counterpart = p.other(LEXICON.leaders, lead);
  const country = lead[2] && LEXICON.countries.includes(lead[2]) ? lead[2] : p.skewed(LEXICON.countries);
  let rival = counterpart[2] !== country && LEXICON.countries.includes(counterpart[2]) ? counterpart[2] : p.skewed(LEXICON.countries);
  if (rival === country) rival = p.other(LEXICON.countries, country);
  const issue = p.skewed(LEXICON.issues)[0];
  const official: [string, string] = p.chance(0.3) ? p.one(LEXICON.officials) : [p.skewed(INVENTED, 0.8), p.one(TITLES_OF_OFFICIALS)];
  return {
    lead,
    counterpart,
    official,
    officialCountry: p.chance(0.6) ? country : rival,
    country,
    rival,
    org: p.skewed(LEXICON.organizations),
    issue,
    issue2: p.other(LEXICON.issues.map((i) => i[0]), issue),
    city: p.skewed(LEXICON.cities, 0.9)[0],
    day: p.one(LEXICON.weekdays),
    amount: p.chance(0.5) ? `$${p.int(2, 450)} billion` : `€${p.int(50, 900)} million`,
    percent: p.int(11, 45),
    group: p.one(LEXICON.groups),
    introduced: new Set(),
  };
}

function isoDate(p: Picker): string {
  const start = Date.UTC(2018, 0, 1);
  const days = p.int(0, 6 * 365);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** Builds one article; `index` makes the id and varies the content. */
export function generateArticle(index: number, opts: Omit<CorpusOptions, 'count'> = {}): ArticleInput {
  const seed = (opts.seed ?? 20190215) ^ Math.imul(index + 1, 0x9e3779b1);
  const p = new Picker(prng(seed));
  const cast = castFor(p);
  const [minP, maxP] = opts.paragraphs ?? [3, 9];
  const paragraphs: string[] = [p.one(OPENINGS)(cast)];
  const used = new Set<number>();
  const count = p.int(minP, maxP);
  for (let i = 1; i < count - 1; i++) {
    const sentences: string[] = [];
    for (let s = p.int(1, 3); s > 0; s--) {
      let k = p.int(0, BODY.length - 1);
      // Avoid repeating a sentence template within one article while others are unused.
      for (let tries = 0; used.has(k) && tries < 5; tries++) k = p.int(0, BODY.length - 1);
      used.add(k);
      sentences.push((BODY[k] as (c: Cast) => string)(cast));
      // A second cast member now and then, so relations cross articles in varied ways.
      if (p.chance(0.25)) cast.issue2 = p.other(LEXICON.issues.map((x) => x[0]), cast.issue);
    }
    paragraphs.push(sentences.join(' '));
  }
  paragraphs.push(p.one(CLOSINGS)(cast));
  const title = p.one(TITLES)(cast);
  const publishedAt = isoDate(p);
  const id = `${opts.idPrefix ?? 'bench'}-${String(index).padStart(5, '0')}`;
  return {
    id,
    text: `${title}\n\n${paragraphs.join('\n\n')}\n`,
    meta: {
      title,
      source: p.one(LEXICON.outlets),
      author: p.one(LEXICON.reporters),
      publishedAt,
      language: 'en',
    },
    origin: `corpus:${index}`,
  };
}

/** The whole corpus, in index order. */
export function generateCorpus(opts: CorpusOptions): ArticleInput[] {
  return Array.from({ length: opts.count }, (_, i) => generateArticle(i, opts));
}
