/*
 * Dates in the forms news uses: 2025年10月28日, 2025년 10월 28일, October 28,
 * 2025, 28 Oct 2025, 2025-10-28, 2026会計年度, in 2024. Found before the
 * amounts so that the digits of a date never become a count.
 */
import { TakenSpans } from './spans.js';
import { EN_MONTHS } from './units.js';

export interface DateSpan {
  start: number;
  end: number;
  /** ISO 8601: `2025-10-28`, `2025-10`, `2025`, or `--10-28` when the year is not given. */
  iso: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validYear = (y: number) => y >= 1800 && y <= 2199;
const validMonth = (m: number) => m >= 1 && m <= 12;
const validDay = (d: number) => d >= 1 && d <= 31;

const MONTH = Object.keys(EN_MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m[0]!.toUpperCase() + m.slice(1))
  .join('|');

interface Pattern {
  re: RegExp;
  iso: (m: RegExpExecArray) => string | null;
}

const PATTERNS: Pattern[] = [
  {
    re: /(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]/g,
    iso: (m) => ymd(+m[1]!, +m[2]!, +m[3]!),
  },
  { re: /(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]/g, iso: (m) => ym(+m[1]!, +m[2]!) },
  { re: /(?<!\d)(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]/g, iso: (m) => md(+m[1]!, +m[2]!) },
  { re: /(?<![\d.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/g, iso: (m) => ymd(+m[1]!, +m[2]!, +m[3]!) },
  { re: /(?<![\d.])(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![\d.])/g, iso: (m) => ymd(+m[1]!, +m[2]!, +m[3]!) },
  {
    re: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'g'),
    iso: (m) => ymd(+m[3]!, EN_MONTHS[m[1]!.toLowerCase()]!, +m[2]!),
  },
  {
    re: new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\.?,?\\s+(\\d{4})(?!\\d)`, 'g'),
    iso: (m) => ymd(+m[3]!, EN_MONTHS[m[2]!.toLowerCase()]!, +m[1]!),
  },
  {
    re: new RegExp(`\\b(${MONTH})\\.?,?\\s+(\\d{4})(?!\\d)`, 'g'),
    iso: (m) => ym(+m[2]!, EN_MONTHS[m[1]!.toLowerCase()]!),
  },
  {
    re: new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]\\d|\\d)`, 'g'),
    iso: (m) => md(EN_MONTHS[m[1]!.toLowerCase()]!, +m[2]!),
  },
  { re: /(?<![\d.,])(\d{4})\s?(?:会計年度|年度|年|년도|년)(?!\s?(?:間|간|동안))/g, iso: (m) => year(+m[1]!) },
  { re: /\b(?:FY|CY)\s?(\d{4})(?!\d)/g, iso: (m) => year(+m[1]!) },
  {
    re: /\b(?:in|since|by|until|till|through|from|to|of|early|late|mid-|during|before|after|fiscal|year)\s(\d{4})(?![\d,.]\d|\d|\s?(?:%|percent|[A-Za-z]))/g,
    iso: (m) => year(+m[1]!),
  },
];

function ymd(y: number, mo: number, d: number): string | null {
  if (!validYear(y) || !validMonth(mo) || !validDay(d)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
function ym(y: number, mo: number): string | null {
  return validYear(y) && validMonth(mo) ? `${y}-${pad(mo)}` : null;
}
function md(mo: number, d: number): string | null {
  return validMonth(mo) && validDay(d) ? `--${pad(mo)}-${pad(d)}` : null;
}
function year(y: number): string | null {
  return validYear(y) ? String(y) : null;
}

/**
 * Every date in folded text `f`, without overlaps (earlier patterns win).
 * A day range (`10月28日から31日まで`) gives the end day as a date too.
 *
 * @example
 * findDates('2025年10月28日から31日まで').map((d) => d.iso) // ['2025-10-28', '2025-10-31']
 */
export function findDates(f: string): DateSpan[] {
  const taken: DateSpan[] = [];
  // A bitmap, not a scan of what was taken: 80,000 dates in one document must not cost 80,000² checks.
  const used = new TakenSpans(f.length);
  const overlaps = (s: number, e: number) => used.overlaps(s, e);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of f.matchAll(p.re)) {
      const iso = p.iso(m as RegExpExecArray);
      if (!iso) continue;
      // The year-after-a-preposition pattern keeps only the digits.
      const full = m[0];
      let start = m.index!;
      let end = start + full.length;
      if (p === PATTERNS[PATTERNS.length - 1]) {
        start = end - m[1]!.length;
      }
      if (overlaps(start, end)) continue;
      used.take(start, end);
      taken.push({ start, end, iso });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  // Day ranges: 28日から31日, 28일부터 31일, 28~31日.
  const extra: DateSpan[] = [];
  for (const d of taken) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.iso)) continue;
    const m = /^\s?(?:から|~|〜|-|–|부터|에서)\s?(\d{1,2})\s?[日일]/.exec(f.slice(d.end, d.end + 12));
    if (!m) continue;
    const day = +m[1]!;
    const s = d.end + m[0].length - (m[0].length - m[0].indexOf(m[1]!));
    const e = d.end + m[0].length;
    const iso = ymd(+d.iso.slice(0, 4), +d.iso.slice(5, 7), day);
    if (iso && !overlaps(s, e)) {
      used.take(s, e);
      extra.push({ start: s, end: e, iso });
    }
  }
  return [...taken, ...extra].sort((a, b) => a.start - b.start);
}
