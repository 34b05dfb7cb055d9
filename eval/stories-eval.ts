// Story quality on ECB+ (../shared/data/ecbplus-dev): every sub-topic (a topic's 'ecb' or
// 'ecbplus' half, one happening reported by several outlets) should be one story. Reads a graph
// the dev articles were seeded into (`npm run seed -- ../shared/data/ecbplus-dev/articles`).
//
//   tsx eval/stories-eval.ts [--data DIR] [--topics 2,3,...]     B-cubed, purity and completeness of IN_STORY
//   tsx eval/stories-eval.ts --tune [--fold 0|1] [--data DIR]    grid-search lexicons/stories.json's weights
//
// --tune replays story assignment in memory over the seeded articles in ingest order with the
// ingest code's own decision (server/resolve/stories.ts): each article's full-text hits are read
// once from the graph's index (kept to articles ingested before it), then every rule of the grid
// is run. Topics alternate between the tuning half (the 1st, 3rd, … of the data's topics) and the
// held-out half; the best rule on the tuning half is printed with its held-out scores.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../server/config.js';
import { candidatesFromHits, decideStory, storyQuery, storyText, STORY_RULE, type StoryRule } from '../server/resolve/stories.js';
import { STORY_TEXT_INDEX } from '../server/db/writes/stories.js';

const { values: opt } = parseArgs({
  options: { data: { type: 'string', default: path.resolve('../shared/data/ecbplus-dev') }, topics: { type: 'string' }, tune: { type: 'boolean', default: false }, fold: { type: 'string', default: '0' } },
});
const index = JSON.parse(readFileSync(path.join(opt.data!, 'index.json'), 'utf8')) as { doc: string; topic: number; subtopic: string }[];
const gold = new Map(index.map((d) => [d.doc.replace('_', '-'), `${d.topic}-${d.subtopic}`]));
const topicOf = new Map(index.map((d) => [d.doc.replace('_', '-'), d.topic]));
const allTopics = [...new Set(index.map((d) => d.topic))].sort((a, b) => a - b);
// --fold 1 swaps the halves (two-fold cross-validation by topic).
const tuneTopics = new Set(allTopics.filter((_, i) => i % 2 === Number(opt.fold)));

interface Scores { p: number; r: number; f1: number; purity: number; completeness: number; articles: number; stories: number }

/** B-cubed over the given articles (each article's precision/recall against the whole clustering), purity and completeness. */
function score(predicted: Map<string, string>, articles: readonly string[]): Scores {
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const [a, s] of predicted) { if (!gold.has(a)) continue; (byPred.get(s) ?? byPred.set(s, []).get(s)!).push(a); }
  for (const a of predicted.keys()) { const g = gold.get(a); if (g) (byGold.get(g) ?? byGold.set(g, []).get(g)!).push(a); }
  let p = 0, r = 0;
  for (const a of articles) {
    const mine = byPred.get(predicted.get(a)!)!;
    const g = gold.get(a)!;
    const same = mine.filter((x) => gold.get(x) === g).length;
    p += same / mine.length;
    r += same / byGold.get(g)!.length;
  }
  const set = new Set(articles);
  const maj = (groups: Map<string, string[]>, label: (a: string) => string) => {
    let n = 0;
    for (const members of groups.values()) {
      const inSet = members.filter((m) => set.has(m));
      if (!inSet.length) continue;
      const counts = new Map<string, number>();
      for (const m of inSet) counts.set(label(m), (counts.get(label(m)) ?? 0) + 1);
      n += Math.max(...counts.values());
    }
    return n / articles.length;
  };
  const P = p / articles.length, R = r / articles.length;
  return {
    p: P, r: R, f1: (2 * P * R) / (P + R || 1),
    purity: maj(byPred, (a) => gold.get(a)!), completeness: maj(byGold, (a) => predicted.get(a)!),
    articles: articles.length, stories: new Set(articles.map((a) => predicted.get(a))).size,
  };
}
const fmt = (s: Scores) => `B3 P=${s.p.toFixed(3)} R=${s.r.toFixed(3)} F1=${s.f1.toFixed(3)} purity=${s.purity.toFixed(3)} completeness=${s.completeness.toFixed(3)} (${s.articles} articles, ${s.stories} stories)`;

const config = loadConfig(process.env);
const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password));
const session = driver.session();
try {
  if (!opt.tune) {
    const wanted = opt.topics ? new Set(opt.topics.split(',').map(Number)) : null;
    const res = await session.run('MATCH (a:Article)-[:IN_STORY]->(s:Story) RETURN a.id AS a, s.id AS s');
    const predicted = new Map(res.records.map((r) => [r.get('a') as string, r.get('s') as string]));
    const arts = [...predicted.keys()].filter((a) => gold.has(a) && (!wanted || wanted.has(topicOf.get(a)!)));
    console.log(`stories ${fmt(score(predicted, arts))}`);
    for (const [name, half] of [['tuning topics', true], ['held-out topics', false]] as const) {
      console.log(`  ${name}: ${fmt(score(predicted, arts.filter((a) => tuneTopics.has(topicOf.get(a)!) === half)))}`);
    }
  } else {
    const res = await session.run(`
      MATCH (a:Article) WHERE a.storyText IS NOT NULL
      RETURN a.id AS id, a.title AS title, a.text AS text, a.publishedAt AS publishedAt,
        COLLECT { MATCH (a)-[:MENTIONS]->(e:Entity) WHERE e:Actor OR e:Place RETURN e.id } AS entityIds
      ORDER BY a.ingestedAt, a.id`);
    const arts = res.records.map((r) => ({ id: r.get('id') as string, title: r.get('title') as string | null, text: r.get('text') as string, publishedAt: r.get('publishedAt') as string | null, entityIds: r.get('entityIds') as string[] }));
    const order = new Map(arts.map((a, i) => [a.id, i]));
    const hitsOf = new Map<string, { articleId: string; score: number }[]>();
    for (const a of arts) {
      const q = storyQuery(storyText(a.title, a.text, STORY_RULE), STORY_RULE);
      const r = await session.run(`CALL db.index.fulltext.queryNodes('${STORY_TEXT_INDEX}', $q, {limit: 300}) YIELD node, score RETURN node.id AS id, score`, { q });
      const earlier = r.records.map((x) => ({ articleId: x.get('id') as string, score: x.get('score') as number })).filter((h) => (order.get(h.articleId) ?? Infinity) <= order.get(a.id)!);
      hitsOf.set(a.id, earlier.slice(0, STORY_RULE.candidateArticles + 1));
    }
    const simulate = (rule: StoryRule) => {
      const storyOf = new Map<string, string>();
      const stories = new Map<string, { counts: Map<string, number>; first: string | null; last: string | null; top: string[] | null }>();
      for (const a of arts) {
        const hits = hitsOf.get(a.id)!.map((h) => {
          const sid = storyOf.get(h.articleId) ?? null;
          const st = sid ? stories.get(sid)! : null;
          const top = st ? (st.top ??= [...st.counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, rule.storyEntities).map(([id]) => id)) : null;
          return { ...h, storyId: sid, firstDate: st?.first ?? null, lastDate: st?.last ?? null, entityIds: top };
        });
        const d = decideStory({ articleId: a.id, publishedAt: a.publishedAt, entityIds: a.entityIds }, candidatesFromHits(a.id, hits), rule);
        const sid = d.storyId ?? `story:${a.id}`;
        storyOf.set(a.id, sid);
        const st = stories.get(sid) ?? stories.set(sid, { counts: new Map(), first: null, last: null, top: null }).get(sid)!;
        st.top = null;
        for (const e of new Set(a.entityIds)) st.counts.set(e, (st.counts.get(e) ?? 0) + 1);
        if (a.publishedAt) {
          if (!st.first || a.publishedAt < st.first) st.first = a.publishedAt;
          if (!st.last || a.publishedAt > st.last) st.last = a.publishedAt;
        }
      }
      return storyOf;
    };
    const ids = arts.map((a) => a.id).filter((a) => gold.has(a));
    const tuneIds = ids.filter((a) => tuneTopics.has(topicOf.get(a)!));
    const heldIds = ids.filter((a) => !tuneTopics.has(topicOf.get(a)!));
    const current = simulate(STORY_RULE);
    console.log(`current rule: tuning ${fmt(score(current, tuneIds))}\n              held-out ${fmt(score(current, heldIds))}`);
    let best: { rule: StoryRule; f1: number } | null = null;
    const steps = (lo: number, hi: number, by: number) => Array.from({ length: Math.round((hi - lo) / by) + 1 }, (_, i) => Math.round((lo + i * by) * 1000) / 1000);
    const t0 = Date.now();
    simulate(STORY_RULE);
    console.log(`one replay: ${Date.now() - t0} ms`);
    for (const wt of steps(0.4, 0.8, 0.1)) for (const we of steps(0.1, Math.min(0.5, 1 - wt), 0.1)) {
      const weights = { text: wt, entities: we, time: Math.round((1 - wt - we) * 1000) / 1000 };
      for (const threshold of steps(0.2, 0.6, 0.05)) for (const minText of [0, 0.1, 0.2]) for (const halfLifeDays of [3, 14]) {
        const rule: StoryRule = { ...STORY_RULE, weights, threshold, minText, halfLifeDays };
        const f1 = score(simulate(rule), tuneIds).f1;
        if (!best || f1 > best.f1 + 1e-9) best = { rule, f1 };
      }
    }
    const b = simulate(best!.rule);
    console.log(`best on tuning topics: ${JSON.stringify({ weights: best!.rule.weights, threshold: best!.rule.threshold, minText: best!.rule.minText, halfLifeDays: best!.rule.halfLifeDays })}`);
    console.log(`  tuning   ${fmt(score(b, tuneIds))}\n  held-out ${fmt(score(b, heldIds))}`);
  }
} finally {
  await session.close();
  await driver.close();
}
