// Partial dates ("2019", "2019-02", "2019-02-15") as intervals, and the month scale of the
// time slider.
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/** First and last day a partial date covers, as YYYY-MM-DD; null when it is not a date. */
export function dateInterval(date: string): [string, string] | null {
  const m = PARTIAL_DATE.exec(date);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d && mo) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`];
  if (mo) return [`${y}-${mo}-01`, `${y}-${mo}-31`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/** True when a partial date overlaps the inclusive range [from, to] (partial dates too). */
export function dateInRange(date: string, from: string | null, to: string | null): boolean {
  const span = dateInterval(date);
  if (!span) return true;
  const lo = from ? dateInterval(from)?.[0] : undefined;
  const hi = to ? dateInterval(to)?.[1] : undefined;
  if (lo && span[1] < lo) return false;
  if (hi && span[0] > hi) return false;
  return true;
}

export function monthOf(date: string): string | null {
  const m = PARTIAL_DATE.exec(date);
  if (!m) return null;
  return `${m[1]}-${m[2] ?? '01'}`;
}

/** Every month from the earliest to the latest of the dates, as YYYY-MM. */
export function monthScale(dates: Iterable<string>): string[] {
  const months = [...dates].map((d) => {
    const span = dateInterval(d);
    return span ? [span[0].slice(0, 7), span[1].slice(0, 7)] : [];
  }).flat();
  if (months.length === 0) return [];
  months.sort();
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? ''} ${y}`.trim();
}

export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = PARTIAL_DATE.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const name = MONTH_NAMES[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${name} ${y}` : `${name} ${y}`;
}
