// The one place names become keys: token look-up keys, alias/search keys, slugs for ids. Keys are
// ASCII, transliterated from any script by a maintained table (any-ascii), so "Đoković" and
// "Djokovic"-less spellings meet on one alias key and a Cyrillic or Chinese name still has a key;
// names themselves keep their letters (this module never changes a stored name). Ids must never
// merge two different names, and transliteration can (李 and 黎 are both "Li"), so a slug that
// lost anything on the way to ASCII carries a hash of the name it came from.
import { createHash } from 'node:crypto';
import anyAscii from 'any-ascii';

/** Longest slug before it is cut and given a hash of the whole. */
export const MAX_SLUG = 120;

export function hashPrefix(value: string, length = 12): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** A token's lexicon look-up key: lower case, curly apostrophes straightened, dots dropped ("U.S." -> "us"). Letters kept as written. */
export function tokenKey(token: string): string {
  return token.toLowerCase().replace(/’/g, "'").replace(/\./g, '');
}

/**
 * A name's identity for ids: compatibility-decomposed, accents dropped, lower case, every run of
 * anything but letters and digits one space. Two names with one folded form are one name written
 * two ways ("Ana-María" / "ana maría"); any other two are different names.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Lower-case ASCII, transliterated from any script. */
function toAscii(value: string): string {
  return anyAscii(value).toLowerCase();
}

/**
 * The alias and search key of a name: lower-case ASCII words, possessive 's, dots inside
 * abbreviations ("U.S.") and punctuation dropped. Transliterated, so two spellings of one name
 * in different scripts or with and without accents share it; resolution, not the id, decides
 * whether they are one entity.
 */
export function matchKey(value: string): string {
  return toAscii(value.normalize('NFKC'))
    .replace(/[’']s\b/g, '')
    .replace(/\.(?=\w)/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Lower-case ASCII slug ('' when the value has no letter or digit in any script). Plain Latin
 * text slugs as it always has (accents dropped); text that needs transliteration ("Øystein",
 * "Владимир", "习近平") slugs to its transliteration plus a hash of its folded form, so that two
 * different names never share a slug. Long values keep a hash of the whole.
 */
export function slugify(value: string): string {
  const folded = foldName(value);
  if (/^[a-z0-9 ]*$/.test(folded)) {
    const slug = folded.replace(/ /g, '-');
    if (slug.length <= MAX_SLUG) return slug;
    return `${slug.slice(0, MAX_SLUG - 9).replace(/-+$/, '')}-${hashPrefix(slug, 8)}`;
  }
  const ascii = toAscii(folded).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const hash = hashPrefix(folded, 10);
  return `${ascii.slice(0, MAX_SLUG - 11).replace(/-+$/, '')}${ascii ? '-' : 'u'}${hash}`;
}

/** A slug that is never empty: a value with no letter or digit at all is named by a hash of itself. */
export function idSlug(value: string): string {
  return slugify(value) || `x${hashPrefix(value.normalize('NFC'), 10)}`;
}
