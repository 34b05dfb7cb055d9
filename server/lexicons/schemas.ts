// The schema of every lexicon in this folder, checked when the file is loaded (./load.ts). A file
// here without an entry in LEXICON_SCHEMAS fails the unit tests. Imports nothing but zod and the
// extraction contract's lists (which import nothing), so the built-in tokenizer can check its data
// without loading the rules.
import { z } from 'zod';
import { RELATION_TYPES } from '../extractors/contract.js';

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
    legalEndings: Words,
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
    /** [name, kind, aliases, ISO 3166-1 alpha-2 or '' (none, or several), latitude, longitude]. */
    regions: z.array(z.tuple([Text, Text, Texts, z.union([z.literal(''), z.string().regex(/^[A-Z]{2}$/)]), z.number().min(-90).max(90), z.number().min(-180).max(180)])),
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
/** source: where the patient comes from (a transfer's club from: "from Tottenham"); only types that list it have one. */
export const ARGUMENT_ROLES = ['agent', 'patient', 'source', 'place', 'time', 'amount'] as const;
export const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
/** Slots a name template may use (and, per type, the names it gives its roles: "{arrested}"). */
export const NAME_SLOTS = ['agent', 'patient', 'place', 'participants', 'everyone', 'speakers', 'other', 'source', 'year', 'trigger', 'match', 'money'] as const;
/**
 * The registered role-fillers (server/rules/role-fillers.ts) a type may name: how its
 * participants are read from the sentence. "arguments": agent and patient from the parse (or word
 * order); "speaker": who says it; "detention": who is held and by whom ("was arrested by");
 * "imposition": who imposes a measure on whom ("imposed tariffs on Chinese goods").
 */
export const ROLE_FILLERS = ['arguments', 'speaker', 'detention', 'imposition'] as const;
export type RoleFiller = (typeof ROLE_FILLERS)[number];

const Deprels = z.array(z.string().regex(/^[a-z]+(?::[a-z_]+)?$/, 'a UD relation such as "obj" or "obl:in"'));
const Roles = z.record(z.enum(ARGUMENT_ROLES), Deprels);
const slotsOf = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
/** A headline template; with `trigger`, it applies only when the first mention matches that pattern, whose first group (or whole match) is `{match}`. */
const NameTemplate = z.union([
  z.string().min(1),
  z.object({ trigger: z.string().min(1), name: z.string().min(1) }).strict(),
]);
const ParticipantRole = z.enum(['agent', 'target', 'participant']);
/** A relation the event implies between its participants, one per pair one sentence names together. */
const EventRelation = z.union([
  z.object({ from: ParticipantRole, to: ParticipantRole, type: z.enum(RELATION_TYPES), confidence: z.number().min(0).max(1) }).strict(),
  /** Between every two of its participants at least this sure (no speakers): "MET_WITH". */
  z.object({ among: z.literal('participants'), minConfidence: z.number().min(0).max(1), type: z.enum(RELATION_TYPES), confidence: z.number().min(0).max(1) }).strict(),
]);

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
    /** What each role is called for this type ("arrester", "arrested"); a template may name a role by it. */
    roleNames: z.record(z.enum(ARGUMENT_ROLES), z.string().regex(/^[a-z][a-zA-Z]*$/)).optional(),
    /** The kinds of actor that may fill a role (a club, not a person, is "signed by"); all kinds when absent. */
    fillers: z.record(z.enum(ARGUMENT_ROLES), z.array(z.enum(ACTOR_KINDS)).min(1)).optional(),
    /** How the participants are read (a registered role-filler); "speaker" for speech, "arguments" otherwise. */
    filler: z.enum(ROLE_FILLERS).optional(),
    /** The actor right after the trigger, of one of these kinds, is what the event is about and tells it apart ("joined the WTO"); without one there is no event. */
    identity: z.object({ kinds: z.array(z.enum(ACTOR_KINDS)).min(1), within: z.number().int().min(0).max(40) }).strict().optional(),
    /** A trigger followed by this is no event of the type ("meet American demands"). */
    notFollowedBy: RegexFragment.optional(),
    /** A trigger followed by this is of another type ("agreed that progress was made" is speech). */
    retype: z.array(z.object({ followedBy: RegexFragment, type: z.string() }).strict()).default([]),
    /** Planned until its date, occurred after it (a deadline). */
    statusFromDate: z.boolean().default(false),
    /** Told with a place where a meeting of these types was held, it is that meeting's outcome ("reached a consensus in Argentina"). */
    outcomeOf: z.array(z.string()).default([]),
    relations: z.array(EventRelation).default([]),
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
  .refine((t) => (t.cameo === null) === (t.goldstein === null), { message: 'cameo and goldstein are both set or both null' })
  .superRefine((t, ctx) => {
    const slots = new Set<string>([...NAME_SLOTS, ...Object.values(t.roleNames ?? {})]);
    t.name.forEach((n, i) => {
      const name = typeof n === 'string' ? n : n.name;
      for (const s of slotsOf(name)) if (!slots.has(s)) ctx.addIssue({ code: 'custom', path: ['name', i], message: `unknown slot {${s}}: slots must be among ${[...slots].join(', ')}` });
      if (typeof n !== 'string') {
        const r = RegexFragment.safeParse(n.trigger);
        if (!r.success) ctx.addIssue({ code: 'custom', path: ['name', i, 'trigger'], message: r.error.issues[0]!.message });
      } else if (slotsOf(name).includes('match')) ctx.addIssue({ code: 'custom', path: ['name', i], message: '{match} needs a trigger pattern' });
    });
  });

export const TaxonomySchema = z
  .object({
    _format: Doc,
    roles: Roles,
    types: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), EventTypeSchema),
    triggers: z.array(z.object({ type: z.string(), noun: z.boolean().optional(), re: RegexFragment }).strict()).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const known = (id: string, path: Array<string | number>, what = 'event type') => {
      if (!d.types[id]) ctx.addIssue({ code: 'custom', path, message: `unknown ${what} "${id}"` });
    };
    for (const [id, t] of Object.entries(d.types)) {
      if (t.consequenceType !== undefined && !d.types[t.consequenceType]?.consequence)
        ctx.addIssue({ code: 'custom', path: ['types', id, 'consequenceType'], message: `"${t.consequenceType}" is not a consequence type` });
      t.retype.forEach((r, i) => known(r.type, ['types', id, 'retype', i, 'type']));
      t.outcomeOf.forEach((o, i) => known(o, ['types', id, 'outcomeOf', i]));
      // A role named, or given fillers, that the type does not have is a mistake in the data.
      const roles = t.roles ?? d.roles;
      for (const r of [...Object.keys(t.roleNames ?? {}), ...Object.keys(t.fillers ?? {})])
        if (!roles[r as keyof typeof roles]) ctx.addIssue({ code: 'custom', path: ['types', id, 'roles'], message: `role "${r}" is named but the type has no such role` });
    }
    d.triggers.forEach((t, i) => known(t.type, ['triggers', i, 'type']));
  });

/** Cues that make an event hypothetical, planned, negated or denied (status-cues.json, read by server/rules/event-status.ts). */
const Cue = z.object({ words: Words, gap: z.number().int().min(0).max(12), wordEnd: z.boolean(), thatClause: z.boolean().optional(), except: Words.optional() }).strict();
export const StatusCuesSchema = z
  .object({
    _format: Doc,
    hypothetical: Words,
    future: Words,
    before: z.object({ negated: Cue, noSubject: Cue, noDeterminer: Cue, denied: Cue }).strict(),
    definite: z.object({ determiners: Words, modifiers: Words, modifierPatterns: z.array(RegexFragment), gap: z.number().int().min(0).max(6) }).strict(),
    inTrigger: z.object({ words: Words, suffixes: Words }).strict(),
    speechModals: Words,
    putOff: Words,
    putOffModifiers: Words,
  })
  .strict();

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

/**
 * The pairwise event-coreference model (server/resolve/event-coref.ts): logistic-regression
 * weights per pair feature, learnt by eval/event-coref/train.ts, and what it scored when learnt.
 */
export const EventCorefSchema = z
  .object({
    _format: Doc,
    /** Weight per feature name (server/resolve/event-coref.ts PAIR_FEATURES); a missing one weighs 0. */
    weights: z.record(z.string().regex(/^[a-zA-Z]+$/), z.number().finite()),
    /** Two reports are one happening when the model's probability reaches this. */
    threshold: Unit,
    /** How many story events a new event is compared with, most-reported first. */
    storyEvents: z.number().int().min(1).max(1000),
    trainedOn: Doc,
    scores: z.record(z.string(), z.number()).optional(),
  })
  .strict();

/** Every lexicon file by name, with its schema. */
export const LEXICON_SCHEMAS = {
  'abbreviations.json': AbbreviationsSchema,
  'calendar.json': CalendarSchema,
  'countries.json': CountriesSchema,
  'event-coref.json': EventCorefSchema,
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
  'status-cues.json': StatusCuesSchema,
  'stories.json': StoriesSchema,
  'titles.json': TitlesSchema,
} as const satisfies Record<string, z.ZodTypeAny>;
