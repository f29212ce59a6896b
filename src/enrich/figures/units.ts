/*
 * What may follow or precede a numeral, in the three languages: currencies
 * (to ISO 4217), percent and ratio markers, counters, measurement units and
 * durations. Matching is longest-first on the folded text.
 */
import type { FigureKind } from '../../records.js';
import { AMBIGUOUS, CURRENCIES, cjkForms, englishForms, MINOR_UNITS } from './currencies.js';

export interface UnitDef {
  kind: FigureKind;
  /** ISO 4217 for money, a normalised unit otherwise, null for a bare count. */
  unit: string | null;
  /** Multiplier applied to the value (割 = ten percent, cents = 1/100). */
  factor?: number;
  /** For durations: the ISO 8601 designator (Y, M, W, D, H, MIN, S). */
  iso?: string;
  /** Money named by a word or sign several currencies share (dollar, ¥): the key in AMBIGUOUS; `unit` is its default. */
  ambiguous?: string;
  /** A minor unit (cents, 銭): the ISO code or AMBIGUOUS key of the currency it is a hundredth of. */
  minorOf?: string;
}

type Table = Array<[string, UnitDef]>;

const money = (code: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'money', unit: code }]);
const counter = (unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'count', unit }]);
const qty = (unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'quantity', unit }]);
const dur = (iso: string, unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'duration', unit, iso }]);

/** Units written after the number, in any of the three languages. */
const SUFFIX: Table = [
  // Money: generated from the ISO 4217 table (currencies.ts), see MONEY below.
  // Percent and percentage points.
  ['basis points', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['basis point', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['bps', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['bp', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['ベーシスポイント', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['베이시스포인트', { kind: 'percent', unit: 'pp', factor: 0.01 }],
  ['퍼센티지', { kind: 'percent', unit: '%' }],
  ['percents', { kind: 'percent', unit: '%' }],
  ['%ポイント', { kind: 'percent', unit: 'pp' }],
  ['ポイント', { kind: 'percent', unit: 'pp' }],
  ['%p', { kind: 'percent', unit: 'pp' }],
  ['%포인트', { kind: 'percent', unit: 'pp' }],
  ['퍼센트포인트', { kind: 'percent', unit: 'pp' }],
  ['percentage points', { kind: 'percent', unit: 'pp' }],
  ['percentage point', { kind: 'percent', unit: 'pp' }],
  ['%', { kind: 'percent', unit: '%' }],
  ['パーセント', { kind: 'percent', unit: '%' }],
  ['퍼센트', { kind: 'percent', unit: '%' }],
  ['프로', { kind: 'percent', unit: '%' }],
  ['percent', { kind: 'percent', unit: '%' }],
  ['per cent', { kind: 'percent', unit: '%' }],
  ['pct', { kind: 'percent', unit: '%' }],
  ['割', { kind: 'percent', unit: '%', factor: 10 }],
  // Ratios.
  ['倍', { kind: 'ratio', unit: 'x' }],
  ['배', { kind: 'ratio', unit: 'x' }],
  ['times', { kind: 'ratio', unit: 'x' }],
  ['-fold', { kind: 'ratio', unit: 'x' }],
  ['fold', { kind: 'ratio', unit: 'x' }],
  // Durations (before counters: 年間 must win over 年).
  ...dur('Y', 'year', '年間', '년간', '년 동안', 'years', 'year'),
  ...dur('M', 'month', 'か月', 'カ月', 'ヶ月', 'ヵ月', 'ケ月', '箇月', '개월', 'months', 'month'),
  ...dur('W', 'week', '週間', '주간', '주일', 'weeks', 'week'),
  ...dur('D', 'day', '日間', '일간', 'days'),
  ...dur('H', 'hour', '時間', '시간', 'hours', 'hour'),
  ...dur('MIN', 'minute', '分間', '분간', 'minutes'),
  ...dur('S', 'second', '秒間', '초간', 'seconds'),
  ['decades', { kind: 'duration', unit: 'year', iso: 'Y', factor: 10 }],
  ['decade', { kind: 'duration', unit: 'year', iso: 'Y', factor: 10 }],
  ['centuries', { kind: 'duration', unit: 'year', iso: 'Y', factor: 100 }],
  ['century', { kind: 'duration', unit: 'year', iso: 'Y', factor: 100 }],
  // 석 달, 한 달, 3달: Korean months counted with native words.
  ...dur('M', 'month', '달'),
  ...dur('D', 'day', 'day'),
  ...dur('MIN', 'minute', 'minute'),
  // A bare 年/년 after a number that is no year (dates are found first): 3年で, 5년 만에, 数年.
  ...dur('Y', 'year', '年', '년'),
  // Quantities: data, power, energy, length, mass, volume, area, speed.
  ...qty('TB/s', 'TB/s', 'TB/秒', 'テラバイト毎秒'),
  ...qty('GB/s', 'GB/s'),
  ...qty('Gbps', 'Gbps'),
  ...qty('Mbps', 'Mbps'),
  ...qty('PB', 'PB', 'ペタバイト', '페타바이트', 'petabytes'),
  ...qty('TB', 'TB', 'テラバイト', '테라바이트', 'terabytes'),
  ...qty('GB', 'GB', 'ギガバイト', '기가바이트', 'gigabytes'),
  ...qty('MB', 'MB', 'メガバイト', '메가바이트', 'megabytes'),
  ...qty('TWh', 'TWh', 'テラワット時', '테라와트시', 'terawatt-hours', 'terawatt hours'),
  ...qty('GWh', 'GWh', 'ギガワット時', '기가와트시', 'gigawatt-hours', 'gigawatt hours'),
  ...qty('MWh', 'MWh', 'メガワット時', '메가와트시', 'megawatt-hours'),
  ...qty('kWh', 'kWh', 'キロワット時', '킬로와트시', 'kilowatt-hours'),
  ...qty('GW', 'GW', 'ギガワット', '기가와트', 'gigawatts', 'gigawatt'),
  ...qty('MW', 'MW', 'メガワット', '메가와트', 'megawatts', 'megawatt'),
  ...qty('kW', 'kW', 'キロワット', '킬로와트', 'kilowatts'),
  ...qty('TW', 'TW', 'テラワット', '테라와트', 'terawatts'),
  ...qty('nm', 'nm', 'ナノメートル', '나노미터', 'nanometers', 'nanometres', 'ナノ', '나노'),
  ...qty('km', 'km', 'キロメートル', '킬로미터', 'kilometers', 'kilometres'),
  ...qty('m', 'メートル', '미터', 'meters', 'metres'),
  ...qty('cm', 'cm', 'センチメートル', 'センチ', '센티미터', 'centimeters'),
  ...qty('mm', 'mm', 'ミリメートル', 'ミリ', '밀리미터', 'millimeters'),
  ...qty('mi', 'マイル', '마일', 'miles', 'mile'),
  ...qty('ft', 'フィート', '피트', 'feet', 'foot', 'ft'),
  ...qty('in', 'インチ', '인치', 'inches', 'inch'),
  ...qty('kg', 'kg', 'キログラム', '킬로그램', 'kilograms', 'kilos'),
  ...qty('g', 'グラム', '그램', 'grams'),
  ...qty('t', 'トン', '톤', 'tonnes', 'tons', 'ton', 'metric tons', 'metric tonnes', 'メートルトン', '미터톤', '미터 톤'),
  ...qty('lb', 'lbs', 'lb'),
  ...qty('oz', 'オンス', '온스', 'ounces', 'ounce', 'oz'),
  ...qty('bbl', 'バレル', '배럴', 'barrels', 'barrel'),
  ...qty('L', 'リットル', '리터', 'liters', 'litres', 'gallons'),
  ...qty('mL', 'ml', 'mL', 'ミリリットル', '밀리리터', 'milliliters'),
  ...qty('gal', 'ガロン', '갤런', 'gallon'),
  ...qty('ac', 'エーカー', '에이커', 'acres', 'acre'),
  ...qty('ha', 'ヘクタール', '헥타르', 'hectares'),
  ...qty('m2', '㎡', 'm2', 'm²', '平方メートル', '제곱미터', '제곱 미터', 'square meters', 'square metres'),
  ...qty('ft2', 'square feet', 'sq ft', '平方フィート', '제곱피트', '제곱 피트'),
  ...qty('m3', 'm3', 'm³', '㎥', 'cubic meters', 'cubic metres', '立方メートル', '세제곱미터', '입방미터', '입방 미터'),
  ...qty('ft3', 'cubic feet', 'cu ft', '立方フィート', '입방피트', '입방 피트', '세제곱피트'),
  ...qty('km2', 'km2', 'km²', '㎢', '平方キロメートル', '平方キロ', '제곱킬로미터', '제곱 킬로미터', 'square kilometers', 'square kilometres', 'square miles'),
  ...qty('mg', 'mg', 'milligrams', 'milligram', 'ミリグラム', '밀리그램'),
  ...qty('µg', 'µg', 'μg', 'mcg', 'micrograms', 'microgram', 'microgrammes', 'microgramme', 'マイクログラム', '마이크로그램'),
  ...qty('dm', 'dm', 'decimeters', 'decimetres'),
  ...qty('bit', 'bits', 'bit', 'ビット', '비트'),
  ...qty('deg', 'degrees', 'degree'),
  ...qty('rad', 'rad', 'radians'),
  ...qty('mi', 'mile'),
  ...qty('m', 'meter', 'metre'),
  ...qty('km', 'kilometer', 'kilometre'),
  ...qty('g', 'gram'),
  ...qty('t', 'tonne'),
  ...qty('km/h', 'km/h', 'kph', 'kmph', 'km/hr', 'kilometers per hour', 'kilometres per hour', 'キロメートル毎時', '킬로미터毎時'),
  ...qty('mph', 'mph'),
  ...qty('°C', '°C', '℃', 'degrees Celsius', 'degrees celsius', 'degrees centigrade', 'degrees C', '° C'),
  ...qty('°F', '°F', '℉', 'degrees Fahrenheit', 'degrees fahrenheit', 'degrees F'),
  ...qty('qubit', 'qubits', '量子ビット', '큐비트'),
  ...qty('GHz', 'GHz'),
  ...qty('TFLOPS', 'TFLOPS', 'PFLOPS', 'exaflops'),
  // Counters: Japanese 助数詞 and Korean 단위 명사.
  ...counter('台', '台'),
  ...counter('人', '人', '名'),
  ...counter('個', '個'),
  ...counter('件', '件'),
  ...counter('社', '社'),
  ...counter('カ国', 'カ国', 'か国', 'ヶ国', 'ヵ国', 'ケ国'),
  ...counter('店', '店舗', '店'),
  ...counter('拠点', '拠点'),
  ...counter('基', '基'),
  ...counter('機', '機'),
  ...counter('枚', '枚'),
  ...counter('本', '本'),
  ...counter('冊', '冊'),
  ...counter('回', '回'),
  ...counter('票', '票'),
  ...counter('株', '株'),
  ...counter('戸', '戸', '世帯'),
  ...counter('棟', '棟'),
  ...counter('隻', '隻'),
  ...counter('頭', '頭'),
  ...counter('匹', '匹'),
  ...counter('種類', '種類'),
  ...counter('席', '席'),
  ...counter('議席', '議席'),
  ...counter('校', '校'),
  ...counter('団体', '団体'),
  ...counter('都市', '都市'),
  ...counter('病院', '病院'),
  ...counter('ユーザー', 'ユーザー'),
  ...counter('대', '대'),
  ...counter('명', '명', '인', '사람'),
  ...counter('개', '개'),
  ...counter('건', '건'),
  ...counter('곳', '곳'),
  ...counter('개사', '개사'),
  ...counter('개국', '개국'),
  ...counter('개소', '개소'),
  ...counter('가구', '가구'),
  ...counter('채', '채'),
  ...counter('장', '장'),
  ...counter('권', '권'),
  ...counter('마리', '마리'),
  ...counter('척', '척'),
  ...counter('회', '회'),
  ...counter('표', '표'),
  ...counter('석', '석'),
  ...counter('종', '종'),
  ...counter('편', '편'),
];

// Signs several currencies share, written before the number.
const AMBIGUOUS_SIGNS = ['$', '¥', '￥', '£', 'kr', 'Rs', '₨', '﷼'];
// Codes often written in lower case after the amount (100 usd).
const LOWER_CODES = ['usd', 'eur', 'gbp', 'jpy', 'krw', 'cny', 'aud', 'cad', 'chf', 'hkd', 'sgd', 'inr', 'twd', 'nzd'];

// ISO codes that are also words in capitals (ALL 5 solutions, TOP 10): read as a currency only with a sign or name.
const WORDLIKE_CODES = new Set(['ALL', 'TOP', 'CUP', 'SOS', 'BOB', 'MOP', 'GEL', 'MAD', 'PEN', 'CAR', 'ERN', 'BAM', 'NAD', 'TMT', 'FIM', 'ESP', 'ITL']);
const LATIN_SIGN = /^[A-Za-z]/;

/** Every currency name, code and sign that may follow a number, from the ISO 4217 table. */
function moneyTable(): Table {
  const out: Table = [];
  for (const c of CURRENCIES.values()) {
    const def: UnitDef = { kind: 'money', unit: c.code };
    for (const n of c.en) for (const f of englishForms(n)) out.push([f, def]);
    for (const n of [...c.ja, ...c.ko]) for (const f of cjkForms(n)) out.push([f, def]);
    if (!WORDLIKE_CODES.has(c.code)) out.push([c.code, def]);
    // MSEK, MEUR, MUSD: millions, as Nordic and European company reports write them.
    if (!WORDLIKE_CODES.has(c.code) && c.exponent > 0) out.push([`M${c.code}`, { kind: 'money', unit: c.code, factor: 1e6 }]);
    for (const sign of c.signs) out.push([sign, def]);
  }
  const minorNames = new Set(MINOR_UNITS.flatMap((m) => m.names));
  for (const [key, a] of Object.entries(AMBIGUOUS)) {
    // cent is a family key for the minor unit, read through MINOR_UNITS with its factor.
    if (minorNames.has(key)) continue;
    const def: UnitDef = { kind: 'money', unit: a.default, ambiguous: key };
    const forms = LATIN_SIGN.test(key) && key.length > 2 ? englishForms(key) : /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]/.test(key) ? cjkForms(key) : [key];
    for (const f of forms) out.push([f, def]);
  }
  for (const code of LOWER_CODES) out.push([code, { kind: 'money', unit: code.toUpperCase() }]);
  for (const m of MINOR_UNITS) {
    const major = CURRENCIES.has(m.major) ? m.major : (AMBIGUOUS[m.major]?.default ?? null);
    for (const n of m.names) out.push([n, { kind: 'money', unit: major, factor: m.factor, minorOf: m.major }]);
  }
  // The table names each currency once per spelling; a later duplicate (a sign listed twice) would only shadow the first.
  const seen = new Set<string>();
  return out.filter(([n]) => (seen.has(n) ? false : (seen.add(n), true)));
}

/**
 * Suffix units sorted longest first, so 米ドル wins over ドル and 年間 over 年.
 */
export const SUFFIX_UNITS: Table = [...moneyTable(), ...SUFFIX].sort((a, b) => b[0].length - a[0].length);

/** A currency sign or code written before the number: the ISO code, or the AMBIGUOUS key it resolves through. */
export interface PrefixCurrency {
  sign: string;
  code: string | null;
  ambiguous?: string;
  /** MEUR 60 = 60 million euros. */
  factor?: number;
}

function prefixTable(): PrefixCurrency[] {
  const out: PrefixCurrency[] = [];
  for (const c of CURRENCIES.values()) {
    if (!WORDLIKE_CODES.has(c.code)) out.push({ sign: c.code, code: c.code });
    if (!WORDLIKE_CODES.has(c.code) && c.exponent > 0) out.push({ sign: `M${c.code}`, code: c.code, factor: 1e6 });
    for (const sign of c.signs) {
      out.push({ sign, code: c.code });
      // Tokenised copy writes the letters apart from the dollar sign: HK $ 10.05 billion, c $ 16.4 million.
      const m = /^([A-Z]{1,3})\$$/.exec(sign);
      if (m && m[1] !== 'A') {
        out.push({ sign: `${m[1]} $`, code: c.code });
        if (m[1]!.length > 1 || m[1] === 'C') out.push({ sign: `${m[1]!.toLowerCase()} $`, code: c.code });
      }
    }
  }
  for (const key of AMBIGUOUS_SIGNS) out.push({ sign: key, code: AMBIGUOUS[key]!.default, ambiguous: key });
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.sign) ? false : (seen.add(p.sign), true))).sort((a, b) => b.sign.length - a.sign.length);
}

/** Currency signs and codes written before the number, longest first. */
export const PREFIX_CURRENCY: PrefixCurrency[] = prefixTable();

/** English scale words after digits: 7.8 billion, $3bn, 40k, $5m (m only with a currency). */
export const EN_SCALE_SUFFIX: Array<[RegExp, number, boolean]> = [
  [/^\s?(?:trillion|tn|trn)(?![A-Za-z])/i, 1e12, false],
  [/^\s?(?:billion|bn)(?![A-Za-z])/i, 1e9, false],
  [/^\s?(?:million|mn|mln)(?![A-Za-z])/i, 1e6, false],
  [/^\s?(?:crores?)(?![A-Za-z])/i, 1e7, false],
  [/^\s?(?:lakhs?)(?![A-Za-z])/i, 1e5, false],
  [/^\s?(?:thousand)(?![A-Za-z])/i, 1e3, false],
  [/^(?:b)(?![A-Za-z])/, 1e9, true],
  [/^(?:m)(?![A-Za-z])/, 1e6, true],
  [/^k(?![A-Za-z])/, 1e3, false],
];

export type QualifierWord = 'approx' | 'atLeast' | 'atMost' | 'between';

/** Words before a number that qualify it. Longest first. */
export const PREFIX_QUALIFIERS: Array<[RegExp, QualifierWord]> = [
  [/(?:約|およそ|おおよそ|ほぼ|概ね|推定|대략|약|an estimated|approximately|approx\.|around|about|roughly|nearly|almost|some|close to|estimated)\s?$/i, 'approx'],
  [/(?:最大|最高|最多|上限|多くて|최대|최고|up to|at most|no more than|as many as|as much as|(?:less|fewer|smaller|lower) than or equal to|equal to or (?:less|lower|fewer) than|<\s?=|=<|≤)\s?$/i, 'atMost'],
  [/(?:最低|最小|少なくとも|超|최소|적어도|at least|(?:greater|more|larger|bigger|higher) than or equal to|(?:greater|bigger|larger) or equal than|equal to or (?:more|greater|higher) than|more than|over|upwards of|in excess of|greater than|larger than|bigger than|higher than|above|exceeding|no less than|no fewer than|>\s?=|=>|≥|>)\s?$/i, 'atLeast'],
  [/(?:less than|fewer than|smaller than|lower than|under|below|<)\s?$/i, 'atMost'],
  [/between\s$/i, 'between'],
];

/** Words after the number (and unit) that qualify it. */
export const SUFFIX_QUALIFIERS: Array<[RegExp, Exclude<QualifierWord, 'between'>]> = [
  [/^(?:以上|超え|超|を超える|を超す|を上回る|より大きい|より大きく|より多い|より多く|大なり|もしくはそれ以上|余り|余|あまり|強|\s?이상|\s?초과|[이을를가]?\s?넘(?:는|게|은)|\s?보다\s?(?:크|많|높)[가-힣]*|여|남짓|\s?(?:or more|and more|or above|and above|or higher|and over|or over)(?!\s?(?:than|[$€£¥₩\d]))|\s?plus|\+)/i, 'atLeast'],
  [/^(?:以下|未満|より小さい|より小さく|より少ない|より少なく|を下回る|小なり|弱|足らず|以内|近く|\s?이하|\s?미만|\s?이내|\s?아래|\s?보다\s?(?:작|적|낮)[가-힣]*|\s?(?:or less|or fewer|or below|and below|or lower|or under|and under)(?!\s?(?:than|[$€£¥₩\d])))/i, 'atMost'],
  [/^(?:程度|前後|ほど|ぐらい|くらい|가량|정도|안팎|내외|쯤|\s?or so)/i, 'approx'],
];

/** Month names for English dates. */
export const EN_MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
