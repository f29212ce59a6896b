/*
 * What may follow or precede a numeral, in the three languages: currencies
 * (to ISO 4217), percent and ratio markers, counters, measurement units and
 * durations. Matching is longest-first on the folded text.
 */
import type { FigureKind } from '../../records.js';

export interface UnitDef {
  kind: FigureKind;
  /** ISO 4217 for money, a normalised unit otherwise, null for a bare count. */
  unit: string | null;
  /** Multiplier applied to the value (割 = ten percent, cents = 1/100). */
  factor?: number;
  /** For durations: the ISO 8601 designator (Y, M, W, D, H, MIN, S). */
  iso?: string;
}

type Table = Array<[string, UnitDef]>;

const money = (code: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'money', unit: code }]);
const counter = (unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'count', unit }]);
const qty = (unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'quantity', unit }]);
const dur = (iso: string, unit: string, ...names: string[]): Table => names.map((n) => [n, { kind: 'duration', unit, iso }]);

/** Units written after the number, in any of the three languages. */
const SUFFIX: Table = [
  // Money. A dollar is the US dollar unless another one is named.
  ...money('USD', '米ドル', 'ドル', '弗', '미국 달러', '미 달러', '달러', '불', 'US dollars', 'U.S. dollars', 'dollars', 'dollar', 'USD', 'US$'),
  ...money('HKD', '香港ドル', '홍콩 달러', '홍콩달러', 'Hong Kong dollars', 'HKD'),
  ...money('AUD', '豪ドル', 'オーストラリアドル', '호주 달러', '호주달러', 'Australian dollars', 'AUD'),
  ...money('CAD', 'カナダドル', '캐나다 달러', '캐나다달러', 'Canadian dollars', 'CAD'),
  ...money('SGD', 'シンガポールドル', '싱가포르 달러', '싱가포르달러', 'Singapore dollars', 'SGD'),
  ...money('TWD', '台湾ドル', 'ニュー台湾ドル', '대만 달러', '대만달러', 'Taiwan dollars', 'New Taiwan dollars', 'TWD'),
  ...money('NZD', 'NZドル', 'ニュージーランドドル', '뉴질랜드 달러', 'New Zealand dollars', 'NZD'),
  ...money('JPY', '円', '日本円', '엔', '엔화', 'yen', 'JPY'),
  ...money('KRW', 'ウォン', '韓国ウォン', '원', '원화', 'won', 'KRW'),
  ...money('EUR', 'ユーロ', '유로', 'euros', 'euro', 'EUR'),
  ...money('CNY', '人民元', '元', '위안', '위안화', 'yuan', 'renminbi', 'CNY', 'RMB'),
  ...money('GBP', 'ポンド', '英ポンド', '파운드', 'pounds sterling', 'pounds', 'pound', 'sterling', 'GBP'),
  ...money('CHF', 'スイスフラン', 'スイス・フラン', '스위스 프랑', 'Swiss francs', 'CHF'),
  ...money('INR', 'ルピー', 'インドルピー', '루피', 'rupees', 'INR'),
  ...money('IDR', 'ルピア', '루피아', 'rupiah', 'IDR'),
  ...money('RUB', 'ルーブル', '루블', 'rubles', 'roubles', 'RUB'),
  ...money('THB', 'バーツ', '바트', 'baht', 'THB'),
  ...money('VND', 'ベトナムドン', '베트남 동', 'dong', 'VND'),
  ...money('MYR', 'リンギット', '링깃', 'ringgit', 'MYR'),
  ...money('PHP', 'フィリピンペソ', '필리핀 페소', 'Philippine pesos', 'PHP'),
  ...money('MXN', 'メキシコペソ', '멕시코 페소', 'Mexican pesos', 'MXN'),
  ...money('BRL', 'レアル', '헤알', 'reais', 'BRL'),
  ...money('SAR', 'リヤル', '리얄', 'riyals', 'SAR'),
  ...money('AED', 'ディルハム', '디르함', 'dirhams', 'AED'),
  ...money('TRY', 'トルコリラ', '리라', 'lira', 'TRY'),
  ...money('SEK', 'スウェーデンクローナ', '크로나', 'kronor', 'SEK'),
  ...money('USD', 'us dollars', 'us dollar', '$'),
  ...money('EUR', '€'),
  ...money('GBP', '£'),
  ...money('JPY', '¥'),
  ...money('KRW', '₩'),
  ...money('CNY', 'chinese yuan', 'rmb'),
  ...money('TRY', 'turkish lira'),
  ...money('CHF', 'francs'),
  ['pence', { kind: 'money', unit: 'GBP', factor: 0.01 }],
  ['セント', { kind: 'money', unit: 'USD', factor: 0.01 }],
  ['센트', { kind: 'money', unit: 'USD', factor: 0.01 }],
  ['cents', { kind: 'money', unit: 'USD', factor: 0.01 }],
  ['銭', { kind: 'money', unit: 'JPY', factor: 0.01 }],
  // Percent and percentage points.
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
  ...dur('Y', 'decade', 'decades'),
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
  ...qty('t', 'トン', '톤', 'tonnes', 'tons', 'ton', 'metric tons'),
  ...qty('lb', 'lbs', 'lb'),
  ...qty('oz', 'オンス', '온스', 'ounces', 'ounce', 'oz'),
  ...qty('bbl', 'バレル', '배럴', 'barrels', 'barrel'),
  ...qty('L', 'リットル', '리터', 'liters', 'litres', 'gallons'),
  ...qty('mL', 'ml', 'mL', 'ミリリットル', '밀리리터', 'milliliters'),
  ...qty('gal', 'ガロン', '갤런', 'gallon'),
  ...qty('ac', 'エーカー', '에이커', 'acres', 'acre'),
  ...qty('ha', 'ヘクタール', '헥타르', 'hectares'),
  ...qty('m2', '㎡', '平方メートル', '제곱미터', 'square meters', 'square metres', 'square feet'),
  ...qty('km2', 'km2', 'km²', '平方キロメートル', '平方キロ', '제곱킬로미터', 'square kilometers', 'square kilometres'),
  ...qty('mg', 'mg', 'milligrams', 'ミリグラム', '밀리그램'),
  ...qty('mi', 'mile'),
  ...qty('m', 'meter', 'metre'),
  ...qty('km', 'kilometer', 'kilometre'),
  ...qty('g', 'gram'),
  ...qty('t', 'tonne'),
  ...qty('km/h', 'km/h', 'キロメートル毎時', '킬로미터毎時'),
  ...qty('mph', 'mph'),
  ...qty('°C', '°C', '℃'),
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
  ...counter('명', '명', '인'),
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

/**
 * Suffix units sorted longest first, so 米ドル wins over ドル and 年間 over 年.
 */
export const SUFFIX_UNITS: Table = [...SUFFIX].sort((a, b) => b[0].length - a[0].length);

/** Currency signs written before the number. */
export const PREFIX_CURRENCY: Array<[string, string]> = (
  [
    ['US$', 'USD'], ['U.S.$', 'USD'], ['USD', 'USD'], ['HK$', 'HKD'], ['C$', 'CAD'], ['CA$', 'CAD'], ['A$', 'AUD'], ['AU$', 'AUD'],
    ['S$', 'SGD'], ['NT$', 'TWD'], ['NZ$', 'NZD'], ['R$', 'BRL'], ['$', 'USD'], ['¥', 'JPY'], ['JPY', 'JPY'], ['₩', 'KRW'],
    ['KRW', 'KRW'], ['€', 'EUR'], ['EUR', 'EUR'], ['£', 'GBP'], ['GBP', 'GBP'], ['₹', 'INR'], ['Rs', 'INR'], ['RMB', 'CNY'],
    ['CNY', 'CNY'], ['CHF', 'CHF'], ['₫', 'VND'], ['฿', 'THB'],
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length);

/** English scale words after digits: 7.8 billion, $3bn, 40k, $5m (m only with a currency). */
export const EN_SCALE_SUFFIX: Array<[RegExp, number, boolean]> = [
  [/^\s?(?:trillion|tn|trn)(?![A-Za-z])/i, 1e12, false],
  [/^\s?(?:billion|bn)(?![A-Za-z])/i, 1e9, false],
  [/^\s?(?:million|mn|mln)(?![A-Za-z])/i, 1e6, false],
  [/^\s?(?:thousand)(?![A-Za-z])/i, 1e3, false],
  [/^(?:b)(?![A-Za-z])/, 1e9, true],
  [/^(?:m)(?![A-Za-z])/, 1e6, true],
  [/^k(?![A-Za-z])/, 1e3, false],
];

export type QualifierWord = 'approx' | 'atLeast' | 'atMost' | 'between';

/** Words before a number that qualify it. Longest first. */
export const PREFIX_QUALIFIERS: Array<[RegExp, QualifierWord]> = [
  [/(?:約|およそ|おおよそ|ほぼ|概ね|推定|대략|약|an estimated|approximately|approx\.|around|about|roughly|nearly|almost|some|close to|estimated)\s?$/i, 'approx'],
  [/(?:最大|最高|最多|上限|多くて|최대|최고|up to|at most|no more than|as many as|as much as)\s?$/i, 'atMost'],
  [/(?:最低|最小|少なくとも|超|최소|적어도|at least|more than|over|upwards of|in excess of|greater than|larger than|bigger than|higher than|above|exceeding|no less than|no fewer than)\s?$/i, 'atLeast'],
  [/(?:less than|fewer than|smaller than|lower than|under|below)\s?$/i, 'atMost'],
  [/between\s$/i, 'between'],
];

/** Words after the number (and unit) that qualify it. */
export const SUFFIX_QUALIFIERS: Array<[RegExp, Exclude<QualifierWord, 'between'>]> = [
  [/^(?:以上|超え|超|を超える|を超す|を上回る|より大きい|より大きく|より多い|より多く|大なり|もしくはそれ以上|余り|余|あまり|強|\s?이상|\s?초과|[이을를가]?\s?넘(?:는|게|은)|\s?보다\s?(?:크|많|높)[가-힣]*|여|남짓|\s?or more|\s?plus|\+)/i, 'atLeast'],
  [/^(?:以下|未満|より小さい|より小さく|より少ない|より少なく|を下回る|小なり|弱|足らず|以内|近く|\s?이하|\s?미만|\s?이내|\s?아래|\s?보다\s?(?:작|적|낮)[가-힣]*|\s?or less|\s?or fewer)/i, 'atMost'],
  [/^(?:程度|前後|ほど|ぐらい|くらい|가량|정도|안팎|내외|쯤|\s?or so)/i, 'approx'],
];

/** Month names for English dates. */
export const EN_MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
