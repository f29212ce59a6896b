/*
 * Numerals in running text: Arabic digits (ASCII or full-width, with
 * thousands separators), kanji and hangul numerals, the East Asian scales
 * 万/億/兆 and 만/억/조 mixed freely with digits (4兆9449億, 9조 1,834억,
 * 1만 5천), English number words and scale words (7.8 billion, $3bn),
 * and vague amounts (数十万, 수조, several billion) as a low..high pair.
 *
 * Everything works on a folded copy of the text of the same length, so
 * every offset found there indexes the original string unchanged.
 */

/** A numeral found in text. `lo === hi` unless the amount is vague (数十万). */
export interface Numeral {
  start: number;
  end: number;
  lo: number;
  hi: number;
  /** 数/수/several: an amount given only by its order of magnitude. */
  vague: boolean;
  /**
   * A lone kanji or hangul digit or a lone number word (一, 九, one): a
   * number only when a counter or unit follows, never on its own.
   */
  weak: boolean;
  /** A scale word or character was part of it (万, 억, million). */
  scaled: boolean;
  /** Written with thousands separators (260,000). */
  grouped: boolean;
  /** The factor of English scale words after the digits (7.8 billion → 1e9), already applied to lo/hi; 1 when none. */
  enScale?: number;
  /** A fraction (3分の2, 4분의 1, 百分の5): lo/hi are the quotient. */
  fraction?: boolean;
}

/** Values beyond this are not amounts any news story states; treat them as garbage. */
export const MAX_VALUE = 1e20;

/**
 * Map full-width ASCII forms and the ideographic space to ASCII, one code
 * unit for one, so offsets survive.
 *
 * @example
 * fold('２６０，０００台') // '260,000台'
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c === 0x2212) out += '-'; // minus sign
    else if (c === 0xfe50) out += ','; // small comma
    else if (c === 0xfe52) out += '.'; // small full stop
    else out += text[i];
  }
  return out;
}

const KANJI_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壱: 1, 弐: 2, 参: 3,
};
const HANGUL_DIGIT: Record<string, number> = {
  영: 0, 공: 0, 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 륙: 6, 칠: 7, 팔: 8, 구: 9,
};
const SMALL_SCALE: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 千: 1000, 阡: 1000, 仟: 1000, 십: 10, 백: 100, 천: 1000 };
const LARGE_SCALE: Record<string, number> = { 万: 1e4, 萬: 1e4, 億: 1e8, 兆: 1e12, 京: 1e16, 만: 1e4, 억: 1e8, 조: 1e12, 경: 1e16 };
const KO_SCALES = new Set(['십', '백', '천', '만', '억', '조', '경']);
const VAGUE_COUNTER_JA = /^(?:年|カ月|か月|ヶ月|週間|日間|時間|社|人|名|台|件|回|倍|カ国|か国|ヶ国|店|機|基)/;
const VAGUE_COUNTER_KO = /^(?:년|개월|주간|일간|시간|배|차례|곳|명|개국)/;
// Characters a numeral can start with: digits, a decimal point, kanji and hangul digits and scales, 数/수, and the
// first letters of English number words (one, two … several, a). Held as code units (every starter is one), so that a
// scan tests each character of the text without making a string of it.
const STARTERS = new Set(
  [
    ...'0123456789.数수',
    ...Object.keys(KANJI_DIGIT),
    ...Object.keys(HANGUL_DIGIT),
    ...Object.keys(SMALL_SCALE),
    ...'zotfsenhmbtadqZOTFSENHMBTADQ',
    ...'½¼¾⅓⅔⅕⅛⅜⅝⅞만',
    ...'한두세네석서너다여일아열스마쉰예하둘셋넷',
  ].map((c) => c.charCodeAt(0)),
);

// Groups are bounded ({1,7}: 22 digits at most) so that a megabyte of ",000" costs one short match per position, not a
// scan to its end from every comma; a longer grouped run is rejected whole by the caller.
// Indian grouping (12,34,567 = 1,234,567; 1,00,000 = one lakh) is the second alternative.
// Thin and no-break spaces group thousands too (40 000), as French and ISO style write them; plain spaces only
// with two groups or more (1 234 567), since "the 3 100-metre race" has one.
const ARABIC = /(?:\d{1,3}(?:,\d{3}){1,7}|\d{1,3}(?:[\u2009\u202f\u00a0]\d{3}){1,7}|\d{1,3}(?: \d{3}){2,6}(?![\d,])|\d{1,2}(?:,\d{2}){1,6},\d{3}|\d+)(?:\.\d+)?|\.\d+/y;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLatin = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isHangul = (c: string | undefined) => c !== undefined && c >= '\uac00' && c <= '\ud7a3';
const isKanji = (c: string | undefined) => c !== undefined && /\p{Script=Han}/u.test(c);

// Kanji allowed right before a pure-kanji numeral (約三千, 第二, 計五十); any other kanji makes it part of a word (西九条, 統一).
const KANJI_BEFORE_OK = new Set([...'約計第各毎全総超同大低近数余最前後年月日的で約今元']);
// Words that begin with a numeral kanji but are not numbers.
const KANJI_WORDS = [
  '一般', '一部', '一方', '一緒', '一層', '一体', '一応', '一切', '一致', '一気', '一斉', '一連', '一環', '一帯', '一角', '一貫', '一定',
  '一律', '一括', '一新', '一時', '一旦', '一向', '一見', '一段', '一流', '一員', '一同', '一途', '一覧', '一因', '一番', '一面', '一手',
  '万一', '千葉', '九州', '四国', '三菱', '三井', '三星', '十分', '五輪', '八幡', '百貨', '千代田', '万博', '一橋', '七夕', '二重', '三重', '一人ひとり', '一人一人',
];
const KO_WORDS = ['이상', '이하', '이번', '이후', '이전', '이미', '이어', '일부', '일본', '일대', '사업', '사실', '사이', '구조', '조사', '오는', '오후', '오전',
  '삼성', '이만', '일조', '사천', '구성', '공사', '공장', '공급', '팔다', '천연', '백신', '만큼', '만약', '조직', '조정', '억제'];

interface Acc {
  total: [number, number];
  section: [number, number];
  current: [number, number] | null;
  lastLarge: number;
  lastSmall: number;
}

/**
 * Every numeral in `text`, left to right, without overlaps.
 *
 * @example
 * scanNumerals('約30億ドルと9조 1,834억 원').map((n) => n.lo) // [3000000000, 9183400000000]
 */
export function scanNumerals(text: string): Numeral[] {
  const f = fold(text);
  const out: Numeral[] = [];
  let i = 0;
  while (i < f.length) {
    // Most characters start no numeral (numeralAt would say null, and they are neither digits nor kanji digits).
    if (!STARTERS.has(f.charCodeAt(i))) {
      i++;
      continue;
    }
    const n = numeralAt(f, i);
    if (n) {
      const whole = withDozen(f, withEnglishScale(f, withFraction(f, withSign(f, withSlashFraction(f, n)))));
      out.push(whole);
      i = Math.max(whole.end, i + 1);
    } else {
      // A rejected run of digits (too long, a version number) is rejected as a whole: no rescanning its tail.
      const c = f[i]!;
      i++;
      // Digits with their separators (1,000,…, 1.2.3): a run is read or rejected once, never again from each comma.
      if (isDigit(c)) while (i < f.length && (isDigit(f[i]) || ((f[i] === ',' || f[i] === '.' || f[i] === '\u2009' || f[i] === '\u202f' || f[i] === '\u00a0') && isDigit(f[i + 1])))) i++;
      else if (c in KANJI_DIGIT) while (i < f.length && f[i]! in KANJI_DIGIT) i++;
    }
  }
  return out;
}

// A minus sign, or the word, right before the number: -9.2, マイナス10000, 마이너스 10; not a range dash (20-25) or a double sign.
const MINUS = /(?:^|[^\dA-Za-z\-.])-$|(?:マイナス|마이너스\s?|음수\s?|minus\s)$/iu;

function withSign(f: string, n: Numeral): Numeral {
  const before = f.slice(Math.max(0, n.start - 6), n.start);
  const m = MINUS.exec(before);
  // 75 -300mm: a dash after a number and a space is a range written loosely, not a sign.
  if (!m || (m[0].endsWith('-') && /\d\s+-$/.test(before))) return n;
  const sign = m[0].replace(/^[^-マ마음m]*/i, '');
  return { ...n, start: n.start - sign.length, lo: -n.hi, hi: -n.lo };
}

const EN_SCALE_AFTER = /^(?:\s(hundred|thousand|lakh|lakhs|crore|crores|million|billion|trillion)|\s?(bn|mn|mln|tn|trn)|(k))(?![A-Za-z])/i;
const EN_SCALE_VALUE: Record<string, number> = {
  hundred: 100, thousand: 1e3, lakh: 1e5, lakhs: 1e5, crore: 1e7, crores: 1e7, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, mln: 1e6, tn: 1e12, trn: 1e12, k: 1e3,
};

// Digits with English scale words: 7.8 billion, 1.5bn, 40k, 4 thousand 3 hundred (each group smaller than the last).
function withEnglishScale(f: string, n: Numeral): Numeral {
  if (n.scaled || n.vague || !/^[-\d.]/.test(f.slice(n.start, n.start + 1))) return n;
  let total = 0;
  let cur: Numeral | null = n;
  let end = n.end;
  let last = Infinity;
  let first = 1;
  while (cur) {
    const m = EN_SCALE_AFTER.exec(f.slice(cur.end, cur.end + 12));
    if (!m) break;
    if (m[3] === 'K') break; // 4K is a resolution, not four thousand
    const s = EN_SCALE_VALUE[(m[1] ?? m[2] ?? m[3])!.toLowerCase()]!;
    if (s >= last) break;
    if (last === Infinity) first = s;
    total += cur.lo * s;
    last = s;
    end = cur.end + m[0].length;
    // Another group may follow: "4 thousand 3 hundred".
    const gap = /^\s(?:and\s)?/.exec(f.slice(end, end + 5));
    const next: Numeral | null = gap && /\d/.test(f[end + gap[0].length] ?? '') ? numeralAt(f, end + gap[0].length) : null;
    cur = next && !next.scaled && !next.vague ? next : null;
  }
  if (last === Infinity) return n;
  const value = Number((total).toPrecision(15));
  if (!Number.isFinite(value) || Math.abs(value) > MAX_VALUE) return n;
  return { ...n, end, lo: value, hi: value, scaled: true, enScale: first };
}

const VULGAR: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75, '⅓': 1 / 3, '⅔': 2 / 3, '⅕': 0.2, '⅛': 0.125, '⅜': 0.375, '⅝': 0.625, '⅞': 0.875 };
const SLASH = /^(\s?)(\d{1,2})\/(\d{1,2})(?![\d/.,])/;

/**
 * Fractions written with a slash or a vulgar-fraction sign: 1/4 mile, 10 1/2 miles, 2½ years, ½ teaspoon. Only
 * small denominators (not /100, a percent, nor dates such as 10/28) and only before a unit: the result is `weak`.
 */
function withSlashFraction(f: string, n: Numeral): Numeral {
  if (n.scaled || n.vague || n.grouped || !Number.isInteger(n.lo) || !isDigit(f[n.end - 1])) return n;
  const glued = VULGAR[f[n.end]!];
  if (glued !== undefined) return { ...n, end: n.end + 1, lo: n.lo + glued, hi: n.hi + glued, weak: true };
  // 1/4: the numeral itself is the numerator.
  const own = /^\/(\d{1,2})(?![\d/.,])/.exec(f.slice(n.end, n.end + 4));
  if (own && f[n.start - 1] !== '/' && n.end - n.start <= 2) {
    const den = Number(own[1]);
    if (den >= 2 && den <= 32 && n.lo < den) return { ...n, end: n.end + own[0].length, lo: n.lo / den, hi: n.hi / den, weak: true };
    return n;
  }
  // 10 1/2: a whole number, a space, then the fraction.
  const m = SLASH.exec(f.slice(n.end, n.end + 7));
  if (m && m[1] === ' ') {
    const num = Number(m[2]);
    const den = Number(m[3]);
    if (den >= 2 && den <= 32 && num < den) return { ...n, end: n.end + m[0].length, lo: n.lo + num / den, hi: n.hi + num / den, weak: true };
  }
  return n;
}

/** 3ダース, 2 dozen, 3다스: twelve of them each (a count that keeps its noun after the word). */
function withDozen(f: string, n: Numeral): Numeral {
  if (n.vague || n.fraction) return n;
  const m = /^\s?(?:ダース|다스|dozen)(?![A-Za-z])/.exec(f.slice(n.end, n.end + 7));
  if (!m) return n;
  return { ...n, end: n.end + m[0].length, lo: n.lo * 12, hi: n.hi * 12, weak: false };
}

// N分のM (ja) and N분의 M (ko): the fraction M/N.
function withFraction(f: string, n: Numeral): Numeral {
  const m = /^(?:\s?分の\s?|\s?분의\s?)/.exec(f.slice(n.end, n.end + 5));
  if (!m || n.vague || n.lo === 0) {
    // 이십삼과 오분의 삼, 103と3分の2: a whole number and a fraction.
    const and = /^\s?(?:과|와|と)\s?/.exec(f.slice(n.end, n.end + 4));
    if (!and || n.vague || n.fraction) return n;
    const d = numeralAt(f, n.end + and[0].length);
    const frac = d ? withFraction(f, d) : null;
    if (!frac?.fraction) return n;
    // マイナス一と二分の一 = −1.5: the sign belongs to the whole mixed number.
    const sign = n.lo < 0 ? -1 : 1;
    return { ...frac, start: n.start, lo: n.lo + sign * frac.lo, hi: n.hi + sign * frac.hi };
  }
  const next = numeralAt(f, n.end + m[0].length);
  if (!next || next.vague) return n;
  return { ...next, start: n.start, lo: next.lo / n.lo, hi: next.hi / n.lo, scaled: false, grouped: false, weak: false, fraction: true };
}

/**
 * A lone sino-Korean digit syllable (일, 이, 오 …) is a word unless the text makes it a number: before a percent
 * word (오 퍼센트), as either side of a fraction (사분의 일), or after a minus (마이너스 일).
 */
function loneHangulDigitOk(f: string, start: number, end: number): boolean {
  return /^\s?(?:퍼센트|프로|%|분의)/.test(f.slice(end, end + 5)) || /(?:분의|마이너스|음수)\s?$/.test(f.slice(Math.max(0, start - 6), start));
}

/**
 * The numeral starting exactly at `i` of folded text `f`, or null.
 *
 * @example
 * numeralAt(fold('約30億ドル'), 1)?.lo // 3000000000
 */
export function numeralAt(f: string, i: number): Numeral | null {
  // Most characters can start no numeral; one Set lookup rules them out before anything else runs.
  if (!STARTERS.has(f.charCodeAt(i))) return null;
  const c = f[i]!;
  const vulgar = VULGAR[c];
  if (vulgar !== undefined) return isDigit(f[i - 1]) ? null : { start: i, end: i + 1, lo: vulgar, hi: vulgar, vague: false, weak: true, scaled: false, grouped: false };
  if (isDigit(c) || (c === '.' && isDigit(f[i + 1]) && !isDigit(f[i - 1]) && f[i - 1] !== '.')) return cjkOrArabic(f, i);
  if (c in KANJI_DIGIT || c in SMALL_SCALE || c === '数') return cjkOrArabic(f, i);
  if (isHangul(c)) {
    const native = nativeKorean(f, i);
    if (native) return native;
    if (c in HANGUL_DIGIT || KO_SCALES.has(c) || c === '수') return cjkOrArabic(f, i);
    return null;
  }
  if (isLatin(c) && !isLatin(f[i - 1])) return englishWords(f, i);
  return null;
}

function cjkOrArabic(f: string, start: number): Numeral | null {
  const prev = f[start - 1];
  const first = f[start]!;
  // Digits glued to a Latin word (H100, COVID-19) or inside a dotted run (1.2.3, 192.168.1.2) are names, not amounts.
  if (isDigit(first) || first === '.') {
    if (isLatin(prev) || prev === '_' || (prev === '.' && isDigit(f[start - 2]))) return null;
    if (isDigit(prev)) return null;
    // COVID-19, GPT-4: a digit run hyphenated onto a word is part of a name; so is A350-900 (a code, then its variant).
    if ((prev === '-' || prev === '/') && isLatin(f[start - 2])) return null;
    if (prev === '-' && isDigit(f[start - 2])) {
      let k = start - 2;
      while (k > 0 && isDigit(f[k - 1]) && start - k < 12) k--;
      if (isLatin(f[k - 1])) return null;
    }
  }
  const acc: Acc = { total: [0, 0], section: [0, 0], current: null, lastLarge: Infinity, lastSmall: Infinity };
  let i = start;
  let end = start;
  let hasNumber = false;
  let pureScript: 'kanji' | 'hangul' | null = null;
  let sawArabic = false;
  let vague = false;
  let scaled = false;
  let grouped = false;
  let atoms = 0;
  let scaleScript: 'ja' | 'ko' | null = null;
  let invalid = false;

  const setCurrent = (lo: number, hi: number): boolean => {
    if (acc.current) {
      // 十数 (ten-odd): a vague digit after a small scale adds to the section.
      return false;
    }
    acc.current = [lo, hi];
    return true;
  };

  while (i < f.length) {
    const c = f[i]!;
    ARABIC.lastIndex = i;
    const m = (isDigit(c) || c === '.') && (!sawArabic || acc.current === null) ? ARABIC.exec(f) : null;
    if (m && m[0].length > 0) {
      if (acc.current) break;
      const tail = f[i + m[0].length];
      // A second dot (1.2.3) or a dot right after: a version or address, not an amount.
      if (tail === '.' && isDigit(f[i + m[0].length + 1])) return null;
      const digits = m[0].replace(/[, \u2009\u202f\u00a0]/g, '');
      if (digits.replace('.', '').length > 21) return null;
      const v = Number(digits);
      if (!Number.isFinite(v)) return null;
      if (digits.length !== m[0].length) grouped = true;
      const dot = !m[0].includes('.') ? decimalAfter(f, i + m[0].length, 'arabic') : null;
      if (dot) {
        setCurrent(v + dot.value, v + dot.value);
        sawArabic = true;
        hasNumber = true;
        i = dot.end;
        end = i;
        atoms++;
        continue;
      }
      setCurrent(v, v);
      sawArabic = true;
      hasNumber = true;
      i += m[0].length;
      end = i;
      atoms++;
      continue;
    }
    if (c in KANJI_DIGIT && pureScript !== 'hangul') {
      // A run of kanji digits without scales is positional (二〇二五 = 2025).
      let j = i;
      let v = 0;
      for (; j < f.length && f[j]! in KANJI_DIGIT; j++) v = v * 10 + KANJI_DIGIT[f[j]!]!;
      if (j - i > 21) return null;
      if (acc.current) break;
      if (!sawArabic && pureScript === null) pureScript = 'kanji';
      // 二・四％, 一点五: a kanji decimal point.
      const dot = decimalAfter(f, j, 'kanji');
      if (dot) {
        v += dot.value;
        j = dot.end;
      }
      setCurrent(v, v);
      hasNumber = true;
      i = j;
      end = i;
      atoms++;
      continue;
    }
    if (c in HANGUL_DIGIT && !sawArabic && pureScript !== 'kanji' && acc.current === null && (atoms > 0 || i === start)) {
      // Hangul digits only count inside an all-hangul numeral (일백십육); 이/사/구 are words otherwise (오 퍼센트 aside).
      const next = f[i + 1];
      if (atoms === 0 && !(next !== undefined && KO_SCALES.has(next)) && !loneHangulDigitOk(f, i, i + 1)) break;
      pureScript = 'hangul';
      setCurrent(HANGUL_DIGIT[c]!, HANGUL_DIGIT[c]!);
      hasNumber = true;
      i++;
      end = i;
      atoms++;
      continue;
    }
    if ((c === '数' || c === '수') && acc.current === null) {
      const next = f[i + 1];
      // 数十万, 수조 — or, at the start, 数年間, 数社, 수년간, 수개월: a few of a counted thing.
      const counter = atoms === 0 && (c === '数' ? VAGUE_COUNTER_JA : VAGUE_COUNTER_KO).test(f.slice(i + 1, i + 4));
      const ok = next !== undefined && (next in SMALL_SCALE || next in LARGE_SCALE || counter);
      if (!ok) break;
      // 多数, 少数株主, 変数: 数 inside a word is no amount.
      if (atoms === 0 && c === '数' && isKanji(f[i - 1]) && !KANJI_BEFORE_OK.has(f[i - 1]!)) break;
      if (atoms === 0 && c === '수' && isHangul(f[i - 1])) break;
      if (c === '수' && (sawArabic || pureScript === 'kanji')) break;
      if (c === '数' && pureScript === 'hangul') break;
      setCurrent(2, 9);
      vague = true;
      hasNumber = true;
      i++;
      end = i;
      atoms++;
      continue;
    }
    if (c in SMALL_SCALE) {
      const s = SMALL_SCALE[c]!;
      const script = KO_SCALES.has(c) ? 'ko' : 'ja';
      if (scaleScript && scaleScript !== script) {
        invalid = true;
        break;
      }
      if (s >= acc.lastSmall) break;
      if (script === 'ko' && !sawArabic && atoms === 0 && pureScript === null) pureScript = 'hangul';
      if (script === 'ja' && !sawArabic && atoms === 0 && pureScript === null) pureScript = 'kanji';
      if (pureScript === 'hangul' && script === 'ja') break;
      if (pureScript === 'kanji' && script === 'ko') break;
      scaleScript = script;
      const [lo, hi] = acc.current ?? [1, 1];
      acc.section = [acc.section[0] + lo * s, acc.section[1] + hi * s];
      acc.current = null;
      acc.lastSmall = s;
      hasNumber = true;
      i++;
      end = i;
      atoms++;
      if (f[i] === ' ' && continuesKoreanGroup(f, i + 1, script, s)) i++;
      continue;
    }
    // 5 억 달러, $ 48.2 万: a space between digits and a large scale, when nothing but the scale's own unit follows.
    if (c === ' ' && sawArabic && acc.current !== null && atoms === 1 && f[i + 1]! in LARGE_SCALE && !isHangul(f[i + 2]) && !isKanji(f[i + 2])) {
      i++;
      continue;
    }
    if (c in LARGE_SCALE) {
      const L = LARGE_SCALE[c]!;
      const script = KO_SCALES.has(c) ? 'ko' : 'ja';
      // 1万億 (= 1兆): a larger scale right after a smaller one multiplies all that came before (Japanese only).
      const multiplies = L > acc.lastLarge && acc.lastLarge !== Infinity && script === 'ja' && scaleScript === 'ja' && f[i - 1] !== ' ';
      // 만 6천 (16,000): Korean may open with a bare 만 when further groups follow.
      if (atoms === 0 && c === '만' && !isHangul(f[i - 1]) && f[i + 1] === ' ' && continuesKoreanGroup(f, i + 2, 'ko', 1e4)) {
        acc.current = [1, 1];
        hasNumber = true;
      }
      if (!hasNumber || (acc.current === null && acc.section[1] === 0 && !multiplies)) break;
      if (scaleScript && scaleScript !== script) {
        invalid = true;
        break;
      }
      if (pureScript === 'hangul' && script === 'ja') break;
      if (pureScript === 'kanji' && script === 'ko') break;
      if (L >= acc.lastLarge) {
        if (!multiplies) break;
        const [clo, chi] = acc.current ?? [0, 0];
        acc.total = [(acc.total[0] + acc.section[0] + clo) * L, (acc.total[1] + acc.section[1] + chi) * L];
        acc.section = [0, 0];
        acc.current = null;
        acc.lastLarge = L;
        acc.lastSmall = Infinity;
        scaled = true;
        i++;
        end = i;
        atoms++;
        continue;
      }
      scaleScript = script;
      const [clo, chi] = acc.current ?? [0, 0];
      const lo = acc.section[0] + clo;
      const hi = acc.section[1] + chi;
      acc.total = [acc.total[0] + lo * L, acc.total[1] + hi * L];
      acc.section = [0, 0];
      acc.current = null;
      acc.lastLarge = L;
      acc.lastSmall = Infinity;
      scaled = true;
      i++;
      end = i;
      atoms++;
      // Korean writes a space between scale groups: 9조 1,834억, 1만 5천, 7만 1,000. Continue only if a further group follows.
      if (f[i] === ' ' && continuesKoreanGroup(f, i + 1, script, L)) i++;
      continue;
    }
    break;
  }
  if (!hasNumber || end === start) return null;
  if (invalid) return null;
  // A small scale that ended the numeral on a hangul space-joined group: 8백 10만.
  const [clo, chi] = acc.current ?? [0, 0];
  const lo = acc.total[0] + acc.section[0] + clo;
  const hi = acc.total[1] + acc.section[1] + chi;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi > MAX_VALUE) return null;
  if (acc.lastSmall !== Infinity && !scaled) scaled = acc.lastSmall >= 1000 || scaled;

  const text = f.slice(start, end);
  let weak = false;
  if (pureScript === 'kanji') {
    if (isKanji(prev) && !KANJI_BEFORE_OK.has(prev!) && !(prev! in KANJI_DIGIT)) return null;
    if (KANJI_WORDS.some((w) => f.startsWith(w, start))) return null;
    weak = text.length === 1;
  }
  if (pureScript === 'hangul') {
    if (isHangul(prev)) return null;
    if (KO_WORDS.some((w) => f.startsWith(w, start))) return null;
    // A lone 십/백/천 is a number only with a unit after it (백 퍼센트, 천 원); a lone digit syllable never is.
    if (text.length < 2 && !(text in SMALL_SCALE) && !loneHangulDigitOk(f, start, end)) return null;
    weak = text.length <= 2;
  }
  // Digits glued to a following Latin word that is not a unit or scale are names (5G, 3D, 2nd); the caller decides on units.
  return { start, end, lo, hi, vague, weak, scaled, grouped };
}

/**
 * Whether a further numeral group starts at `i`: digits or native digits, then a scale of the same script
 * (9조 1,834억, 7万 5千), or a last group of plain digits smaller than the scale before it (7만 1,000 = 71,000;
 * 3만 5,000명), which is how Korean writes the units of an amount.
 */
function continuesKoreanGroup(f: string, i: number, script: 'ja' | 'ko', scale: number): boolean {
  const digits = script === 'ko' ? HANGUL_DIGIT : KANJI_DIGIT;
  const scales = (c: string | undefined) => c !== undefined && (script === 'ko' ? KO_SCALES.has(c) : (c in SMALL_SCALE || c in LARGE_SCALE) && !KO_SCALES.has(c));
  // 29만 천 890: a group may open with a bare small scale.
  if (script === 'ko' && (f[i] === '천' || f[i] === '백') && !isHangul(f[i + 1]) && (SMALL_SCALE[f[i]!] ?? Infinity) < scale) return true;
  ARABIC.lastIndex = i;
  const m = ARABIC.exec(f);
  let j = m ? i + m[0].length : i;
  if (!m) {
    while (j < f.length && f[j]! in digits) j++;
    if (j === i) return false;
  }
  if (scales(f[j])) return true;
  if (!m || m[0].includes('.') || isDigit(f[j]) || f[j] === ',' || f[j] === '.') return false;
  // A year after an amount (1만 2025년) is a date, not the amount's last group.
  if (/^\s?[年년月월日일]/.test(f.slice(j, j + 2))) return false;
  return Number(m[0].replace(/,/g, '')) < scale && scale >= 100;
}

const DECIMAL_UNIT = /^\s?(?:%|パーセント|ポイント|倍|割|兆|億|万|円|ドル|ユーロ|度|℃|メートル|キロ|センチ|ミリ|トン|秒|時間|年|カ月|か月)/;

/**
 * A decimal fraction written after the integer part with a mark other than
 * the ASCII point: ・ between digits of either script (newspapers write
 * ０・２５％ and 二・四％) when an amount's unit follows, and 点 between kanji
 * digits (一点五). `end` is the index after the fraction's digits.
 */
function decimalAfter(f: string, i: number, script: 'arabic' | 'kanji'): { value: number; end: number } | null {
  const mark = f[i];
  if (mark !== '・' && !(mark === '点' && script === 'kanji')) return null;
  const isD = script === 'arabic' ? isDigit : (x: string | undefined) => x !== undefined && x in KANJI_DIGIT;
  let j = i + 1;
  let frac = '';
  while (j < f.length && isD(f[j]) && frac.length < 15) frac += script === 'arabic' ? f[j++]! : String(KANJI_DIGIT[f[j++]!]);
  if (!frac || isD(f[j])) return null;
  // 2・4号機 and 1・2月 list two numbers; a decimal point needs the unit of an amount after it.
  if (mark === '・' && !DECIMAL_UNIT.test(f.slice(j, j + 5))) return null;
  return { value: Number(`0.${frac}`), end: j };
}

// Native Korean numerals (한, 두, 세 … 열, 스물, 서른 … 아흔), used before counters: 세 명, 스무 명, 열 배, 석 달.
const KO_NATIVE_UNITS: Array<[string, number]> = [
  ['하나', 1], ['다섯', 5], ['여섯', 6], ['일곱', 7], ['여덟', 8], ['아홉', 9], ['한', 1], ['둘', 2], ['두', 2], ['셋', 3], ['세', 3],
  ['넷', 4], ['네', 4], ['석', 3], ['서', 3], ['너', 4],
];
const KO_NATIVE_TENS: Array<[string, number]> = [
  ['스물', 20], ['스무', 20], ['서른', 30], ['마흔', 40], ['예순', 60], ['일흔', 70], ['여든', 80], ['아흔', 90], ['열', 10], ['쉰', 50],
];
// Counters native numerals take; a native numeral before anything else is a word (한국, 세계, 네이버, 두산).
const KO_NATIVE_COUNTER = /^\s?(?:명|사람|개국|개월|개|곳|군데|대|채|마리|척|권|장|가지|차례|배|달|시간|가구|그루|켤레|병|잔|벌|편|통|살)(?![가-힣])|^\s?(?:명|사람|개국|개월|개|곳|군데|대|채|마리|척|권|장|가지|차례|배|달|시간|가구)(?=[을를이가은는의에와과도로으만씩째여쯤])/;

const KO_NATIVE_FIRST = new Set([...KO_NATIVE_TENS, ...KO_NATIVE_UNITS].map(([w]) => w[0]!));

function nativeKorean(f: string, start: number): Numeral | null {
  if (isHangul(f[start - 1]) || !KO_NATIVE_FIRST.has(f[start]!)) return null;
  let i = start;
  let value = 0;
  for (const [w, v] of KO_NATIVE_TENS)
    if (f.startsWith(w, i)) {
      value = v;
      i += w.length;
      break;
    }
  for (const [w, v] of KO_NATIVE_UNITS)
    if (f.startsWith(w, i)) {
      // 석/서/너 (3, 4) only before 달 and a few measures; 하나, 둘, 셋, 넷 end a number (열하나), never lead a counter after tens.
      if ((w === '석' || w === '서' || w === '너') && !/^\s?달/.test(f.slice(i + 1, i + 3))) continue;
      value += v;
      i += w.length;
      break;
    }
  if (i === start) return null;
  if (!KO_NATIVE_COUNTER.test(f.slice(i, i + 5))) return null;
  return { start, end: i, lo: value, hi: value, vague: false, weak: true, scaled: false, grouped: false };
}

const EN_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
/** English scale words, also used after digits (7.8 billion). */
export const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, lakh: 1e5, crore: 1e7, million: 1e6, billion: 1e9, trillion: 1e12 };
// Words that stand for a number only before a scale word: several billion, a million, half a million, a quarter million.
const EN_VAGUE: Record<string, [number, number]> = { several: [2, 9], a: [1, 1], few: [2, 5], half: [0.5, 0.5], quarter: [0.25, 0.25] };
const EN_EXACT_LEAD = new Set(['a', 'half', 'quarter']);
// "several hundred", "a hundred", but not "half hundred".
const vagueWordOk = (w: string) => w !== 'half' && w !== 'quarter';

const WORD = /[A-Za-z]+/y;

// "tens of thousands", "hundreds of millions of", "billions of": amounts known only by their order of magnitude.
const EN_PLURAL_SCALE = /(tens|dozens|hundreds|thousands|millions|billions|trillions)(?:\s+of\s+(thousands|millions|billions))?(?=\s+of\s+[A-Za-z$])/iy;
const EN_PLURAL_VALUE: Record<string, number> = { tens: 10, dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9, trillions: 1e12 };

function englishPluralScale(f: string, start: number): Numeral | null {
  EN_PLURAL_SCALE.lastIndex = start;
  const m = EN_PLURAL_SCALE.exec(f);
  if (!m) return null;
  const base = EN_PLURAL_VALUE[m[1]!.toLowerCase()]! * (m[2] ? EN_PLURAL_VALUE[m[2].toLowerCase()]! : 1);
  return { start, end: start + m[0].length, lo: 2 * base, hi: 9 * base, vague: true, weak: false, scaled: true, grouped: false };
}

function englishWords(f: string, start: number): Numeral | null {
  const plural = englishPluralScale(f, start);
  if (plural) return plural;
  let i = start;
  let end = start;
  let total: [number, number] = [0, 0];
  let section: [number, number] = [0, 0];
  let current: [number, number] | null = null;
  let words = 0;
  let scaled = false;
  let vague = false;
  let lastLarge = Infinity;
  let leadA = false;
  let skipArticle = false;
  while (i < f.length) {
    WORD.lastIndex = i;
    const m = WORD.exec(f);
    if (!m) break;
    const w = m[0].toLowerCase();
    const after = i + m[0].length;
    if (isDigit(f[after])) break;
    let used = false;
    if (w in EN_UNITS || w in EN_TENS) {
      const v = (EN_UNITS[w] ?? EN_TENS[w])!;
      if (current && current[0] >= 20 && current[0] % 10 === 0 && current[0] < 100 && v < 10 && !vague) current = [current[0] + v, current[1] + v];
      else if (current) break;
      else current = [v, v];
      used = true;
    } else if (w in EN_SCALE && (current || section[1] > 0 || words > 0)) {
      const s = EN_SCALE[w]!;
      if (s === 100) {
        const [lo, hi] = current ?? [1, 1];
        section = [section[0] + lo * 100, section[1] + hi * 100];
        current = null;
      } else {
        if (s >= lastLarge) break;
        const [lo, hi] = current ?? [0, 0];
        const slo = section[0] + lo || 1;
        const shi = section[1] + hi || 1;
        total = [total[0] + slo * s, total[1] + shi * s];
        section = [0, 0];
        current = null;
        lastLarge = s;
      }
      scaled = true;
      used = true;
    } else if (words === 0 && w in EN_VAGUE) {
      // "several billion", "a million", "half a million": only with a scale word right after.
      let nxt = /^\s+([A-Za-z]+)/.exec(f.slice(after, after + 20));
      if (nxt && (w === 'half' || w === 'quarter') && nxt[1]!.toLowerCase() === 'a') {
        nxt = /^\s+a\s+([A-Za-z]+)/.exec(f.slice(after, after + 24));
        skipArticle = true;
      }
      if (!nxt || !(nxt[1]!.toLowerCase() in EN_SCALE) || (!vagueWordOk(w) && nxt[1]!.toLowerCase() === 'hundred')) return null;
      current = EN_VAGUE[w]!;
      vague = !EN_EXACT_LEAD.has(w);
      leadA = EN_EXACT_LEAD.has(w);
      used = true;
    } else if (w === 'and' && words > 0 && (section[1] > 0 || total[1] > 0) && !current) {
      // "one hundred and six": consume only if a number word follows.
      const nxt = /^\s+([A-Za-z]+)/.exec(f.slice(after, after + 20));
      if (nxt && (nxt[1]!.toLowerCase() in EN_UNITS || nxt[1]!.toLowerCase() in EN_TENS)) {
        i = after + nxt[0].length - nxt[1]!.length;
        continue;
      }
      break;
    }
    if (!used) break;
    words++;
    i = after;
    end = after;
    // Words join with one space or a hyphen (twenty-two).
    if ((f[i] === ' ' || f[i] === '-') && isLatin(f[i + 1])) i++;
    else break;
    // half a million: the article between the fraction and the scale.
    if (skipArticle && f.startsWith('a ', i)) {
      i += 2;
      skipArticle = false;
    }
  }
  if (words === 0 || (leadA && !scaled)) return null;
  if (isLatin(f[end])) return null;
  const [clo, chi] = current ?? [0, 0];
  const lo = total[0] + section[0] + clo;
  const hi = total[1] + section[1] + chi;
  if (!Number.isFinite(hi) || hi > MAX_VALUE) return null;
  return { start, end, lo, hi, vague, weak: words === 1 && !scaled, scaled, grouped: false };
}
