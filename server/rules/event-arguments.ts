// Who takes part in an event and how: agent and patient from the dependency parse when there is
// one, else from word order, and the speaker of a report of speech.
import { PASSIVE_RE } from './event-status.js';
import type { ActorSpan } from './mentions.js';
import type { EventTypeDef } from './taxonomy.js';
import { inQuote, type Article } from '../nlp/document.js';

type Args = { agent?: ActorSpan; patient?: ActorSpan; source?: ActorSpan };

/**
 * Agent and patient of one trigger. With a dependency parse: the actors on the dependents whose
 * relation the taxonomy lists for the role ("nsubj" for the agent, "obj"/"nsubj:pass" for the
 * patient, "obl:by" for a passive's agent). Without: word order in the clause (the actor before
 * an active verb acts, the one after it undergoes; "X's takeover of Y"; "Y was arrested by X").
 */
export function argumentsOf(article: Article, def: EventTypeDef, f: { start: number; end: number; text: string; def: { noun: boolean } }, pool: ActorSpan[], parsed: boolean): Args {
  const wantAgent = !!def.roles.agent?.length;
  const wantPatient = !!def.roles.patient?.length;
  if (!wantAgent && !wantPatient) return {};
  const byParse = parsed ? argumentsFromParse(article, def, f, pool) : {};
  const byOrder = argumentsByOrder(article, f, pool);
  // The parse decides where it found an argument; word order fills the rest.
  // One actor is never both sides of a happening ("Takeover of X by X"): the parse's reading wins.
  const same = (a?: ActorSpan, b?: ActorSpan) => !!a && !!b && (a === b || (a.kind === b.kind && a.name === b.name));
  const patient0 = byParse.patient ?? byOrder.patient;
  const agentRaw = byParse.agent ?? (!same(byOrder.agent, byParse.patient) ? byOrder.agent : undefined);
  const agent = same(agentRaw, patient0) && !byParse.agent ? undefined : agentRaw;
  const patient = byParse.patient ?? (!same(byOrder.patient, agent) ? byOrder.patient : undefined);
  // Only a type that lists a source has one; it is never one of the other two.
  const source0 = def.roles.source?.length ? (byParse.source ?? byOrder.source) : undefined;
  const source = source0 && !same(source0, agent) && !same(source0, patient) ? source0 : undefined;
  return { ...(wantAgent && agent ? { agent } : {}), ...(wantPatient && patient ? { patient } : {}), ...(source ? { source } : {}) };
}

function argumentsByOrder(article: Article, f: { start: number; end: number; text: string; def: { noun: boolean } }, pool: ActorSpan[]): Args {
  const text = article.text;
  const before = text.slice(Math.max(0, f.start - 40), f.start);
  const passive = PASSIVE_RE.test(f.text) || /\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$/i.test(before);
  // "Norwegian logistics group Halvorsen agreed": the adjective names where the agent is from.
  let prev = [...pool].reverse().find((a) => a.end <= f.start && a.via !== 'demonym');
  // "Keir Starmer of Britain will visit": the person acts, the country says whose he is.
  const owner = prev && [...pool].reverse().find((a) => a.end <= prev!.start && a.kind === 'person' && /^\s+of\s+(?:the\s+)?$/i.test(article.text.slice(a.end, prev!.start)));
  if (owner) prev = owner;
  const next = pool.find((a) => a.start >= f.end && a.start - f.end <= 60 && a.via !== 'demonym');
  const gapText = (a: ActorSpan, b: { start: number }) => text.slice(a.end, b.start);
  const out: Args = {};
  // "signed for Bayern from Tottenham": the actor after "from" in the words after the trigger.
  const from = pool.find((a) => a.start >= f.end && a.start - f.end <= 80 && /\bfrom\s+(?:the\s+)?$/i.test(text.slice(Math.max(f.end, a.start - 12), a.start)));
  if (from) out.source = from;
  if (f.def.noun || /\bof$/i.test(f.text)) {
    const of = pool.find((a) => a.start >= f.end && /^\s+(?:of|against|on|at|in)\s+(?:the\s+)?(?:\S+\s+){0,2}$/i.test(text.slice(f.end, a.start)));
    const by = pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(text.slice(f.end, a.start)));
    const poss = prev && /^(?:['’]s?)?\s+(?:\S+\s+)?$/.test(gapText(prev, f)) ? prev : undefined;
    out.patient = of;
    out.agent = by ?? (poss !== of ? poss : undefined);
  } else if (passive) {
    out.patient = prev;
    out.agent = pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(text.slice(f.end, a.start)));
  } else {
    out.agent = prev;
    out.patient = next && next !== prev ? next : undefined;
  }
  return out;
}

function argumentsFromParse(article: Article, def: EventTypeDef, f: { start: number; end: number }, pool: ActorSpan[]): Args {
  const toks = article.tokens;
  const inSpan: number[] = [];
  for (let i = 0; i < toks.length; i++) if (toks[i]!.start >= f.start && toks[i]!.end <= f.end) inSpan.push(i);
  if (!inSpan.length) return {};
  const dependents = (of: number) => toks.map((t, i) => ({ t, i })).filter((x) => x.t.head === of);
  // Arguments hang off the words of the trigger ("agreed on Monday to buy Nordic Freight": the
  // object of "buy"), outside the trigger itself.
  const argsOf = () => inSpan.flatMap((h) => dependents(h)).filter((d) => !inSpan.includes(d.i));
  const matches = (i: number, spec: string) => {
    const [rel, prep] = spec.split(':') as [string, string | undefined];
    const d = toks[i]!.deprel ?? '';
    if (d === spec) return true;
    if (d.split(':')[0] !== rel) return false;
    if (!prep) return d === rel;
    if (d.includes(':')) return d.split(':')[1] === prep;
    return dependents(i).some((c) => c.t.deprel === 'case' && (c.t.lemma ?? c.t.norm) === prep);
  };
  const actorAt = (i: number) => pool.find((a) => toks[i]!.start >= a.start && toks[i]!.end <= a.end);
  const fill = (specs: string[] | undefined) => {
    for (const spec of specs ?? []) for (const d of argsOf()) if (matches(d.i, spec)) {
      const a = actorAt(d.i);
      if (a) return a;
    }
    return undefined;
  };
  const patient = fill(def.roles.patient);
  const agent = fill(def.roles.agent);
  const source = def.roles.source?.length ? fill(def.roles.source) : undefined;
  return { ...(agent ? { agent } : {}), ...(patient && patient !== agent ? { patient } : {}), ...(source && source !== agent && source !== patient ? { source } : {}) };
}

export function speakerOf(article: Article, sActors: ActorSpan[], f: { start: number; end: number }): ActorSpan | undefined {
  const outside = sActors.filter((a) => !inQuote(article.quotes, a.start));
  // "said Larry Kudlow", "…,” he said"
  const after = outside.find((a) => a.start >= f.end && a.start - f.end <= 2);
  // ...only when the name ends the clause: in "said Petrenko's group had attacked" or "said China
  // would" the name after the verb is what was said about, not who said it.
  const endsClause = (a: ActorSpan) => /^(?:\s*[,.;:!?"”’)\]]|\s*$|\s+(?:on|in|at|who|told|according|last|this|late|earlier)\b)/.test(article.text.slice(a.end, a.end + 12));
  if (after && !/^\s*(?:that|the)\b/.test(article.text.slice(f.end, after.start)) && endsClause(after)) return after;
  // ", the companies said", ", officials said": a common-noun subject right before the verb is the
  // speaker, so the name earlier in the sentence is not.
  if (/,\s+(?:(?:the|its|their|local|some|two|three|several)\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+$/.test(article.text.slice(Math.max(0, f.start - 40), f.start))) return undefined;
  const beforeList = outside.filter((a) => a.end <= f.start && f.start - a.end <= 60);
  const persons = beforeList.filter((a) => a.kind === 'person');
  return persons[persons.length - 1] ?? beforeList[beforeList.length - 1];
}
