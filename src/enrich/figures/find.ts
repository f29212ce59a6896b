/*
 * Figures: a numeral plus what the text says around it — a currency sign or
 * word, a scale word, a counter or unit, a qualifier (約, 以上, 최대, more
 * than) — then ranges and from→to changes joined across connectors
 * (から, 에서, ~, to, between … and).
 */
import type { Figure, FigureKind, Qualifier } from '../../records.js';
import { findDates } from './dates.js';
import { fold, MAX_VALUE, scanNumerals, type Numeral } from './numerals.js';
import { addressSpans, mergeSpans, overlapsAny } from './spans.js';
import {
  EN_SCALE_SUFFIX,
  PREFIX_CURRENCY,
  PREFIX_QUALIFIERS,
  SUFFIX_QUALIFIERS,
  SUFFIX_UNITS,
  type QualifierWord,
  type UnitDef,
} from './units.js';

/** A figure before ranges and changes are joined. */
interface Candidate {
  /** Span of the whole figure (qualifier and currency sign included). */
  start: number;
  end: number;
  /** Span of the numeral with its scale and unit only, without qualifiers. */
  coreStart: number;
  coreEnd: number;
  lo: number;
  hi: number;
  vague: boolean;
  kind: FigureKind | null;
  unit: string | null;
  iso: string | null;
  qualifier: Exclude<QualifierWord, 'between'> | null;
  between: boolean;
  /** Scale applied by an English scale word, for a bare first end to inherit (7.8 to 10.5 billion). */
  scale: number;
  counted: string | null;
  num: Numeral;
}

const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isHangul = (c: string | undefined) => c !== undefined && c >= '\uac00' && c <= '\ud7a3';

// Words after a bare English number that are not the thing counted.
const EN_STOP = new Set(
  `of in on at to and or the a an per by for from with than as is are was were be been has have had will would that this these those
   it its their his her our your which who percent million billion trillion thousand hundred am pm a.m p.m times fold more less over
   up down out about after before between into through during against among since until also but not no so if then when where`.split(/\s+/),
);

/**
 * Every figure in `text`, with offsets into `text` (`text.slice(start, end) === figure.text`).
 * `change.other` indexes the returned array.
 *
 * @example
 * findFigures('HyundaiとNVIDIAは約30億ドルを共同投資する')
 * // [{ text: '約30億ドル', kind: 'money', value: 3000000000, unit: 'USD', qualifier: 'approx', … }]
 */
export interface FindFiguresOptions {
  /**
   * Also report numbers with no unit or scale (`3965以上` → count 3965). Off
   * for articles, where a bare small number is rarely a figure worth showing;
   * on for evaluating qualifiers and ranges on their own.
   */
  bare?: boolean;
}

export function findFigures(text: string, opts: FindFiguresOptions = {}): Figure[] {
  const f = fold(text);
  const dates = findDates(f);
  // Digits inside URLs and e-mail addresses (%20, ?id=123) are no figures.
  const masked = addressSpans(f);
  const blocked = mergeSpans([...dates, ...masked]);
  const inDate = (s: number, e: number) => overlapsAny(blocked, s, e);
  const cands: Candidate[] = [];
  for (const num of scanNumerals(f)) {
    if (inDate(num.start, num.end)) continue;
    const c = describe(f, num);
    if (c && !inDate(c.coreStart, c.coreEnd)) cands.push(c);
  }

  const out: Array<Figure & { _link?: number }> = [];
  for (const d of dates) if (!overlapsAny(masked, d.start, d.end)) out.push(makeFigure(text, d.start, d.end, { kind: 'date', iso: d.iso }));

  for (let i = 0; i < cands.length; i++) {
    const a = cands[i]!;
    const b = cands[i + 1];
    const join = b ? joinKind(f, a, b, opts.bare === true) : null;
    if (b && join) {
      // The first end takes the unit (and English scale) of the second: 20-25%, 78億から105億ドル, 7.8 to 10.5 billion.
      if (a.kind === null) {
        a.kind = b.kind;
        a.unit = b.unit;
        if (b.scale !== 1 && a.scale === 1) {
          a.lo *= b.scale;
          a.hi *= b.scale;
        }
      }
      if (join === 'range') {
        out.push(
          makeFigure(text, a.start, b.end, {
            kind: b.kind ?? 'count',
            unit: b.unit,
            value: null,
            low: a.lo,
            high: b.hi,
            qualifier: 'range',
            counted: b.counted,
          }),
        );
        i++;
        continue;
      }
      const from = emit(text, a, opts.bare === true);
      const to = emit(text, b, opts.bare === true);
      if (from && to) {
        const fi = out.push({ ...from, _link: out.length + 1 }) - 1;
        out.push({ ...to, _link: fi });
        i++;
        continue;
      }
    }
    const fig = emit(text, a, opts.bare === true);
    if (fig) out.push(fig);
  }

  // Sort by position and turn the links into indices of the sorted array.
  const order = out.map((fig, i) => ({ fig, i })).sort((x, y) => x.fig.start - y.fig.start || x.fig.end - y.fig.end);
  const where = new Map<number, number>();
  order.forEach(({ i }, k) => where.set(i, k));
  return order.map(({ fig, i }) => {
    const { _link, ...rest } = fig;
    if (_link === undefined) return rest;
    const other = where.get(_link)!;
    const role = where.get(i)! < other ? 'from' : 'to';
    return { ...rest, change: { role, other } };
  });
}

function makeFigure(
  text: string,
  start: number,
  end: number,
  p: Partial<Figure> & { kind: FigureKind },
): Figure {
  return {
    text: text.slice(start, end),
    kind: p.kind,
    value: p.value ?? null,
    low: p.low ?? null,
    high: p.high ?? null,
    unit: p.unit ?? null,
    qualifier: p.qualifier ?? 'exact',
    start,
    end,
    counted: p.counted ?? null,
    iso: p.iso ?? null,
    change: null,
  };
}

/** A candidate as a figure, or null when a bare number says too little to be one. */
function emit(text: string, c: Candidate, bare: boolean): Figure | null {
  let kind = c.kind;
  if (kind === null) {
    // A number with no unit is a figure only when it is plainly an amount: scaled (30億, 3 million) or grouped (260,000).
    if (c.num.weak || c.vague || !(bare || c.num.scaled || c.num.grouped || c.scale !== 1)) return null;
    kind = 'count';
  }
  if (c.vague)
    return makeFigure(text, c.start, c.end, { kind, unit: c.unit, low: c.lo, high: c.hi, qualifier: 'approx', counted: c.counted });
  const iso = kind === 'duration' && c.iso ? durationIso(c.lo, c.iso) : null;
  return makeFigure(text, c.start, c.end, {
    kind,
    unit: c.unit,
    value: c.lo,
    qualifier: c.qualifier ?? 'exact',
    counted: c.counted,
    iso,
  });
}

/** Binary floating point makes 16.4 × 10⁶ = 16399999.999999998; round to 15 significant digits. */
const tidy = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15)));

function durationIso(n: number, designator: string): string | null {
  if (!Number.isInteger(n) || n < 0) return null;
  if (designator === 'H' || designator === 'MIN' || designator === 'S') return `PT${n}${designator === 'MIN' ? 'M' : designator}`;
  return `P${n}${designator}`;
}

/** Read the currency sign, qualifier, scale word, unit and trailing qualifier around a numeral. */
function describe(f: string, num: Numeral): Candidate | null {
  let start = num.start;
  let end = num.end;
  let lo = num.lo;
  let hi = num.hi;
  let kind: FigureKind | null = null;
  let unit: string | null = null;
  let iso: string | null = null;
  let scale = 1;
  let qualifier: Candidate['qualifier'] = null;
  let between = false;
  let counted: string | null = null;

  // Ordinals (第2, 제3, 2nd) are positions, not amounts.
  const before1 = f[start - 1];
  if (before1 === '第' || before1 === '제') return null;
  // Era years (令和7年, 平成30年) are dates in another calendar, not durations.
  if (/(?:令和|平成|昭和|大正|明治)$/.test(f.slice(Math.max(0, start - 2), start))) return null;
  if (/^(?:st|nd|rd|th)(?![A-Za-z])/.test(f.slice(end, end + 3)) && !num.scaled) return null;

  // Currency sign before the number: $3 billion, US$ 3, ₩1,000.
  let prefixCurrency: string | null = null;
  for (const [sign, code] of PREFIX_CURRENCY) {
    const at = f[start - 1] === ' ' ? start - 1 - sign.length : start - sign.length;
    if (at < 0 || f.slice(at, at + sign.length) !== sign) continue;
    if (/^[A-Z]/.test(sign) && isLatin(f[at - 1])) continue;
    prefixCurrency = code;
    start = at;
    break;
  }

  // English scale word after the digits: 7.8 billion, $3bn, 40k ($5m only with a currency sign).
  if (num.enScale) scale = num.enScale; // already applied by the numeral reader
  else if (!num.scaled || isLatin(f[num.start])) {
    const rest = f.slice(end, end + 12);
    for (const [re, s, needsCurrency] of EN_SCALE_SUFFIX) {
      const m = re.exec(rest);
      if (!m || (needsCurrency && !prefixCurrency)) continue;
      scale = s;
      end += m[0].length;
      break;
    }
  }
  if (!num.enScale) {
    lo = tidy(lo * scale);
    hi = tidy(hi * scale);
  }

  // 余/여/あまり between the number and the unit: 1万余人, 1만여 명.
  const glued = /^(?:余|여)/.exec(f.slice(end, end + 2));
  if (glued && (glued[0] === '余' || f[end + 1] === ' ' || f[end + 1] === undefined || matchUnit(f, end + 1))) {
    qualifier = 'atLeast';
    end += glued[0].length;
  }

  if (prefixCurrency) {
    kind = 'money';
    unit = prefixCurrency;
  }
  // "thousands of GPUs", "billions of dollars": the unit comes after "of".
  const unitAt = num.vague && /^ of /.test(f.slice(end, end + 4)) ? end + 3 : end;
  const u = matchUnit(f, unitAt);
  if (u && !(prefixCurrency && u.def.kind !== 'money')) {
    if (!prefixCurrency || u.def.kind === 'money') {
      kind = u.def.kind;
      // A sign and a word both (US$ 3 million dollars): the more specific one wins.
      unit = prefixCurrency && u.def.unit === 'USD' ? prefixCurrency : u.def.unit;
      iso = u.def.iso ?? null;
      if (u.def.factor) {
        lo = tidy(lo * u.def.factor);
        hi = tidy(hi * u.def.factor);
      }
      end = u.end;
    }
  } else if (!prefixCurrency && isLatin(f[end]) && f[end - 1] !== ' ') {
    // Digits glued to letters that are no unit (5G, 3D, 4K): a name.
    return null;
  }
  if (num.weak && kind === null) return null;
  // 3대 강국, 4대 그룹: "the top N", not N machines.
  if (unit === '대' && f[num.end] === '대' && /^\s?(?:강국|기업|그룹|재벌|분야|산업|도시|은행|시중은행|과제|전략|요소|원칙|업종|이슈|핵심|신산업|국정과제|메이저|명문)/.test(f.slice(end, end + 6)))
    return null;

  // A further subunit: 2222円13銭.
  if (unit === 'JPY') {
    const m = /^(\d{1,2})銭/.exec(f.slice(end, end + 4));
    if (m) {
      lo = tidy(lo + +m[1]! / 100);
      hi = tidy(hi + +m[1]! / 100);
      end += m[0].length;
    }
  }

  // Qualifiers after: 以上, 이상, or more.
  const after = f.slice(end, end + 12);
  for (const [re, q] of SUFFIX_QUALIFIERS) {
    const m = re.exec(after);
    if (!m) continue;
    if (/^[A-Za-z]/.test(m[0].trim()) && !/^\s/.test(m[0])) continue;
    if (m[0] === '여' && isHangul(f[end + 1])) continue;
    qualifier = q;
    end += m[0].length;
    break;
  }

  // Qualifiers before: 約, 최대, more than, between.
  const before = f.slice(Math.max(0, start - 20), start);
  for (const [re, q] of PREFIX_QUALIFIERS) {
    const m = re.exec(before);
    if (!m) continue;
    const at = start - m[0].length;
    if (isLatin(f[at]) && isLatin(f[at - 1])) continue;
    if (q === 'between') {
      between = true;
      break;
    }
    // A qualifier after the number (以上) says more than 約 before it.
    if (!qualifier || qualifier === 'approx') qualifier = q;
    start = at;
    break;
  }

  // What is counted: 50,000台以上のGPU, 26만 대의 GPU, 260,000 GPUs.
  counted = countedAfter(f, kind === null ? unitAt : end, kind);
  // A four-digit number that reads like a year (2026 comes) is not a count of anything.
  const yearLike = !num.grouped && !num.scaled && scale === 1 && Number.isInteger(lo) && lo >= 1900 && lo <= 2100;
  if (kind === null && counted && !num.weak && !yearLike) {
    kind = 'count';
    unit = singular(counted);
  }
  // Korean often names the thing before the number: GPU 26만 대, 반도체 5만 개.
  if (counted === null && kind === 'count' && unit !== null && isHangul(unit[0])) {
    // Only a Latin name (GPU, HBM): a Korean word there is as often the subject (정부 최대 5만 장) as the thing counted.
    const m = /(?:^|\s)([A-Za-z][A-Za-z0-9-]*)\s$/.exec(f.slice(Math.max(0, start - 12), start));
    if (m) counted = m[1]!;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi > MAX_VALUE) return null;
  return {
    start,
    end,
    coreStart: num.start,
    coreEnd: end,
    lo,
    hi,
    vague: num.vague,
    kind,
    unit,
    iso,
    qualifier,
    between,
    scale,
    counted,
    num,
  };
}

// Units by their first character (lower-cased), longest first, so a lookup scans a handful of names, not all of them.
const UNITS_BY_FIRST = new Map<string, Array<[string, UnitDef]>>();
for (const entry of SUFFIX_UNITS) {
  const k = entry[0][0]!.toLowerCase();
  UNITS_BY_FIRST.set(k, [...(UNITS_BY_FIRST.get(k) ?? []), entry]);
}

function matchUnit(f: string, at: number): { def: UnitDef; end: number } | null {
  for (const space of [0, 1]) {
    const p = at + space;
    // One space (26만 대, 10 TB/s) or, before an English unit, a hyphen (a 3-inch screen, a six-mile trip).
    if (space === 1 && f[at] !== ' ' && !(f[at] === '-' && isLatin(f[at + 1]))) break;
    const first = f[p];
    if (first === undefined) break;
    for (const [name, def] of UNITS_BY_FIRST.get(first.toLowerCase()) ?? []) {
      const seg = f.slice(p, p + name.length);
      const latinWord = /^[A-Za-z]/.test(name);
      const same = latinWord && name.length > 3 && name !== name.toUpperCase() ? seg.toLowerCase() === name.toLowerCase() : seg === name;
      if (!same) continue;
      if (/[A-Za-z]$/.test(name) && isLatin(f[p + name.length])) continue;
      // Spaced units: Latin words and Korean (26만 대); Japanese units are written glued.
      if (space === 1 && !(latinWord || isHangul(name[0]) || /^[%$€£¥₩]$/.test(name))) continue;
      // A Korean unit is a word of its own, or has particles after it (대를, 명이): 2026 회계 is no count of 회.
      if (name.length === 1 && isHangul(name) && isHangul(f[p + 1]) && !/^(?:을|를|이|가|은|는|의|에|와|과|도|로|으로|만|씩|부터|까지|쯤|가량|여|분|당|째|간|였|입|인|일|라|짜리|대|어치|뿐|밖|이상|이하|미만|초과)/.test(f.slice(p + 1, p + 3)))
        continue;
      return { def, end: p + name.length };
    }
  }
  return null;
}

function countedAfter(f: string, at: number, kind: FigureKind | null): string | null {
  if (kind !== null && kind !== 'count') return null;
  const rest = f.slice(at, at + 40);
  // Japanese: の + a Latin, katakana or kanji run. Korean: (space) 의 + run.
  let m = /^(?:の|\s?의\s)([A-Za-z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]*)*|[ァ-ヺー・]{2,}|\p{Script=Han}{2,6}(?![ぁ-ん])|[가-힣]{2,8}?(?=[을를이가은는의에와과도](?![가-힣])|\s|$))/u.exec(rest);
  if (m) return m[1]!;
  if (kind === null) {
    // English: a plural noun right after the number (260,000 GPUs, 23 computers); a hyphenated one is an
    // adjective (12-high stacks, 2-nanometre process) and says nothing about a count.
    m = /^\s([a-z][a-z-]{2,}s|people|[A-Z]{2,}s)(?![A-Za-z])/.exec(rest);
    if (m && !EN_STOP.has(m[1]!.toLowerCase())) return m[1]!;
  }
  return null;
}

function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/[^s]s$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

/** How two neighbouring candidates join: one range, a from→to change, or not at all. */
function joinKind(f: string, a: Candidate, b: Candidate, bare: boolean): 'range' | 'change' | null {
  if (a.kind !== null && b.kind !== null && (a.kind !== b.kind || a.unit !== b.unit)) return null;
  const plain = (c: Candidate) => !c.num.weak && !c.vague && (c.num.scaled || c.num.grouped || c.scale !== 1);
  // Two bare amounts join only when each would be a figure alone (from about 65,000 to over 300,000).
  if (b.kind === null && a.kind === null && !(bare || (plain(a) && plain(b)))) return null;
  if (a.kind !== null && b.kind === null) return null;
  if (a.kind === 'date' || a.kind === 'duration') return null;
  const between = f.slice(a.end, b.start);
  const tail = f.slice(b.end, b.end + 4);
  // A lower and an upper bound in one phrase: 20以上30未満, 1000より大きく1500より小さい, above 1000 and below 1500, 20 초과 35 이하.
  if (a.qualifier === 'atLeast' && b.qualifier === 'atMost' && /^(?:\s?(?:が|、|,|且つ|かつ|and|고|,?\s?and)?\s?)$/.test(between)) return 'range';
  // 20と30の間, 20과 30 사이.
  if (/^\s?(?:と|과|와)\s?$/.test(between) && /^\s?(?:の間|사이)/.test(tail)) return 'range';
  if (/^\s?(?:~|〜|～|-|–|—)\s?$/.test(between)) return a.vague || b.vague ? null : 'range';
  if (a.between && /^\s(?:and|to)\s$/.test(between)) return 'range';
  if (/^\s(?:to)\s$/.test(between)) {
    const pre = f.slice(Math.max(0, a.start - 24), a.start);
    if (/\bfrom\s$/i.test(pre) && !/\brang(?:e|es|ed|ing)\s+from\s$/i.test(pre)) return 'change';
    return 'range';
  }
  // Japanese: から (and a short adverb such as 事実上 before the second end).
  const ja = /^から([^\d\s、。,.!?()（）「」]{0,5})$/.exec(between);
  if (ja) {
    if (/^(?:へ|に(?!よ))/.test(tail)) return 'change';
    return ja[1] === '' ? 'range' : null;
  }
  const ko = /^\s?(?:에서|부터)\s?$/.exec(between);
  if (ko) {
    if (/^\s?(?:로|으로)/.test(tail)) return 'change';
    return 'range';
  }
  return null;
}
