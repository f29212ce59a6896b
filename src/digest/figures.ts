/**
 * Figures as a reader wants them: `$3 billion`, `260,000 GPUs`, `about
 * 12.5%`, in English number style whatever the source language and with
 * the precision the source gave (no `$53.0 million` for "$53 million"), the
 * source's own wording kept beside (約30億ドル).
 */
import type { Figure } from '../records.js';

const CURRENCY_SYMBOL: Record<string, string> = {
  USD: '$', EUR: '€', GBP: '£', JPY: '¥', KRW: '₩', CNY: 'CN¥', TWD: 'NT$', HKD: 'HK$', AUD: 'A$', CAD: 'C$', INR: '₹', SGD: 'S$', NZD: 'NZ$',
  NGN: '₦', PHP: '₱', VND: '₫', THB: '฿', ILS: '₪', UAH: '₴', RUB: '₽', TRY: '₺', BRL: 'R$', MXN: 'MX$', BTC: '₿',
};

const QUALIFIER: Record<Figure['qualifier'], string> = {
  exact: '', approx: 'about ', atLeast: 'at least ', atMost: 'up to ', range: '',
};

// Counters say "how", not "what": 26万台 of GPUs is 260,000 GPUs, never 260,000 台.
const COUNTERS = new Set(['台', '대', '장', '個', '개', '件', '건', '人', '명', '社', '곳', '枚', '本', '機', '基', '기', '倍', '배', '回', '번', '種', '종', '点', '곳']);

/**
 * A number in English style with the precision it was given: no digits the
 * source did not write (3 billion, not 3.0 billion; 1.46 trillion as
 * 1조 4,600억 is; 9.1834 trillion). `written`, the source wording, keeps
 * decimals the source did write with the same scale word ($53.0 million).
 *
 * @example
 * formatAmount(3e9)                      // '3 billion'
 * formatAmount(260000)                   // '260,000'
 * formatAmount(5.3e7, '$53.0 million')   // '53.0 million'
 */
export function formatAmount(n: number, written?: string): string {
  const abs = Math.abs(n);
  for (const [scale, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (abs < scale) continue;
    const x = n / scale;
    const decimals = writtenDecimals(written, word);
    if (decimals !== null && Math.abs(Number(x.toFixed(decimals)) - x) < 1e-9 * Math.max(1, Math.abs(x))) return `${x.toFixed(decimals)} ${word}`;
    const minimal = String(Number(x.toPrecision(12)));
    // More digits than a scaled form reads well with (9,183,412,345,678 won): the whole number.
    if ((minimal.split('.')[1]?.length ?? 0) > 4) return Math.round(n).toLocaleString('en-US');
    return `${x >= 1000 ? Math.round(x).toLocaleString('en-US') : minimal} ${word}`;
  }
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

// The letters written after a number: the scale word or its abbreviation ("$53.0 million", "53m", "1.2 trn").
const SCALE_WORDS: Record<'million' | 'billion' | 'trillion', readonly string[]> = {
  million: ['million', 'm', 'mn', 'mln'],
  billion: ['billion', 'b', 'bn'],
  trillion: ['trillion', 'tn', 'trn'],
};

/**
 * Decimals the source wrote before the same English scale word: "$53.0 million" → 1. The first number
 * whose run of letters is the word: what /(\d)(?:\.(\d+))?\s?(?:million|m|mn|mln)(?![A-Za-z])/i found, with
 * the lookahead as a check in code, so the regex stays one the linear-regex check can prove.
 *
 * @example
 * writtenDecimals('$53.0 million', 'million') // 1
 */
export function writtenDecimals(written: string | undefined, word: keyof typeof SCALE_WORDS): number | null {
  if (!written) return null;
  const s = written.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const number = /(\d)(?:\.(\d+))?\s?([A-Za-z]+)/g;
  for (let m = number.exec(s); m; m = number.exec(s)) {
    if (SCALE_WORDS[word].includes(m[3]!.toLowerCase())) return m[2]?.length ?? 0;
    number.lastIndex = m.index + 1;
  }
  return null;
}

function money(n: number, unit: string | null, written?: string): string {
  const sym = unit ? CURRENCY_SYMBOL[unit] : undefined;
  // Cents stay cents: $78.40, $2.03 (the source's two decimals, or the currency's).
  const cents = Math.abs(n) < 1e6 && !Number.isInteger(n) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
  const amount = cents ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : formatAmount(n, written);
  if (sym) return `${sym}${amount}`;
  return unit ? `${amount} ${unit}` : amount;
}

const INVARIANT = new Set(['people', 'staff', 'children', 'aircraft', 'personnel', 'police', 'sheep', 'fish', 'series', 'equipment']);

function plural(word: string, n: number | null): string {
  if (n === 1 || !/^[A-Za-z][A-Za-z0-9 -]*$/.test(word) || /s$/i.test(word) || INVARIANT.has(word.toLowerCase())) return word;
  return `${word}s`;
}

/**
 * The readable form of a figure.
 *
 * @example
 * formatFigure({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx', … }) // 'about $3 billion'
 * formatFigure({ kind: 'count', value: 260000, unit: '台', counted: 'GPU', qualifier: 'atLeast', … }) // 'at least 260,000 GPUs'
 */
export function formatFigure(f: Figure): string {
  const q = QUALIFIER[f.qualifier];
  const num = (n: number) => (f.kind === 'money' ? money(n, f.unit, f.text) : formatAmount(n, f.text));
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
