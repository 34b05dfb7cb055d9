// Reads a .env file with Node's own parser (util.parseEnv, the one behind `node --env-file` and
// process.loadEnvFile), after checking that every line has the KEY=value shape: that parser
// silently joins a stray line onto the next key, so a typo would vanish instead of failing.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/** What is wrong with the file's lines, by line number; empty when each is KEY=value, a comment or blank. */
export function malformedLines(text: string): string[] {
  const problems: string[] = [];
  let open: { quote: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (open) {
      if (line.includes(open.quote)) open = undefined;
      return;
    }
    if (/^\s*(#|$)/.test(line)) return;
    const m = ASSIGNMENT.exec(line);
    // The line itself is not echoed: it may hold a secret.
    if (!m) {
      problems.push(`line ${i + 1}: not KEY=value (comments start with #)`);
      return;
    }
    const value = m[1]!.trim();
    const quote = value[0];
    if (quote !== undefined && QUOTES.includes(quote) && !value.slice(1).includes(quote)) open = { quote, line: i + 1 };
  });
  if (open) problems.push(`line ${open.line}: the value's opening ${open.quote} is never closed`);
  return problems;
}

/** The file's settings, or undefined when there is no such file. Throws EnvFileError when it cannot be read or a line is malformed. */
export function readEnvFile(file: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EnvFileError(`cannot be read (${(err as Error).message})`);
  }
  const problems = malformedLines(text);
  if (problems.length) throw new EnvFileError(problems.join('\n'));
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(parseEnv(text))) if (v !== undefined) values[k] = v;
  return values;
}
