// The embedded Stanford CoreNLP server as a component of ../runtime.ts: the code and English
// models from Maven Central (pom.xml), run by CoreNlpLauncher.java bound to loopback (the stock
// server listens on every interface), with the project's annotators preloaded. Ready once it
// prints CORENLP_READY and annotates a short text with the project's two requests, which also loads
// every model, so the first real article does not pay for it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../../config.js';
import { CORENLP_ANNOTATORS, CORENLP_PARSE_PROPERTIES, CORENLP_PROPERTIES } from '../../nlp/corenlp/properties.js';
import { runtimeFor, type Descriptor, type Handle, type Status } from '../runtime.js';

export const CORENLP_VERSION = '4.5.10';
// The launcher reaches into the JDK's own HTTP server provider to rebind it.
const EXPORTS = ['--add-exports', 'jdk.httpserver/sun.net.httpserver=ALL-UNNAMED'];

type NlpConfig = Config['corenlp'];
type Where = { urls: string[] };
export type NlpHandle = Handle<Where>;
export type NlpStatus = Status<Where>;

const propsFile = (c: NlpConfig) => path.join(c.dataDir, 'server.properties');

/** The project's two requests (tagging, parsing); rejects unless CoreNLP answers both with sentences. */
async function annotatesShortText(url: string, remainingMs: number): Promise<void> {
  for (const properties of [CORENLP_PROPERTIES, CORENLP_PARSE_PROPERTIES]) {
    const props = encodeURIComponent(JSON.stringify(properties));
    const res = await fetch(`${url}/?properties=${props}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'CoreNLP is ready in Paris on Monday.',
      signal: AbortSignal.timeout(Math.max(1000, Math.min(120_000, remainingMs))),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { sentences?: unknown[] };
    if (!Array.isArray(body.sentences)) throw new Error('an answer without sentences');
  }
}

export const CORENLP: Descriptor<NlpConfig, Where> = {
  name: 'CoreNLP',
  title: 'Stanford CoreNLP',
  version: CORENLP_VERSION,
  noun: 'server',
  scripts: 'nlp',
  env: { external: 'CORENLP_URL', port: 'CORENLP_PORT', startTimeout: 'CORENLP_START_TIMEOUT_MS' },
  useExisting: 'Or use a CoreNLP server you already run (for example the CoreNLP Docker image) by setting CORENLP_URL, or extract with EXTRACTOR=rules (no Java).',
  dir: path.join(PROJECT_ROOT, 'server', 'runtime', 'corenlp'),
  jars: [`stanford-corenlp-${CORENLP_VERSION}.jar`, `stanford-corenlp-${CORENLP_VERSION}-models.jar`],
  fetching: `Stanford CoreNLP ${CORENLP_VERSION} and its English models (~500 MB)`,
  mavenArgs: [],
  launcher: { mainClass: 'CoreNlpLauncher', javacArgs: EXPORTS },
  logFile: 'corenlp.log',
  readyLine: 'CORENLP_READY',
  stopTimeoutMs: 20_000,
  select: (config) => config.corenlp,
  isExternal: (c) => c.external,
  where: (c) => ({ urls: c.urls }),
  addresses: (c) => c.urls,
  port: (c) => c.port,
  startingDetail: (c) => `heap ${c.heap}, ${c.threads} threads`,
  prepare: (c) => writeFileSync(propsFile(c), Object.entries(CORENLP_PROPERTIES).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n'),
  jvmOptions: (c) => [`-Dnewsgraph.host=${c.host}`, EXPORTS.join('=')],
  args: (c, mode) => [
    mode,
    ...['-port', String(c.port), '-threads', String(c.threads), '-timeout', String(c.timeoutMs), '-quiet', 'true'],
    ...['-preload', CORENLP_ANNOTATORS, '-serverProperties', propsFile(c), '-maxCharLength', String(Math.max(100_000, c.maxChars * 2))],
  ],
  openProbe: async (_c, url) => ({ check: (remainingMs) => annotatesShortText(url, remainingMs), close: async () => {} }),
  external: { mustAnswer: false, timeoutMs: 2_000, whenDown: 'articles will fail with NLP_UNAVAILABLE until it does.' },
};

export const {
  isProvisioned: isNlpProvisioned,
  provision: provisionCoreNlp,
  status: coreNlpStatus,
  start: startCoreNlp,
  stop: stopCoreNlp,
  ensure: ensureCoreNlp,
} = runtimeFor(CORENLP);
