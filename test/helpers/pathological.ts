// Article text built to stress extraction (see test/unit/extract-pathological.test.ts and
// test/integration/attacks.test.ts).
const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'vo', 'lis', 'dra', 'nu', 'pe', 'zor', 'ba', 'shi', 'gul', 'fen', 'tar', 'wen', 'hol', 'rik', 'sa', 'dun'];
/** A distinct, name-shaped surname for every i (Karoka, Rokaka, …). */
export function surname(i: number): string {
  const w = SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

/** The attack: each sentence's Chancellor is the next sentence's Minister's counterpart. */
export function meetingChain(n: number): string {
  return Array.from({ length: n }, (_, i) => `Minister Ivan ${surname(i)}ov met Chancellor Olga ${surname(i + 1)}ova in Vienna on Tuesday to discuss tariffs.`).join(' ');
}

