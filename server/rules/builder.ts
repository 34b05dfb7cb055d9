// Accumulates entities and relations for one article: stable ids, merged mentions and aliases,
// one relation per (source, target, type) carrying its verbatim evidence sentence.
import type { Entity, EntityType, Mention, Relation, RelationType } from '../extractors/contract.js';
import type { Sentence } from '../nlp/document.js';
import { idSlug } from '../normalise/index.js';

const PRONOUN_RE = /^(?:he|she|him|her|it|they)$/i;

export class GraphBuilder {
  private readonly entities = new Map<string, Entity>();
  private readonly byKey = new Map<string, string>();
  private readonly relations = new Map<string, Relation>();
  private readonly usedIds = new Set<string>();
  private readonly pairs = new Set<string>();

  constructor(private readonly text: string, private readonly sentences: Sentence[]) {}

  /** Returns the id for `key`, creating the entity on first use. */
  entity(key: string, type: EntityType, name: string, idBase: string, extra: Partial<Entity> = {}): string {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    let id = `${type}:${idSlug(idBase)}`;
    for (let n = 2; this.usedIds.has(id); n++) id = `${type}:${idSlug(idBase)}-${n}`;
    this.usedIds.add(id);
    this.byKey.set(key, id);
    this.entities.set(id, { id, type, name, aliases: [], mentions: [], ...extra });
    return id;
  }

  idFor(key: string): string | undefined {
    return this.byKey.get(key);
  }

  get(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  mention(id: string, start: number, end: number, alias = true): void {
    const e = this.entities.get(id);
    if (!e || start < 0 || end > this.text.length || end <= start) return;
    const text = this.text.slice(start, end);
    if (!e.mentions.some((m) => m.start === start && m.end === end)) e.mentions.push({ text, start, end });
    const clean = text.replace(/\s+/g, ' ').trim();
    if (alias && clean && clean !== e.name && !PRONOUN_RE.test(clean) && !e.aliases.includes(clean)) e.aliases.push(clean);
  }

  alias(id: string, name: string): void {
    const e = this.entities.get(id);
    if (e && name && name !== e.name && !e.aliases.includes(name)) e.aliases.push(name);
  }

  relate(source: string | undefined, target: string | undefined, type: RelationType, sentence: number, confidence: number): void {
    if (!source || !target || source === target) return;
    const s = this.sentences[sentence];
    if (!s) return;
    const key = `${source}|${type}|${target}`;
    this.pairs.add(`${source}|${target}`);
    this.pairs.add(`${target}|${source}`);
    const prev = this.relations.get(key);
    if (prev && prev.confidence >= confidence) return;
    this.relations.set(key, {
      source, target, type, evidence: this.text.slice(s.start, s.end), start: s.start, end: s.end,
      confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    });
  }

  has(source: string, target: string): boolean {
    return this.pairs.has(`${source}|${target}`);
  }

  build(): { entities: Entity[]; relations: Relation[] } {
    const entities = [...this.entities.values()].map((e) => ({ ...e, mentions: [...e.mentions].sort((a: Mention, b: Mention) => a.start - b.start) }));
    return { entities, relations: [...this.relations.values()] };
  }
}
