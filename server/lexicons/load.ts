// Checks one lexicon against its schema as it is loaded, so a bad entry stops the program with the
// file's name and the path of the entry rather than surfacing later as a wrong or missing match.
import type { z } from 'zod';

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

/** `data` checked against `schema`; throws a LexiconError naming `file` and the bad entry's path. */
export function loadLexicon<S extends z.ZodTypeAny>(file: string, schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  throw new LexiconError(`${file}: ${first.path.join('.') || '(top level)'}: ${first.message}`);
}
