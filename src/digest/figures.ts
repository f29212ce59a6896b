/**
 * Figures as a reader wants them: `$3.0 billion`, `260,000 GPUs`, `about
 * 12.5%`, in English number style whatever the source language, with the
 * source's own wording kept beside (約30億ドル).
 */
import type { Figure } from '../records.js';

const CURRENCY_SYMBOL: Record<string, string> = {
  USD: '$', EUR: '€', GBP: '£', JPY: '¥', KRW: '₩', CNY: 'CN¥', TWD: 'NT$', HKD: 'HK$', AUD: 'A$', CAD: 'C$', INR: '₹',
};

const QUALIFIER: Record<Figure['qualifier'], string> = {
  exact: '', approx: 'about ', atLeast: 'at least ', atMost: 'up to ', range: '',
};

// Counters say "how", not "what": 26万台 of GPUs is 260,000 GPUs, never 260,000 台.
const COUNTERS = new Set(['台', '대', '장', '個', '개', '件', '건', '人', '명', '社', '곳', '枚', '本', '機', '基', '기', '倍', '배', '回', '번', '種', '종', '点', '곳']);

/**
 * @example
 * formatAmount(3e9)      // '3.0 billion'
 * formatAmount(260000)   // '260,000'
 */
export function formatAmount(n: number): string {
  const abs = Math.abs(n);
  for (const [scale, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (abs >= scale) {
      const x = n / scale;
      return `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)} ${word}`;
    }
  }
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function money(n: number, unit: string | null): string {
  const sym = unit ? CURRENCY_SYMBOL[unit] : undefined;
  const amount = formatAmount(n);
  if (sym) return `${sym}${amount}`;
  return unit ? `${amount} ${unit}` : amount;
}

function plural(word: string, n: number | null): string {
  if (n === 1 || !/^[A-Za-z][A-Za-z0-9 -]*$/.test(word) || /s$/i.test(word)) return word;
  return `${word}s`;
}

/**
 * The readable form of a figure.
 *
 * @example
 * formatFigure({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx', … }) // 'about $3.0 billion'
 * formatFigure({ kind: 'count', value: 260000, unit: '台', counted: 'GPU', qualifier: 'atLeast', … }) // 'at least 260,000 GPUs'
 */
export function formatFigure(f: Figure): string {
  const q = QUALIFIER[f.qualifier];
  const num = (n: number) => (f.kind === 'money' ? money(n, f.unit) : formatAmount(n));
  let core: string;
  if (f.kind === 'date' || f.kind === 'duration') return f.iso ?? f.text;
  if (f.value === null) {
    if (f.low === null || f.high === null) return f.text;
    core = `${num(f.low)}–${num(f.high)}`;
  } else core = num(f.value);
  const n = f.value ?? f.high;
  switch (f.kind) {
    case 'money':
      return q + core;
    case 'percent':
      return `${q}${core}%`;
    case 'ratio':
      return `${q}${core}${f.unit && f.unit !== 'x' ? ` ${f.unit}` : '×'}`;
    case 'count': {
      const what = f.counted ?? (f.unit && !COUNTERS.has(f.unit) ? f.unit : null);
      return what ? `${q}${core} ${plural(what, n)}` : q + core;
    }
    default:
      return `${q}${core}${f.unit ? ` ${f.unit}` : ''}`;
  }
}
