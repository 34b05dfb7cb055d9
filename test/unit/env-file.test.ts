// .env support: read when present, under the environment; a malformed file is a ConfigError.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ENV_FILE, loadConfig, PROJECT_ROOT } from '../../server/config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'env-file-'));
let n = 0;
function envFile(text: string): string {
  const file = path.join(dir, `${n++}.env`);
  writeFileSync(file, text);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.env', () => {
  it('fills in what the environment leaves unset; the environment wins, even with an empty value', () => {
    const file = envFile('# local settings\nPORT=5000\nexport NEO4J_HEAP=1g\nLLM_MODEL="qwen 2.5"\nCORENLP_URL=http://nlp:9000 # the compose service\nHOST=0.0.0.0\n');
    const c = loadConfig({ PORT: '6000', HOST: '' }, { envFile: file });
    expect(c.port).toBe(6000);
    expect(c.neo4j.heap).toBe('1g');
    expect(c.llm.model).toBe('qwen 2.5');
    expect(c.corenlp.urls).toEqual(['http://nlp:9000']);
    // HOST is set (empty) in the environment, so the file's 0.0.0.0 is not used; empty means the default.
    expect(c.host).toBe('127.0.0.1');
  });

  it('reads a quoted value over several lines', () => {
    const c = loadConfig({}, { envFile: envFile('LLM_API_KEY="first\nsecond"\nPORT=4100\n') });
    expect(c.llm.apiKey).toBe('first\nsecond');
    expect(c.port).toBe(4100);
  });

  it('is optional: no file, no change', () => {
    expect(loadConfig({}, { envFile: path.join(dir, 'missing.env') }).port).toBe(4000);
  });

  it('a malformed line is a ConfigError naming the file and line, without echoing the line', () => {
    const file = envFile('PORT=5000\nNEO4J_PASSWORD hunter22\n');
    let err: unknown;
    try {
      loadConfig({}, { envFile: file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`Invalid configuration in ${file}:`);
    expect((err as Error).message).toMatch(/line 2: not KEY=value/);
    expect((err as Error).message).not.toContain('hunter22');
    expect(() => loadConfig({}, { envFile: envFile('LLM_API_KEY="never closed\n') })).toThrow(/line 1: the value's opening " is never closed/);
  });

  it('a bad value from the file is reported like one from the environment', () => {
    expect(() => loadConfig({}, { envFile: envFile('NEO4J_BOLT_PORT=70000\n') })).toThrow(/NEO4J_BOLT_PORT="70000": must be between 1 and 65535/);
  });

  it('is the project root\'s .env, next to package.json', () => {
    expect(ENV_FILE).toBe(path.join(PROJECT_ROOT, '.env'));
  });

  it('.env.example, every line uncommented, is a valid configuration of known settings', () => {
    const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const settings = example.split('\n').filter((l) => /^# [A-Z][A-Z0-9_]*=/.test(l)).map((l) => l.slice(2));
    expect(settings.length).toBeGreaterThan(15);
    const source = readFileSync(path.join(PROJECT_ROOT, 'server', 'config.ts'), 'utf8');
    for (const line of settings) expect(source, line).toContain(`  ${line.split('=')[0]}: `);
    expect(() => loadConfig({}, { envFile: envFile(settings.join('\n')) })).not.toThrow();
  });
});
