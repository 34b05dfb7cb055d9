// What each CoreNLP annotator costs on real news (ECB+ development articles): the server's own CPU
// seconds (from /proc, so other load on the machine changes the figure less than wall time
// would) for the same articles under each configuration, from tokenising alone up to the one the
// project used before (SUTime, numeric classifiers, every sentence parsed), beside the project's
// two requests. Linux only (/proc).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Config } from '../../server/config.js';
import { createCoreNlpClient } from '../../server/nlp/corenlp/client.js';
import { CORENLP_PROPERTIES } from '../../server/nlp/corenlp/properties.js';
import { coreNlpStatus, ensureCoreNlp } from '../../server/runtime/corenlp/descriptor.js';
import { sentenceNeedsParse } from '../../server/rules/index.js';
import { realArticles } from '../real-corpus.js';

export interface AnnotatorRun {
  config: string;
  articles: number;
  cpuS: number;
  msPerArticle: number;
  wallS: number;
  load: number;
}

const TAGGING = { ...CORENLP_PROPERTIES, 'ner.useSUTime': 'false', 'ner.applyNumericClassifiers': 'false' };
const CONFIGS: Array<{ name: string; props: Record<string, string> }> = [
  { name: 'tokenize, ssplit', props: { ...TAGGING, annotators: 'tokenize,ssplit' } },
  { name: '+ pos, lemma', props: { ...TAGGING, annotators: 'tokenize,ssplit,pos,lemma' } },
  { name: '+ ner (4-class CRF)', props: { ...TAGGING, annotators: 'tokenize,ssplit,pos,lemma,ner' } },
  { name: '+ numeric classifiers', props: { ...TAGGING, annotators: 'tokenize,ssplit,pos,lemma,ner', 'ner.applyNumericClassifiers': 'true' } },
  { name: '+ SUTime', props: { ...TAGGING, annotators: 'tokenize,ssplit,pos,lemma,ner', 'ner.applyNumericClassifiers': 'true', 'ner.useSUTime': 'true' } },
  {
    name: '+ depparse, every sentence (before)',
    props: { ...TAGGING, annotators: 'tokenize,ssplit,pos,lemma,ner,depparse', 'ner.applyNumericClassifiers': 'true', 'ner.useSUTime': 'true', 'depparse.extradependencies': 'NONE' },
  },
];

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(name: string, pid: number, docs: string[], annotate: (text: string) => Promise<unknown>, window: number): Promise<AnnotatorRun> {
  let next = 0;
  const all = async (list: string[]) => {
    next = 0;
    await Promise.all(Array.from({ length: window }, async () => {
      while (next < list.length) await annotate(list[next++]!);
    }));
  };
  await all(docs.slice(0, 5)); // load the configuration's models and warm it
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await all(docs);
  const cpuS = cpuSeconds(pid) - cpu0;
  return { config: name, articles: docs.length, cpuS, msPerArticle: (cpuS * 1000) / docs.length, wallS: (performance.now() - t0) / 1000, load: loadavg()[0]! };
}

export async function benchAnnotators(config: Config, articles: number, log: (l: string) => void): Promise<AnnotatorRun[]> {
  const all = realArticles();
  const step = Math.max(1, Math.floor(all.length / articles));
  const docs = all.filter((_, i) => i % step === 0).slice(0, articles).map((a) => a.text);
  const nlp = await ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => log(`[corenlp] ${l}`) });
  try {
    const pid = (await coreNlpStatus(config.corenlp)).pid;
    if (!pid) {
      log('annotators: CoreNLP runs elsewhere (CORENLP_URL), so its CPU cannot be read here; skipped');
      return [];
    }
    const url = config.corenlp.urls[0]!;
    const window = config.corenlp.threads;
    const runs: AnnotatorRun[] = [];
    for (const c of CONFIGS) {
      const props = encodeURIComponent(JSON.stringify(c.props));
      runs.push(
        await measure(c.name, pid, docs, async (text) => {
          const res = await fetch(`${url}/?properties=${props}`, { method: 'POST', body: text });
          if (!res.ok) throw new Error(`CoreNLP HTTP ${res.status}`);
          await res.text();
        }, window),
      );
    }
    const client = createCoreNlpClient({ ...config.corenlp, urls: [url] }, { parseSentence: (s) => sentenceNeedsParse(s) });
    runs.push(await measure('project: tagging + parse of trigger sentences (now)', pid, docs, (t) => client.annotate(t), window + 1));
    return runs;
  } finally {
    await nlp.stop();
  }
}
