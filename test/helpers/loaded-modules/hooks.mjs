// Module hooks for ./register.mjs: they run on the loader's own thread, so they append to the
// file synchronously rather than message the program.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (out) appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
