// The schema of every lexicon in this folder, checked when the file is loaded (./load.ts). A file
// here without an entry in LEXICON_SCHEMAS fails the unit tests. Imports nothing but zod, so the
// built-in tokenizer can check its data without loading the rules.
import { z } from 'zod';

/** Free-text notes for people editing the file. */
const Doc = z.union([z.string(), z.array(z.string())]).optional();
const Text = z.string().min(1);
const Texts = z.array(Text);
/** Compared with a token's lower-case form, so an entry with a capital would never match. */
const Word = Text.refine((w) => w === w.toLowerCase(), { message: 'must be lower case' });
const Words = z.array(Word).min(1);

/** A regular-expression fragment in a lexicon, checked to compile when the data is loaded. */
export const RegexFragment = z.string().min(1).refine((re) => {
  try {
    new RegExp(re, 'iu');
    return true;
  } catch {
    return false;
  }
}, { message: 'not a valid regular expression' });

/** A whole regular expression, checked to compile with the flags its reader uses. */
const Pattern = (flags: string) =>
  z.string().min(1).refine((re) => {
    try {
      new RegExp(re, flags);
      return true;
    } catch {
      return false;
    }
  }, { message: 'not a valid regular expression' });

export const AbbreviationsSchema = z.object({ _format: Doc, abbreviations: Words }).strict();

export const CalendarSchema = z
  .object({
    _format: Doc,
    months: z.array(Words).length(12),
    weekdays: Words.length(7),
    numberWords: z.record(Word, z.number().int().positive()),
    ambiguousAbbreviations: Words,
  })
  .strict();

export const CountriesSchema = z
  .object({ _format: Doc, countries: z.array(z.tuple([Text, Texts, Texts, Texts])) })
  .strict();

export const FunctionWordsSchema = z
  .object({ _format: Doc, articles: Words, possessives: Words, connectives: Words, personPronouns: Words, clauseWords: Words, speechVerbs: Words })
  .strict();

export const GroupsSchema = z
  .object({ _format: Doc, _weakHeads: Doc, heads: Texts, weakHeads: Texts, modifierStops: Words })
  .strict();

export const NamesSchema = z
  .object({ _format: Doc, given: Texts, familyFirst: Texts, nonNames: Texts, particles: Words, joiners: Words })
  .strict();

export const NonActorsSchema = z
  .object({
    _format: Doc,
    facilityHeads: Texts,
    facilityExceptions: Texts,
    competitionHeads: Texts,
    workNouns: Texts,
    productNouns: Texts,
    businessHeads: Texts,
    numberedBroadcasters: Words,
  })
  .strict();

export const ORG_CATEGORIES = ['intl', 'media', 'government', 'company', 'party', 'court'] as const;
export const OrganizationsSchema = z
  .object({
    _format: Doc,
    organizations: z.array(z.tuple([Text, Texts, Text.nullable(), z.enum(ORG_CATEGORIES)])),
    suffixes: Words,
    prefixes: Words,
    descriptors: Words,
    governmentNouns: Words,
  })
  .strict();

export const PeopleSchema = z
  .object({ _format: Doc, people: z.array(z.tuple([Text, Texts, Text.nullable(), Text.nullable()])) })
  .strict();

export const PlacesSchema = z
  .object({
    _format: Doc,
    /** [name, country, aliases, the gazetteer's (GeoNames) name when it is another: "Köln" for Cologne]. */
    cities: z.array(z.union([z.tuple([Text, Text, Texts]), z.tuple([Text, Text, Texts, Text])])),
    regions: z.array(z.tuple([Text, Text, Texts])),
    admin: z.array(z.tuple([z.string().regex(/^[A-Z]{2}$/), Text, Texts])),
    locative: Words,
    placeOnly: Words,
    eventNouns: Words,
    nameModifiers: Words,
    /** Words that name a gazetteer region somewhere but, alone, are a direction ("East", "Central"). */
    notRegions: Words,
  })
  .strict();

export const TitlesSchema = z
  .object({ _format: Doc, leader: Texts, role: Texts, honorifics: Texts, links: Words, headOfState: Words, deputy: Words })
  .strict();

export const STANCE_TYPES = ['SUPPORTS', 'OPPOSES', 'CONCERNED_ABOUT', 'DENIED'] as const;
export const StancesSchema = z
  .object({
    _format: Doc,
    cues: z.array(z.object({ type: z.enum(STANCE_TYPES), re: Pattern('gi'), all: z.boolean().optional() }).strict()).min(1),
    accuse: Pattern('gi'),
  })
  .strict();

const IssueTemplate = z.string().regex(/\{x\}/, 'a template names the phrase as {x}');
export const IssuesSchema = z
  .object({
    _format: Doc,
    issues: z.array(z.object({ key: z.string().regex(/^[a-z0-9-]+$/), name: Text, phrases: z.array(RegexFragment).min(1) }).strict()),
    frames: z.array(z.object({ re: RegexFragment, name: IssueTemplate }).strict()).default([]),
    compounds: z.array(z.object({ head: RegexFragment, name: IssueTemplate }).strict()).default([]),
    synonyms: z.array(z.object({ name: Text, variants: Texts.min(1), parent: z.string().optional() }).strict()).default([]),
    phraseOpeners: Words,
    phraseStops: Words,
    generic: Words,
  })
  .strict()
  .superRefine((d, ctx) => {
    const keys = new Set(d.issues.map((i) => i.key));
    d.synonyms.forEach((s, i) => {
      if (s.parent && !keys.has(s.parent)) ctx.addIssue({ code: 'custom', path: ['synonyms', i, 'parent'], message: `unknown issue "${s.parent}"` });
    });
  });

// The event taxonomy (events.json), compiled into triggers by server/rules/taxonomy.ts.
export const EVENT_CATEGORIES = ['life', 'movement', 'transaction', 'business', 'conflict', 'contact', 'personnel', 'justice', 'disaster', 'politics', 'sport', 'culture', 'science'] as const;
export const ARGUMENT_ROLES = ['agent', 'patient', 'place', 'time', 'amount'] as const;
/** Slots a name template may use. */
export const NAME_SLOTS = ['agent', 'patient', 'place', 'participants', 'year'] as const;

const Roles = z.record(z.enum(ARGUMENT_ROLES), z.array(z.string().regex(/^[a-z]+(?::[a-z_]+)?$/, 'a UD relation such as "obj" or "obl:in"')));
const NameTemplate = z
  .string()
  .min(1)
  .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => (NAME_SLOTS as readonly string[]).includes(m[1]!)), { message: `slots must be among ${NAME_SLOTS.join(', ')}` });

export const EventTypeSchema = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    label: Text,
    cameo: z.string().regex(/^(?:0[1-9]|1\d|20)$/).nullable(),
    goldstein: z.number().min(-10).max(10).nullable(),
    verbs: Texts.default([]),
    nouns: Texts.default([]),
    forms: z.array(RegexFragment).default([]),
    roles: Roles.optional(),
    name: z.array(NameTemplate).min(1),
    windowDays: z.number().int().min(0).max(3650).default(3),
    locatable: z.boolean().default(false),
    amounts: z.boolean().default(false),
    said: z.boolean().default(false),
    speech: z.boolean().default(false),
    verbal: z.boolean().default(false),
    family: z.string().optional(),
    passiveOnly: z.boolean().default(false),
    consequence: z.boolean().default(false),
    /** Deaths, injuries and evacuations told in its sentence are its consequences (a quake, an attack; not a charge). */
    hostsConsequences: z.boolean().default(false),
    /** Whoever a statement in its sentence comes from or is told to tells of it and takes no part in it ("officials said the quake…"); without it, one who comments on the happening took part (negotiators on their talks). */
    sourcesApart: z.boolean().default(false),
    /** The consequence type a trigger of this type is when another happening is its subject ("a quake killed 500"). */
    consequenceType: z.string().optional(),
    stance: z.boolean().default(false),
    regionalPlace: z.boolean().default(false),
  })
  .strict()
  .refine((t) => (t.cameo === null) === (t.goldstein === null), { message: 'cameo and goldstein are both set or both null' });

export const TaxonomySchema = z
  .object({
    _format: Doc,
    roles: Roles,
    types: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), EventTypeSchema),
    triggers: z.array(z.object({ type: z.string(), noun: z.boolean().optional(), re: RegexFragment }).strict()).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const [id, t] of Object.entries(d.types)) {
      if (t.consequenceType !== undefined && !d.types[t.consequenceType]?.consequence)
        ctx.addIssue({ code: 'custom', path: ['types', id, 'consequenceType'], message: `"${t.consequenceType}" is not a consequence type` });
    }
    d.triggers.forEach((t, i) => {
      if (!d.types[t.type]) ctx.addIssue({ code: 'custom', path: ['triggers', i, 'type'], message: `unknown event type "${t.type}"` });
    });
  });

/**
 * How an article joins a story (server/resolve/stories.ts): candidate limits, the weights of the
 * three signals and the threshold the weighted sum must reach. Tuned on ECB+ dev topics by
 * eval/stories-eval.ts; see README "Stories".
 */
const Unit = z.number().min(0).max(1);
export const StoriesSchema = z
  .object({
    _format: Doc,
    /** Characters of the article (title first) that go into its text for similarity. */
    textChars: z.number().int().min(100).max(20_000),
    /** Most distinct terms of that text sent to the full-text query. */
    queryTerms: z.number().int().min(5).max(200),
    /** Most similar earlier articles the full-text index returns; their stories are the candidates. */
    candidateArticles: z.number().int().min(1).max(200),
    /** Most entities of a story kept on its node (by articles mentioning them) for the overlap. */
    storyEntities: z.number().int().min(1).max(200),
    weights: z.object({ text: Unit, entities: Unit, time: Unit }).strict(),
    /** The weighted sum a candidate must reach to be joined; below it the article starts a story. */
    threshold: Unit,
    /** Text similarity below this never joins, whatever the other signals say. */
    minText: Unit,
    /** Days over which time similarity halves, counted from the story's date range. */
    halfLifeDays: z.number().positive(),
    /** Beyond this many days from the story's range an article never joins it. */
    maxGapDays: z.number().positive(),
    /** Time similarity when the article or the story has no date. */
    unknownTime: Unit,
    /** A story's entities and main events are counted over its latest this many articles, so a story that
     * grows without end (a daily market report) costs the same to keep up as a small one. */
    summaryArticles: z.number().int().min(1).max(10_000),
    /** Past summaryArticles articles, the entities and main events are recounted every this many joins. */
    recountEvery: z.number().int().min(1).max(10_000),
    /** Main events kept on a story node. */
    mainEvents: z.number().int().min(1).max(50),
  })
  .strict()
  .refine((r) => Math.abs(r.weights.text + r.weights.entities + r.weights.time - 1) < 1e-6, { message: 'weights must sum to 1', path: ['weights'] });

/** Every lexicon file by name, with its schema. */
export const LEXICON_SCHEMAS = {
  'abbreviations.json': AbbreviationsSchema,
  'calendar.json': CalendarSchema,
  'countries.json': CountriesSchema,
  'events.json': TaxonomySchema,
  'function-words.json': FunctionWordsSchema,
  'groups.json': GroupsSchema,
  'issues.json': IssuesSchema,
  'names.json': NamesSchema,
  'non-actors.json': NonActorsSchema,
  'organizations.json': OrganizationsSchema,
  'people.json': PeopleSchema,
  'places.json': PlacesSchema,
  'stances.json': StancesSchema,
  'stories.json': StoriesSchema,
  'titles.json': TitlesSchema,
} as const satisfies Record<string, z.ZodTypeAny>;
