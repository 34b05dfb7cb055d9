// Shared shapes for what the recognisers find in the text, before entities are assembled.
import type { ActorKind } from '../extractors/contract.js';

export interface Span {
  start: number;
  end: number;
  text: string;
  /** Token range [ti, tj). */
  ti: number;
  tj: number;
  sentence: number;
}

export interface ActorSpan extends Span {
  kind: ActorKind;
  /** Canonical name; with kind it identifies the actor within the article. */
  name: string;
  /** Country the actor belongs to, when known from the lexicon. */
  country: string | null;
  via: 'lexicon' | 'demonym' | 'capital' | 'rule' | 'surname' | 'pronoun' | 'government';
  /** A person's title from the lexicon of widely known people. */
  knownTitle?: string | null;
}

export interface PlaceSpan extends Span {
  name: string;
  placeKind: 'city' | 'capital' | 'region' | 'country';
  /** Preceded by a locative preposition or used as "the Washington meeting". */
  locative: boolean;
  /** Opens the article's dateline ("BEIJING —"): where it was filed, which settles namesakes. */
  dateline?: boolean;
  /** A capital's country (the lexicon's name). */
  country?: string | null;
}

export interface TitleSpan extends Span {
  /** Normalised title ("treasury secretary"). */
  title: string;
  leader: boolean;
}

export const actorKey = (a: { kind: ActorKind; name: string }): string => `${a.kind}:${a.name}`;
