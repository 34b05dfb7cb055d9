// Money, percentages and head counts: "$200 billion" -> 200e9 USD, "from 10% to 25%" -> two
// percent amounts, "1,200 protesters" -> 1200 people.
import type { Amount } from '../extractors/contract.js';

export interface AmountSpan extends Amount {
  start: number;
  end: number;
}

const SCALE: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const SYMBOL: Record<string, string> = { $: 'USD', 'us$': 'USD', 'usd': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', 'c$': 'CAD', 'a$': 'AUD', 'hk$': 'HKD', 'rmb': 'CNY' };
const WORD_UNIT: Record<string, string> = {
  dollars: 'USD', dollar: 'USD', euros: 'EUR', euro: 'EUR', pounds: 'GBP', yuan: 'CNY', renminbi: 'CNY', yen: 'JPY', rupees: 'INR',
  rubles: 'RUB', roubles: 'RUB', won: 'KRW', pesos: 'MXN',
};
const PEOPLE = 'people|persons|protesters|protestors|demonstrators|troops|soldiers|workers|civilians|refugees|migrants|employees|jobs|deaths|casualties|prisoners|residents|students|voters';

const NUM = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const MONEY_RE = new RegExp(`(US\\$|C\\$|A\\$|HK\\$|[$€£¥]|USD\\s?|RMB\\s?)\\s?(${NUM})(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|[kmb])\\b)?`, 'gi');
const WORD_MONEY_RE = new RegExp(`\\b(${NUM})(?:\\s(thousand|million|billion|trillion))?\\s(dollars?|euros?|pounds|yuan|renminbi|yen|rupees|rubles|roubles|won|pesos)\\b`, 'gi');
const PERCENT_RE = new RegExp(`\\b(${NUM})\\s?(%|percent\\b|per cent\\b|percentage points?\\b)`, 'gi');
const PEOPLE_RE = new RegExp(`\\b(${NUM})(?:\\s(thousand|million))?\\s(?:[a-z-]+\\s)?(${PEOPLE})\\b`, 'gi');

const num = (s: string) => Number(s.replace(/,/g, ''));

export function findAmounts(text: string, base: number): AmountSpan[] {
  const out: AmountSpan[] = [];
  const push = (a: AmountSpan) => {
    if (!Number.isFinite(a.value)) return;
    if (out.some((o) => a.start < o.end && o.start < a.end)) return;
    out.push(a);
  };
  let m: RegExpExecArray | null;
  MONEY_RE.lastIndex = 0;
  while ((m = MONEY_RE.exec(text)) !== null) {
    const unit = SYMBOL[m[1]!.trim().toLowerCase()] ?? 'USD';
    const scale = m[3] ? SCALE[m[3].toLowerCase()] ?? 1 : 1;
    push({ text: m[0], value: num(m[2]!) * scale, unit, start: base + m.index, end: base + m.index + m[0].length });
  }
  WORD_MONEY_RE.lastIndex = 0;
  while ((m = WORD_MONEY_RE.exec(text)) !== null) {
    const scale = m[2] ? SCALE[m[2].toLowerCase()] ?? 1 : 1;
    push({ text: m[0], value: num(m[1]!) * scale, unit: WORD_UNIT[m[3]!.toLowerCase()] ?? 'USD', start: base + m.index, end: base + m.index + m[0].length });
  }
  PERCENT_RE.lastIndex = 0;
  while ((m = PERCENT_RE.exec(text)) !== null) {
    const unit = /point/i.test(m[2]!) ? 'percentage points' : 'percent';
    push({ text: m[0], value: num(m[1]!), unit, start: base + m.index, end: base + m.index + m[0].length });
  }
  PEOPLE_RE.lastIndex = 0;
  while ((m = PEOPLE_RE.exec(text)) !== null) {
    const scale = m[2] ? SCALE[m[2].toLowerCase()] ?? 1 : 1;
    push({ text: m[0], value: num(m[1]!) * scale, unit: m[3]!.toLowerCase() === 'jobs' ? 'jobs' : 'people', start: base + m.index, end: base + m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
