// An event's name, from its type's headline templates in the taxonomy (../lexicons/events.json,
// "name"): the first template whose slots this event fills names it. Nothing here names a type;
// the slots are what any event can tell (who, where, when, the words of its trigger).
import type { EventRec } from './event-record.js';
import { actorKey } from './mentions.js';
import type { EventTypeDef } from './taxonomy.js';

type Template = EventTypeDef['name'][number];
type Slots = Record<string, string | undefined>;

function cap(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const patterns = new Map<string, RegExp>();
const patternOf = (re: string) => {
  let p = patterns.get(re);
  if (!p) patterns.set(re, (p = new RegExp(re, 'i')));
  return p;
};

/**
 * The first template whose slots this event fills ("Arrest of {patient} in {place}"). A template
 * with a trigger pattern applies only when the event's first mention matches it; its first group
 * (or the whole match) fills {match}.
 */
export function fillTemplate(templates: Template[], slots: Slots): string | undefined {
  for (const t of templates) {
    let own = slots;
    if (typeof t !== 'string') {
      const m = patternOf(t.trigger).exec(slots.trigger ?? '');
      if (!m) continue;
      own = { ...slots, match: m[1] ?? m[0] };
    }
    let ok = true;
    const name = (typeof t === 'string' ? t : t.name).replace(/\{(\w+)\}/g, (_m, k: string) => {
      const v = own[k];
      if (!v) ok = false;
      return v ?? '';
    });
    if (ok) return cap(name);
  }
  return undefined;
}

/** What an event can tell a template: its roles (also under the names its type gives them), place, year and words. */
export function slotsOf(e: EventRec, def: EventTypeDef | undefined): Slots {
  // Who commented on an event did not take part in it.
  const takers = e.participants.filter((p) => p.role !== 'speaker');
  const names = (ps: typeof takers) => [...new Set(ps.map((p) => p.actor.name))];
  const people = names(takers.filter((p) => p.actor.kind === 'person'));
  const all = names(takers);
  const speakers = names(e.participants.filter((p) => p.role === 'speaker'));
  const list = (xs: string[]) => (xs.length ? xs.slice(0, 4).join(', ') : undefined);
  const patient = e.participants.find((p) => p.role === 'target')?.actor.name;
  // The one who says or does it is never also the one it is done to ("Takeover of X by X").
  const agent = (e.participants.find((p) => p.role === 'agent' && p.actor.name !== patient) ?? e.participants.find((p) => p.role === 'speaker' && p.actor.name !== patient))?.actor.name;
  const slots: Slots = {
    agent, patient, place: e.place?.name,
    // People when two or more take part ("Meeting: Xi, Trump"), else everyone.
    participants: list(people.length >= 2 ? people : all),
    everyone: list(all),
    speakers: list(speakers),
    // The first participant other than the one that tells the event apart ("China" in "China joined the WTO").
    other: e.participants.find((p) => !e.key || actorKey(p.actor) !== e.key)?.actor.name,
    source: e.participants.find((p) => p.argument === 'source')?.actor.name,
    year: e.date?.slice(0, 4),
    trigger: e.mentions[0]?.text.replace(/\s+/g, ' ').trim(),
    money: e.amounts.find((a) => a.unit !== 'percent')?.text,
  };
  for (const [role, label] of Object.entries(def?.roleNames ?? {})) slots[label] = slots[role];
  return slots;
}

export function eventName(e: EventRec, def: EventTypeDef | undefined): string {
  const named = fillTemplate(def?.name ?? [], slotsOf(e, def));
  if (named) return named;
  // Never the bare trigger word: the type's label with what is known about it.
  const where = e.place ? ` in ${e.place.name}` : '';
  return `${def?.label ?? 'Event'}${where}${!where && e.date ? ` (${e.date})` : ''}`;
}
