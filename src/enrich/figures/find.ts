/*
 * Figures: a numeral plus what the text says around it — a currency sign or
 * word, a scale word, a counter or unit, a qualifier (約, 以上, 최대, more
 * than) — then ranges and from→to changes joined across connectors
 * (から, 에서, ~, to, between … and).
 */
import type { Figure, FigureKind } from '../../records.js';
import { groupBy } from '../../group-by.js';
import { AMBIGUOUS, CURRENCIES } from './currencies.js';
import { findDates } from './dates.js';
import { fold, MAX_VALUE, numeralAt, scanNumerals, type Numeral } from './numerals.js';
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

const isLatin = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isHangul = (c: string | undefined) => c !== undefined && c >= '\uac00' && c <= '\ud7a3';

// Words after a bare English number that are not the thing counted.
const EN_STOP = new Set(
  `of in on at to and or the a an per by for from with than as is are was were be been has have had will would that this these those
   it its their his her our your which who percent million billion trillion thousand hundred am pm a.m p.m times fold more less over
   up down out about after before between into through during against among since until also but not no so if then when where
   others ones tens hundreds thousands millions billions`.split(/\s+/),
);

/**
 * Options of `findFigures`.
 */
export interface FindFiguresOptions {
  /**
   * Also report numbers with no unit or scale (`3965以上` → count 3965). Off
   * for articles, where a bare small number is rarely a figure worth showing;
   * on for evaluating qualifiers and ranges on their own.
   */
  bare?: boolean;
  /**
   * The outlet's country (ISO 3166 alpha-2, see `outletCountry`): `$` and
   * "dollars" on an Australian site are Australian dollars, "pesos" on a
   * Philippine one Philippine pesos.
   */
  country?: string | null;
}

interface Context {
  country: string | null;
}

/**
 * Every figure in `text`, with offsets into `text` (`text.slice(start, end) === figure.text`).
 * `change.other` indexes the returned array.
 *
 * @example
 * findFigures('HyundaiとNVIDIAは約30億ドルを共同投資する')
 * // [{ text: '約30億ドル', kind: 'money', value: 3000000000, unit: 'USD', qualifier: 'approx', … }]
 * findFigures('The fund manages $240 billion', { country: 'AU' })[0].unit // 'AUD'
 */
export function findFigures(text: string, opts: FindFiguresOptions = {}): Figure[] {
  const ctx: Context = { country: opts.country ?? null };
  const bare = opts.bare === true;
  const f = fold(text);
  const dates = findDates(f);
  // Digits inside URLs and e-mail addresses (%20, ?id=123) are no figures.
  const masked = addressSpans(f);
  const blocked = mergeSpans([...dates, ...masked]);
  const inDate = (s: number, e: number) => overlapsAny(blocked, s, e);
  const cands: Candidate[] = [];
  let taken = 0;
  for (const num of scanNumerals(f)) {
    // A minor unit already read into the amount before it (2ドル3セント) is not read again.
    if (num.start < taken || inDate(num.start, num.end)) continue;
    const c = describe(f, num, ctx, taken);
    if (c && !inDate(c.coreStart, c.coreEnd)) {
      cands.push(c);
      taken = c.coreEnd;
    }
  }

  const out: Array<Figure & { _link?: number }> = [];
  for (const d of dates) if (!overlapsAny(masked, d.start, d.end)) out.push(makeFigure(text, d.start, d.end, { kind: 'date', iso: d.iso }));

  for (let i = 0; i < cands.length; i++) {
    const a = cands[i]!;
    const b = cands[i + 1];
    const join = b ? joinKind(f, a, b, bare) : null;
    if (b && join) {
      // The first end takes the unit (and English scale) of the second: 20-25%, 78億から105億ドル, 7.8 to 10.5 billion.
      if (a.kind === null) {
        a.kind = b.kind;
        a.unit = b.unit;
        a.iso = b.iso;
        if (b.scale !== 1 && a.scale === 1) {
          a.lo = tidy(a.lo * b.scale);
          a.hi = tidy(a.hi * b.scale);
        }
      }
      // … and the second the unit of the first when it has none: from 95 percent to zero.
      if (b.kind === null) {
        b.kind = a.kind;
        b.unit = a.unit;
      }
      if (join === 'range' || join === 'range-reversed') {
        const [lowEnd, highEnd] = join === 'range' ? [a, b] : [b, a];
        out.push(
          makeFigure(text, a.start, b.end, {
            kind: b.kind ?? 'count',
            unit: b.unit,
            value: null,
            low: lowEnd.lo,
            high: highEnd.hi,
            qualifier: 'range',
            counted: b.counted ?? a.counted,
          }),
        );
        i++;
        continue;
      }
      const from = emit(text, a, bare);
      const to = emit(text, b, bare, true);
      if (from && to) {
        const fi = out.push({ ...from, _link: out.length + 1 }) - 1;
        out.push({ ...to, _link: fi });
        i++;
        continue;
      }
    }
    const fig = emit(text, a, bare);
    if (fig) out.push(fig);
  }
  for (const p of [...pointFractions(f), ...ordinalRuns(f)]) if (!out.some((x) => x.start < p.end && x.end > p.start) && !inDate(p.start, p.end)) out.push(makeFigure(text, p.start, p.end, p.fig));

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
function emit(text: string, c: Candidate, bare: boolean, joined = false): Figure | null {
  let kind = c.kind;
  if (kind === null) {
    // A number with no unit is a figure only when it is plainly an amount: scaled (30億, 3 million) or grouped (260,000).
    if (c.num.weak || c.vague || !(bare || c.num.scaled || c.num.grouped || c.scale !== 1)) return null;
    kind = 'count';
  }
  // A lone number word (zero, five) is a figure with a unit or as the end of a change (from 95 percent to zero).
  if (c.num.weak && c.kind === null && !joined) return null;
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
  if (n < 0 || !Number.isFinite(n)) return null;
  // ISO 8601 allows a decimal fraction on the last component: 3年半 = P3.5Y.
  const v = Number.isInteger(n) ? String(n) : String(tidy(n));
  if (designator === 'H' || designator === 'MIN' || designator === 'S') return `PT${v}${designator === 'MIN' ? 'M' : designator}`;
  return `P${v}${designator}`;
}

/** The ISO code for a currency word or sign, resolved by the outlet's country where several currencies share it. */
function resolveCurrency(code: string | null, ambiguous: string | undefined, ctx: Context): string | null {
  if (!ambiguous) return code;
  const a = AMBIGUOUS[ambiguous];
  if (!a) return code;
  return (ctx.country && a.byCountry[ctx.country]) || a.default;
}

/** Whether a minor unit named through `minorOf` (an ISO code or AMBIGUOUS key) is a part of currency `code`. */
function minorBelongs(minorOf: string, code: string | null): boolean {
  if (!code) return false;
  if (minorOf === code) return true;
  const cur = CURRENCIES.get(code);
  if (!cur || cur.exponent !== 2) return false;
  // Cents are hundredths of the dollars, the euro and most decimal currencies, not of the pound or the yen.
  if (minorOf === 'cent') return !['GBP', 'JPY', 'KRW', 'CNY', 'INR', 'RUB'].includes(code);
  const family = AMBIGUOUS[minorOf];
  return family !== undefined && (family.default === code || Object.values(family.byCountry).includes(code));
}

const WEIGHT_CONTEXT = /(?:weigh|weight|heavy|heavier|lighter|\bbaby\b|体重|重さ|重量|目方|무게|체중|중량)/i;

// Temperatures written with 度/도 need a reason to be read as one: a word for temperature before, or a decimal value.
const TEMPERATURE_CONTEXT = /(?:気温|温度|体温|水温|海水温|最高|最低|摂氏|氷点下|零下|기온|온도|체온|수온|최고|최저|섭씨|영하|낮 기온|아침 기온)/;

/** Read the currency sign, qualifier, scale word, unit and trailing qualifier around a numeral. */
function describe(f: string, num: Numeral, ctx: Context, minStart = 0): Candidate | null {
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
  // Model and type numbers (787型機, 10号), not amounts.
  if (/^(?:型|形|号|系|式)/.test(f[end] ?? '') && !num.scaled) return null;

  // Currency sign or code before the number: $3 billion, US$ 3, ₩1,000, HK $ 10.05 billion.
  let prefixCurrency: string | null = null;
  let prefixAmbiguous = false;
  let prefixFactor = 1;
  const signEnd = f[start - 1] === ' ' ? f[start - 2] : f[start - 1];
  for (const p of (signEnd !== undefined && PREFIX_BY_LAST.get(signEnd)) || []) {
    const sign = p.sign;
    const at = f[start - 1] === ' ' ? start - 1 - sign.length : start - sign.length;
    // A sign the amount before already ended with (17 USD 25) is not this one's prefix.
    if (at < minStart || f.slice(at, at + sign.length) !== sign) continue;
    if (isLatin(sign[0]) && isLatin(f[at - 1])) continue;
    // A code glued after letters (aUSD) or a sign read off the end of a word is no prefix.
    if (isLatin(sign[sign.length - 1]) && f[start - 1] !== ' ' && isLatin(f[start])) continue;
    prefixCurrency = resolveCurrency(p.code, p.ambiguous, ctx);
    prefixAmbiguous = p.ambiguous !== undefined;
    prefixFactor = p.factor ?? 1;
    start = at;
    break;
  }
  // 摂氏 25度, 섭씨 25.4도, 화씨: the scale is named before the number.
  const degreePrefix = isCjkBefore(f, start) ? /(?:摂氏|섭씨|화씨)\s?$/.exec(f.slice(Math.max(0, start - 3), start)) : null;

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
    lo = tidy(lo * scale * prefixFactor);
    hi = tidy(hi * scale * prefixFactor);
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
  let unitDef: UnitDef | null = null;
  if (u && !(prefixCurrency && u.def.kind !== 'money')) {
    unitDef = u.def;
    kind = u.def.kind;
    const named = u.def.kind === 'money' ? resolveCurrency(u.def.unit, u.def.ambiguous, ctx) : u.def.unit;
    // A sign and a word both (US$ 3 million dollars, HK$ 10 dollars): the more specific one wins.
    unit = prefixCurrency && (u.def.ambiguous || !prefixAmbiguous) ? prefixCurrency : named;
    iso = u.def.iso ?? null;
    if (u.def.factor) {
      lo = tidy(lo * u.def.factor);
      hi = tidy(hi * u.def.factor);
    }
    end = u.end;
    // 75 USD million: a code, then the scale word.
    if (kind === 'money' && scale === 1 && !num.scaled && /^[A-Z]{3}$/.test(f.slice(u.end - 3, u.end))) {
      const m = /^\s(million|billion|trillion|mn|bn)(?![A-Za-z])/i.exec(f.slice(end, end + 10));
      if (m) {
        const k = /^(?:million|mn)$/i.test(m[1]!) ? 1e6 : /^(?:billion|bn)$/i.test(m[1]!) ? 1e9 : 1e12;
        lo = tidy(lo * k);
        hi = tidy(hi * k);
        end += m[0].length;
      }
    }
  } else if (!prefixCurrency && isLatin(f[end]) && f[end - 1] !== ' ') {
    // Digits glued to letters that are no unit (5G, 3D, 4K): a name.
    return null;
  }
  // 35.2度, 섭씨 25.4도: a temperature, when the sentence says so (2度目 is "the second time").
  if (kind === null && !num.vague) {
    const deg = f[end] === '度' || f[end] === '도' || f[end + 1] === '度' || f[end + 1] === '도' ? /^\s?(?:度|도)/.exec(f.slice(end, end + 2)) : null;
    if (deg && !/^(?:目|째|로\s?(?:를|가|는)|시)/.test(f.slice(end + deg[0].length, end + deg[0].length + 3))) {
      const sentence = f.slice(Math.max(0, start - 24), start);
      if (degreePrefix || TEMPERATURE_CONTEXT.test(sentence) || (!Number.isInteger(lo) && num.end - num.start <= 5)) {
        kind = 'quantity';
        unit = degreePrefix && degreePrefix[0].startsWith('화') ? '°F' : '°C';
        end += deg[0].length;
      }
    }
    if (kind !== null && degreePrefix) start -= degreePrefix[0].length;
  }
  // 12일 만에, 12일 동안: a number of days (a bare 12일 is a day of the month).
  if (kind === null && f[end] === '일' && !num.vague && /^일\s?(?:만에|동안|간|째)/.test(f.slice(end, end + 4)) && Number.isInteger(lo)) {
    kind = 'duration';
    unit = 'day';
    iso = 'D';
    end += 1;
  }
  if (num.weak && kind === null) {
    // A lone number word with a plural noun after it (three people, Zero people) counts them; otherwise it waits to join a change.
    const noun = isLatin(f[num.start]) ? countedAfter(f, end, null) : null;
    if (!noun || !COUNTABLE_AFTER_WORD.test(noun)) return weakCandidate(num, start, end);
    kind = 'count';
    unit = singular(noun);
    counted = noun;
  }
  // 3대 강국, 4대 그룹: "the top N", not N machines.
  if (unit === '대' && f[num.end] === '대' && /^\s?(?:강국|기업|그룹|재벌|분야|산업|도시|은행|시중은행|과제|전략|요소|원칙|업종|이슈|핵심|신산업|국정과제|메이저|명문)/.test(f.slice(end, end + 6)))
    return null;
  // "per one share", 1株当たり, 1인당, 10万人当たり: a denominator, not an amount (money stays: 100엔당 … is a rate's base).
  if (kind !== null && kind !== 'money' && /^\s?(?:当たり|あたり|当り|につき|당(?![가-힣]))/.test(f.slice(end, end + 5))) return null;

  // Pounds of weight, not of money: 体重は200ポンド, weighs 2,204.62 pounds, 무게 5파운드.
  if (kind === 'money' && unitDef?.ambiguous && /^(?:pound|ポンド|파운드)/.test(unitDef.ambiguous) && !prefixCurrency && WEIGHT_CONTEXT.test(f.slice(Math.max(0, start - 30), Math.min(f.length, end + 12)))) {
    kind = 'quantity';
    unit = 'lb';
  }
  // 5 ft 2 in, 5 feet and 2 inches: one length.
  if (unit === 'ft' && !num.vague) {
    const m = /^\s?(?:and\s)?(\d{1,2}(?:\.\d+)?)\s?(?:inches|inch|in|")(?![A-Za-z])/.exec(f.slice(end, end + 20));
    if (m && Number(m[1]) < 12) {
      lo = tidy(lo + Number(m[1]) / 12);
      hi = tidy(hi + Number(m[1]) / 12);
      end += m[0].length;
    }
  }
  // 3割8分7厘, 5割半, 七割半: tenths, hundredths and thousandths of a whole, or a half.
  if (unitDef?.unit === '%' && unitDef.factor === 10) {
    const part = tenthParts(f, end);
    if (part) {
      lo = tidy(lo + part.value);
      hi = tidy(hi + part.value);
      end = part.end;
    }
  }
  // 3年半, 1時間半, 1년 반, 2시간 반: and a half.
  if (kind === 'duration' && !num.vague) {
    const half = f[end] !== '半' && f[end] !== '반' && f[end + 1] !== '반' ? null : /^(?:半|\s?반(?![가-힣]|[을를이가은는의에도]))/.exec(f.slice(end, end + 3)) ?? /^\s?반(?=[을를이가은는의에도만])/.exec(f.slice(end, end + 3));
    if (half) {
      lo = tidy(lo + 0.5);
      hi = tidy(hi + 0.5);
      end += half[0].length;
    }
  }

  // Money: a minor unit alone (45 cents) takes the currency of its family; after a major amount it joins it (2ドル3セント, 1달러 20센트).
  if (kind === 'money' && !unitDef?.minorOf && !num.vague && !num.scaled && scale === 1 && Number.isInteger(lo) && (unitDef || prefixCurrency)) {
    const minor = minorAfter(f, end, unit);
    if (minor) {
      lo = tidy(lo + minor.value);
      hi = tidy(hi + minor.value);
      end = minor.end;
    }
  } else if (kind === 'money' && unitDef?.minorOf && unitDef.minorOf in AMBIGUOUS) {
    unit = resolveCurrency(unitDef.unit, unitDef.minorOf, ctx);
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
    // "over three years" is the span something takes, not more than three years (but "over thirty years old" is an age).
    if (kind === 'duration' && /^over\s?$/i.test(m[0]) && !/^\s(?:old|of age)\b/.test(f.slice(end, end + 8))) break;
    // A qualifier after the number (以上) says more than 約 before it.
    if (!qualifier || qualifier === 'approx') qualifier = q;
    start = at;
    break;
  }

  // "percent of 10", "per cent of twenty-two": the percent named first; 5/100, 52.5/100: hundredths.
  if (kind === null && !num.vague && f[start - 2] === 'f' && /(?:^|[^\d\s]\s?|\s)(?:percent|per cent|パーセント) of $/i.test(f.slice(Math.max(0, start - 16), start)) && !/\d\s?(?:percent|per cent) of $/i.test(f.slice(Math.max(0, start - 18), start))) {
    kind = 'percent';
    unit = '%';
    start = f.lastIndexOf('per', start);
  } else if (kind === null && f[end] === '/' && !num.vague && /^\/100(?![\d.,])/.test(f.slice(end, end + 5))) {
    kind = 'percent';
    unit = '%';
    end += 4;
  }
  // A fraction (3分の2, 4분의 1, 百分の5) is a share of a whole: a percent.
  if (num.fraction && kind === null) {
    kind = 'percent';
    unit = '%';
    lo = tidy(lo * 100);
    hi = tidy(hi * 100);
  }

  // A bare number after a name is the name's model number (Boeing 787 planes, iPhone 16 sales), not a count.
  const modelNumber = kind === null && !num.grouped && !num.scaled && isDigit(f[num.start]) && afterName(f, start);
  // What is counted: 50,000台以上のGPU, 26만 대의 GPU, 260,000 GPUs.
  if (!modelNumber) counted ??= countedAfter(f, kind === null ? unitAt : end, kind, num.grouped || num.scaled);
  // A four-digit number that reads like a year (2026 comes) is not a count of anything.
  const yearLike = !num.grouped && !num.scaled && scale === 1 && Number.isInteger(lo) && lo >= 1900 && lo <= 2100;
  if (kind === null && counted && !yearLike) {
    kind = 'count';
    unit = singular(counted);
  }
  // Korean often names the thing before the number: GPU 26만 대, 반도체 5만 개.
  if (counted === null && kind === 'count' && unit !== null && isHangul(unit[0])) {
    // Only a Latin name (GPU, HBM): a Korean word there is as often the subject (정부 최대 5만 장) as the thing counted.
    const m = /(?:^|\s)([A-Za-z][A-Za-z0-9-]*)\s$/.exec(f.slice(Math.max(0, start - 12), start));
    if (m) counted = m[1]!;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || Math.abs(hi) > MAX_VALUE || Math.abs(lo) > MAX_VALUE) return null;
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

// Nouns a number word counts in news (three people, two companies); "two sides", "four factors" are phrasing, not figures.
const COUNTABLE_AFTER_WORD =
  /^(?:people|persons|workers|employees|jobs|deaths|children|students|passengers|soldiers|troops|civilians|victims|patients|residents|migrants|refugees|hostages|officers|officials|executives|members|cases|homes|houses|households|buildings|vehicles|cars|trucks|buses|planes|jets|aircraft|helicopters|drones|missiles|ships|vessels|boats|factories|plants|companies|firms|banks|countries|nations|cities|towns|villages|stores|shops|branches|hospitals|schools|universities|seats|votes|games|goals|medals|titles|units|reactors|satellites|rockets|chips|[A-Z]{2,}s)$/;
// Whether a CJK character sits just before `at` (skipping one space): only then can 摂氏/섭씨 precede the number.
const isCjkBefore = (f: string, at: number) => {
  const c = f[at - 1] === ' ' ? f[at - 2] : f[at - 1];
  return c !== undefined && c >= '\u3000';
};
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
// Capitalised words before a number that are no name: sentence openers, qualifiers, months (March 5 is a date).
const NOT_A_NAME = new Set(
  `The A An And But Or Of In On At To For From By With About Around Some Nearly Almost Over Under Only Just All Those These Its Their Our His Her
   More Less Fewer At Top Another Each Every No Up Until Since After Before During Between Roughly Approximately Another Exactly Still Another
   January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
   Monday Tuesday Wednesday Thursday Friday Saturday Sunday Page Section Article Chapter Figure Table Rule Route Highway Phase Level Stage`.split(/\s+/),
);

/** Whether the word right before `at` (one space between) is a capitalised name: Boeing 787, iPhone 16, Galaxy S24. */
function afterName(f: string, at: number): boolean {
  const m = /(?:^|[^A-Za-z0-9])([A-Za-z][A-Za-z0-9]*) $/.exec(f.slice(Math.max(0, at - 24), at));
  if (!m) return false;
  const w = m[1]!;
  return /^(?:[A-Z][a-z]|[a-z]+[A-Z])/.test(w) && !NOT_A_NAME.has(w);
}

/** A lone number word kept only so that it can end a change (from 95 percent to zero); `emit` drops it otherwise. */
function weakCandidate(num: Numeral, start: number, end: number): Candidate {
  return { start, end, coreStart: num.start, coreEnd: end, lo: num.lo, hi: num.hi, vague: false, kind: null, unit: null, iso: null, qualifier: null, between: false, scale: 1, counted: null, num };
}

/** 8分7厘 after 割 (hundredths and thousandths of a whole, in percent), or 半 (a half: 5%). */
function tenthParts(f: string, at: number): { value: number; end: number } | null {
  if (f[at] === '半') return { value: 5, end: at + 1 };
  let value = 0;
  let end = at;
  for (const [mark, weight] of [['分', 1], ['厘', 0.1]] as const) {
    const n = numeralAt(f, end);
    if (!n || n.vague || n.scaled || n.lo >= 10 || f[n.end] !== mark) continue;
    value += n.lo * weight;
    end = n.end + 1;
  }
  return end > at ? { value, end } : null;
}

/**
 * A minor amount right after a major one of the same currency: 2ドル3セント, 545ドルと5セント, 13 dollars and 45 cents;
 * in English also without the minor unit's name when nothing follows the number: "one dollar and fifty", "15 dollars 50."
 */
function minorAfter(f: string, at: number, code: string | null): { value: number; end: number } | null {
  const gap = /^(?:\s?(?:と|와|과|,)\s?|\s(?:and\s)?|)/.exec(f.slice(at, at + 6))!;
  const n = numeralAt(f, at + gap[0].length);
  if (!n || n.vague || n.scaled || n.lo < 0 || n.lo >= 100 || !Number.isInteger(n.lo)) return null;
  const u = matchUnit(f, n.end);
  if (u?.def.minorOf && minorBelongs(u.def.minorOf, code) && u.def.factor) return { value: n.lo * u.def.factor, end: u.end };
  if (u || !/^\s(?:and\s)?$/.test(gap[0])) return null;
  // The bare hundredths must end the phrase (15 dollars and 15.), or the amount reads on (15 dollars and 15 others).
  if (!/^(?:\s*$|\s*[.,;:!?)]|\s(?:and|or)\s)/.test(f.slice(n.end, n.end + 6))) return null;
  if (CURRENCIES.get(code ?? '')?.exponent !== 2) return null;
  return { value: n.lo / 100, end: n.end };
}

const POINT_FRACTION = /\b(a quarter|one quarter|a half|half a|half of a|three quarters|three-quarters|a third|two thirds|two-thirds)(?:[ -]of a)?[ -](percentage point|percent point|point)\b/gi;
const FRACTION_VALUE: Record<string, number> = {
  'a quarter': 0.25, 'one quarter': 0.25, 'a half': 0.5, 'half a': 0.5, 'half of a': 0.5, 'three quarters': 0.75, 'three-quarters': 0.75,
  'a third': 1 / 3, 'two thirds': 2 / 3, 'two-thirds': 2 / 3,
};

/** Rate moves in words: "a quarter point", "half a percentage point", "a quarter of a percentage point". */
function pointFractions(f: string): Array<{ start: number; end: number; fig: Partial<Figure> & { kind: FigureKind } }> {
  const out: Array<{ start: number; end: number; fig: Partial<Figure> & { kind: FigureKind } }> = [];
  POINT_FRACTION.lastIndex = 0;
  for (const m of f.matchAll(POINT_FRACTION)) {
    const v = FRACTION_VALUE[m[1]!.toLowerCase()];
    if (v === undefined) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, fig: { kind: 'percent', unit: 'pp', value: tidy(v) } });
  }
  return out;
}

const ORDINAL_RUN = /\b(?:(\d{1,3})(?:st|nd|rd|th)|(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth))[ -](?:straight|consecutive|successive)[ -](year|month|week|day|quarter)s?\b/gi;
const ORDINAL_WORD: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
};

/** An ordinal that carries a value: "the 10th straight month", "a third consecutive year" (a run of that many periods). */
function ordinalRuns(f: string): Array<{ start: number; end: number; fig: Partial<Figure> & { kind: FigureKind } }> {
  const out: Array<{ start: number; end: number; fig: Partial<Figure> & { kind: FigureKind } }> = [];
  ORDINAL_RUN.lastIndex = 0;
  for (const m of f.matchAll(ORDINAL_RUN)) {
    const n = m[1] ? Number(m[1]) : ORDINAL_WORD[m[2]!.toLowerCase()]!;
    const period = m[3]!.toLowerCase();
    const [value, unit, designator] = period === 'quarter' ? [n * 3, 'month', 'M'] : [n, period, period[0]!.toUpperCase()];
    out.push({ start: m.index!, end: m.index! + m[0].length, fig: { kind: 'duration', value, unit, iso: `P${value}${designator}` } });
  }
  return out;
}

// Units by their first two characters (lower-cased; one-character units apart), longest first, so a lookup scans a
// handful of names, not the two thousand currency names and units there are.
const UNITS_BY_PREFIX = groupBy(
  SUFFIX_UNITS.filter((e) => e[0].length !== 1),
  (e) => e[0].slice(0, 2).toLowerCase(),
);
const ONE_CHAR_UNITS = groupBy(
  SUFFIX_UNITS.filter((e) => e[0].length === 1),
  (e) => e[0].toLowerCase(),
);
// Prefix signs by their last character: most numbers have no sign before them, and then no sign is compared.
const PREFIX_BY_LAST = groupBy(PREFIX_CURRENCY, (p) => p.sign[p.sign.length - 1]!);

// Words a one-syllable Korean unit may be glued to: particles and endings (대를, 명이, 원짜리).
const KO_UNIT_TAIL = /^(?:을|를|이|가|은|는|의|에|와|과|도|로|으로|만|씩|부터|까지|쯤|가량|여|분|당|째|간|였|입|인|일|라|짜리|대|어치|뿐|밖|이상|이하|미만|초과|선|안팎|내외|정도)/;
// Japanese words that begin with a unit character but are no unit: 元化 (一元化), 人気, 台頭, 本当.
const JA_NOT_UNIT = /^(?:元(?:化|論|的|管理|首|気|本|年|日|旦)|人(?:気|口|材|間|物|事|生|類|工|権|質|形)|台(?:頭|風|所|湾|本|帳|地|詞)|本(?:当|物|格|気|社|部|人|日|書|土|来|質|体|音)|社(?:会|長|員|内|外|説|債|是)|名(?:前|称|所|人|物|義|誉|門)|件(?:名)|回(?:復|収|答|避|転|路|線|廊|顧|覧)|店(?:頭|長|舗)|機(?:能|関|会|械|材|構|種|器|運|密|動)|基(?:準|本|盤|金|地|礎|調|幹)|株(?:式|価|主))/;

// パ ーセ ント: the word spaced out letter by letter (seen in scraped and typed text).
const SPACED_PERCENT = /^\s{0,3}パ\s{0,5}ー\s{0,5}セ\s{0,5}ン\s{0,5}ト/;
const PERCENT_DEF: UnitDef = { kind: 'percent', unit: '%' };

const NO_UNITS: Array<[string, UnitDef]> = [];

/** Units that may start at `p`: those keyed by its first two characters (longest first), then one-character ones. */
function* unitCandidates(f: string, p: number): Generator<[string, UnitDef]> {
  const two = UNITS_BY_PREFIX.get(f.slice(p, p + 2).toLowerCase()) ?? NO_UNITS;
  for (const u of two) yield u;
  const one = ONE_CHAR_UNITS.get(f[p]!.toLowerCase()) ?? NO_UNITS;
  for (const u of one) yield u;
}

function matchUnit(f: string, at: number): { def: UnitDef; end: number } | null {
  if (f[at] === 'パ' || f[at + 1] === 'パ' || f[at] === ' ') {
    const m = SPACED_PERCENT.exec(f.slice(at, at + 32));
    if (m && /\s/.test(m[0].trim())) return { def: PERCENT_DEF, end: at + m[0].length };
  }
  for (const space of [0, 1]) {
    const p = at + space;
    // One space (26만 대, 10 TB/s) or, before an English unit, a hyphen (a 3-inch screen, a six-mile trip).
    if (space === 1 && f[at] !== ' ' && !(f[at] === '-' && isLatin(f[at + 1]))) break;
    const first = f[p];
    if (first === undefined) break;
    for (const [name, def] of unitCandidates(f, p)) {
      const seg = f.slice(p, p + name.length);
      const latinWord = /^[A-Za-z]/.test(name);
      const same = latinWord && name.length > 3 && name !== name.toUpperCase() ? seg.toLowerCase() === name.toLowerCase() : seg === name;
      if (!same) continue;
      if (/[A-Za-z]$/.test(name) && isLatin(f[p + name.length])) continue;
      // Spaced units: Latin words and Korean (26만 대), signs (5 €), and Japanese katakana units and 割/円/倍 (20 パーセント, １０ 割);
      // Japanese counters are written glued.
      if (space === 1 && !(latinWord || isHangul(name[0]) || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(name) || /^[\u30a0-\u30ff]/.test(name) || /^(?:割|円|倍|元)$/.test(name))) continue;
      // A sign after a space that the next number follows (1 $10) is that number's prefix.
      if (space === 1 && !latinWord && !isHangul(name[0]) && /^\s?\d/.test(f.slice(p + name.length, p + name.length + 2))) continue;
      // A Korean unit is a word of its own, or has particles after it (대를, 명이): 2026 회계 is no count of 회.
      if (name.length === 1 && isHangul(name) && isHangul(f[p + 1]) && !KO_UNIT_TAIL.test(f.slice(p + 1, p + 3))) continue;
      if (name.length === 1 && /^[\u4e00-\u9fff]/.test(name) && JA_NOT_UNIT.test(f.slice(p, p + 3))) continue;
      return { def, end: p + name.length };
    }
  }
  return null;
}

function countedAfter(f: string, at: number, kind: FigureKind | null, plainAmount = true): string | null {
  if (kind !== null && kind !== 'count') return null;
  const rest = f.slice(at, at + 60);
  // Japanese: の + a Latin, katakana or kanji run. Korean: (space) 의 + run. After a bare small number (iPhone 16の国内出荷台数) the
  // noun is what the number belongs to, not what it counts.
  if (kind !== null || plainAmount) {
    const m = /^(?:の|\s?의\s)([A-Za-z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]*)*|[ァ-ヺー・]{2,}|\p{Script=Han}{2,6}(?![ぁ-ん])|[가-힣]{2,8}?(?=[을를이가은는의에와과도](?![가-힣])|\s|$))/u.exec(rest);
    if (m) return m[1]!;
  }
  if (kind === null) {
    // English: a plural noun right after the number (260,000 GPUs, 23 computers), possibly after a name or two (20 Airbus
    // A350-900 jets); a hyphenated one is an adjective (12-high stacks, 2-nanometre process) and says nothing about a count.
    const m = /^\s(?:[A-Z][A-Za-z0-9-]*\s){0,3}([a-z][a-z-]{2,}s|people|[A-Z]{2,}s)(?![A-Za-z])/.exec(rest);
    if (m && !EN_STOP.has(m[1]!.toLowerCase())) return m[1]!;
  }
  return null;
}

function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/[^s]s$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

// A verb of movement before "X to Y" makes X the size of the move and Y the level reached: rose 12 pence to 398 pence.
const MOVED = /\b(?:rose|rise|rises|risen|fell|fall|falls|fallen|climbed|climbs|jumped|jumps|dropped|drops|slid|slides|slipped|gained|gains|lost|loses|added|adds|increased|decreased|declined|grew|shrank|surged|soared|plunged|tumbled|edged (?:up|down)|(?:was|were|is|are) (?:up|down)|cut|raised|lifted|lowered|trimmed)\s(?:by\s)?(?:about\s|some\s|nearly\s|almost\s|around\s)?$/i;

/** How two neighbouring candidates join: one range, a from→to change, or not at all. */
function joinKind(f: string, a: Candidate, b: Candidate, bare: boolean): 'range' | 'range-reversed' | 'change' | null {
  if (a.kind !== null && b.kind !== null && (a.kind !== b.kind || a.unit !== b.unit)) return null;
  const plain = (c: Candidate) => !c.num.weak && !c.vague && (c.num.scaled || c.num.grouped || c.scale !== 1);
  const between = f.slice(a.end, b.start);
  // A lone number word ends a change only: from 95 percent to zero.
  if (b.num.weak && b.kind === null) {
    if (a.kind === null || !/^\sto\s$/.test(between)) return null;
    return /\bfrom\s$/i.test(f.slice(Math.max(0, a.start - 24), a.start)) ? 'change' : null;
  }
  if (a.num.weak && a.kind === null) return null;
  // Two bare amounts join only when each would be a figure alone (from about 65,000 to over 300,000).
  if (b.kind === null && a.kind === null && !(bare || (plain(a) && plain(b)))) return null;
  if (a.kind !== null && b.kind === null) return null;
  if (a.kind === 'date' || a.kind === 'duration') return null;
  const tail = f.slice(b.end, b.end + 4);
  // A lower and an upper bound in one phrase: 20以上30未満, 1000より大きく1500より小さい, above 1000 and below 1500, 20 초과 35 이하.
  // … also the other way round: at most 100 and at least 20. A lower bound above the upper one is two statements.
  const bounds = /^(?:\s?(?:が|、|,|且つ|かつ|and|but|고|,?\s?and|,?\s?but)?\s?)$/.test(between);
  if (a.qualifier === 'atLeast' && b.qualifier === 'atMost' && bounds) return a.lo <= b.hi ? 'range' : null;
  if (a.qualifier === 'atMost' && b.qualifier === 'atLeast' && bounds && b.lo <= a.hi) return 'range-reversed';
  // 20と30の間, 20과 30 사이.
  if (/^\s?(?:と|과|와)\s?$/.test(between) && /^\s?(?:の間|사이)/.test(tail)) return 'range';
  if (/^\s?(?:~|〜|～|-|–|—)\s?$/.test(between)) return a.vague || b.vague ? null : 'range';
  if (a.between && /^\s(?:and|to)\s$/.test(between)) return 'range';
  if (/^\s(?:through|thru)\s$/.test(between)) return 'range';
  if (/^\s(?:to)\s$/.test(between)) {
    const pre = f.slice(Math.max(0, a.start - 24), a.start);
    if (/\bfrom\s$/i.test(pre) && !/\brang(?:e|es|ed|ing)\s+(?:is\s+|are\s+)?from\s$/i.test(pre)) return 'change';
    // rose 12 pence to 398 pence: a move and a level, two figures.
    if (MOVED.test(pre)) return null;
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
