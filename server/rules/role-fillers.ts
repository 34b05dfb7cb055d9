// The registered role-fillers: how the participants of one trigger are read from its sentence.
// An event type names its filler by key in the taxonomy (../lexicons/events.json, "filler"); the
// keys are listed in ../lexicons/schemas.ts (ROLE_FILLERS), so a type naming one that is not
// registered here fails at load, and one registered here but not listed fails to compile.
import { argumentsOf, speakerOf } from './event-arguments.js';
import type { Participant, Role } from './event-record.js';
import { PASSIVE_RE } from './event-status.js';
import { actorKey, type ActorSpan } from './mentions.js';
import type { EventTypeDef } from './taxonomy.js';
import type { RoleFiller } from '../lexicons/schemas.js';
import { inQuote, type Article } from '../nlp/document.js';

export interface FillerInput {
  article: Article;
  def: EventTypeDef;
  /** The trigger: where it is, its words, and whether it is a noun. */
  f: { start: number; end: number; text: string; def: { noun: boolean } };
  /** Up to 40 characters before the trigger, within its sentence. */
  before: string;
  sentence: { index: number; start: number };
  /** The actors of the sentence that may take part (outlets, hosts and sources already left out). */
  pool: ActorSpan[];
  /** Every actor of the sentence. */
  sActors: ActorSpan[];
  /** The pool is the trigger's own clause (its bystanders are surer participants than the sentence's). */
  inClause: boolean;
  parsed: boolean;
}

export interface Filled {
  participants: Participant[];
  /** The participant that tells this event apart from another of its type (the one arrested). */
  key: string | null;
}

type Filler = (x: FillerInput) => Filled;

const filled = (x: FillerInput) => {
  const participants: Participant[] = [];
  const add = (a: ActorSpan, role: Role, confidence: number) => participants.push({ actor: a, role, sentence: x.sentence.index, confidence });
  return { participants, add };
};

/** A report of speech: who says it, and the source it is relayed from. */
const speaker: Filler = (x) => {
  const { participants, add } = filled(x);
  const s = speakerOf(x.article, x.sActors, x.f);
  if (s) add(s, 'speaker', 0.8);
  // "..., according to the New China news agency": the source relays the statement.
  const src = x.sActors.find((a) => a.start > x.f.end && /according to\s+(?:the\s+)?$/i.test(x.article.text.slice(Math.max(x.sentence.start, a.start - 20), a.start)));
  if (src) add(src, 'participant', 0.6);
  return { participants, key: null };
};

/** Who is held and by whom: "X was arrested by Y", "Y arrested X", "the arrest of X". */
const detention: Filler = (x) => {
  const { participants, add } = filled(x);
  const { article, f, before, pool } = x;
  const passive = PASSIVE_RE.test(f.text) || /\b(?:was|were|been)\s+$/.test(before);
  const prevA = [...pool].reverse().find((a) => a.end <= f.start && a.kind === 'person') ?? [...pool].reverse().find((a) => a.end <= f.start);
  // "arrested a Ukrainian man": the adjective names where he is from, not who was arrested.
  const nextA = pool.find((a) => a.start >= f.end && a.via !== 'demonym');
  // "before he was arrested" with "he" unresolved: nobody named is the one arrested.
  const unresolved = passive && /\b(?:he|she|they)\s+(?:was|were)?\s*$/i.test(before) && !pool.some((a) => a.via === 'pronoun' && a.end <= f.start && f.start - a.end <= 6);
  const target = /of$/i.test(f.text) ? nextA : passive ? (unresolved ? undefined : prevA) : nextA;
  const agent = passive ? pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(article.text.slice(f.end, a.start))) : prevA;
  if (target) add(target, 'target', 0.8);
  if (agent && agent !== target) add(agent, 'agent', 0.7);
  for (const a of pool) if (a !== target && a !== agent) add(a, 'participant', 0.5);
  return { participants, key: target ? actorKey(target) : null };
};

/** Who imposes a measure on whom: the imposer before the trigger, the target after "on". */
const imposition: Filler = (x) => {
  const { participants, add } = filled(x);
  const { article, f, pool } = x;
  const onTarget = pool.find((a) => a.start >= f.start && a.end <= f.end + 40 && /\bon\s+(?:\S+\s+){0,4}$/i.test(article.text.slice(f.start, a.start)));
  const imposer = pool.find((a) => a.end <= f.start && a !== onTarget) ?? x.sActors.find((a) => a.end <= f.start && a !== onTarget && !inQuote(article.quotes, a.start));
  if (imposer) add(imposer, 'agent', 0.7);
  if (onTarget) add(onTarget, 'target', 0.7);
  for (const a of pool) if (a !== onTarget && a !== imposer) add(a, 'participant', 0.5);
  return { participants, key: imposer ? actorKey(imposer) : null };
};

/** Agent and patient by the dependency relations the type lists for them (./event-arguments.ts); the rest take part. */
const byArguments: Filler = (x) => {
  const { participants, add } = filled(x);
  // An actor of a kind the role does not take (a country "arrested") takes part, in no role.
  const takes = (role: 'agent' | 'patient', a?: ActorSpan) => (a && (!x.def.fillers?.[role] || x.def.fillers[role]!.includes(a.kind)) ? a : undefined);
  const found = argumentsOf(x.article, x.def, x.f, x.pool, x.parsed);
  const args = { agent: takes('agent', found.agent), patient: takes('patient', found.patient) };
  const source = found.source && (!x.def.fillers?.source || x.def.fillers.source.includes(found.source.kind)) ? found.source : undefined;
  if (args.agent) add(args.agent, 'agent', 0.7);
  if (args.patient && args.patient !== args.agent) add(args.patient, 'target', 0.7);
  for (const a of x.pool) if (a !== args.agent && a !== args.patient) add(a, 'participant', x.inClause ? 0.7 : 0.5);
  // The source takes part like any bystander; the type's name may still say it ("from Tottenham").
  const src = source && participants.find((p) => p.actor === source && p.role === 'participant');
  if (src) src.argument = 'source';
  return { participants, key: args.patient ? actorKey(args.patient) : null };
};

export const ROLE_FILLER_REGISTRY: Record<RoleFiller, Filler> = { arguments: byArguments, speaker, detention, imposition };

export function fillRoles(x: FillerInput): Filled {
  return ROLE_FILLER_REGISTRY[x.def.filler](x);
}
