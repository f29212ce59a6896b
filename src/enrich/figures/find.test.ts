import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../records.js';
import { findFigures } from './find.js';
import { scanNumerals } from './numerals.js';

/** The figure whose text is exactly `text`, failing the test when there is none. */
function fig(figs: Figure[], text: string): Figure {
  const f = figs.find((x) => x.text === text);
  if (!f) throw new Error(`no figure "${text}" in ${JSON.stringify(figs.map((x) => x.text))}`);
  return f;
}

function offsetsHold(text: string, figs: Figure[]) {
  for (const f of figs) expect(text.slice(f.start, f.end)).toBe(f.text);
}

describe('numerals', () => {
  it('reads mixed East Asian scales with digits and separators', () => {
    const cases: Array<[string, number]> = [
      ['4兆9449億', 4944900000000],
      ['9조 1,834억', 9183400000000],
      ['1만 5천', 15000],
      ['26만', 260000],
      ['三千', 3000],
      ['二十五', 25],
      ['２６０，０００', 260000],
      ['8백 10만', 8100000],
      ['일백십육', 116],
      ['1.5兆', 1500000000000],
      ['one hundred and six', 106],
      ['twenty-two', 22],
    ];
    for (const [text, value] of cases) {
      const n = scanNumerals(text);
      expect(n, text).toHaveLength(1);
      expect(n[0]!.lo, text).toBe(value);
      expect(n[0]!.end - n[0]!.start, text).toBe(text.length);
    }
  });

  it('does not read words that start with a numeral as numbers', () => {
    for (const text of ['西九条', '一般的に', '千葉県', '구조조정', '이상하다', '삼성전자']) expect(scanNumerals(text), text).toEqual([]);
  });

  it('gives vague amounts a range', () => {
    const [n] = scanNumerals('数十万');
    expect(n).toMatchObject({ lo: 200000, hi: 900000, vague: true });
  });
});

describe('findFigures: Japanese', () => {
  const text =
    'HyundaiとNVIDIAは約30億ドルを共同投資する。市場は1.5兆ドル規模に成長し、200億ドル以上の収益を見込む。契約は78億ドルから105億ドル規模と推定。' +
    '260,000台以上という計画で、政府は最大50,000台を配備し、各社50,000台以上のGPUを備える。208億個のトランジスタ。中国でのシェアは95%から事実上0%に激減し、' +
    '売上の20-25%を占めていた。性能が30倍、効率が25倍。保有量を約65,000台から300,000台以上へと拡大。数十万台のNVIDIA GPUを配備。4兆9449億円の赤字、三千人、3割。';
  const figs = findFigures(text);

  it('keeps every offset exact', () => offsetsHold(text, figs));

  it('normalises money with its qualifier', () => {
    expect(fig(figs, '約30億ドル')).toMatchObject({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx' });
    expect(fig(figs, '1.5兆ドル')).toMatchObject({ kind: 'money', value: 1.5e12, unit: 'USD' });
    expect(fig(figs, '200億ドル以上')).toMatchObject({ value: 2e10, unit: 'USD', qualifier: 'atLeast' });
    expect(fig(figs, '4兆9449億円')).toMatchObject({ value: 4944900000000, unit: 'JPY' });
  });

  it('reads a から range of money as one range', () => {
    expect(fig(figs, '78億ドルから105億ドル')).toMatchObject({ kind: 'money', value: null, low: 7.8e9, high: 1.05e10, unit: 'USD', qualifier: 'range' });
  });

  it('reads counts with counters, qualifiers and what is counted', () => {
    expect(fig(figs, '260,000台以上')).toMatchObject({ kind: 'count', value: 260000, unit: '台', qualifier: 'atLeast' });
    expect(fig(figs, '最大50,000台')).toMatchObject({ value: 50000, qualifier: 'atMost' });
    expect(fig(figs, '50,000台以上')).toMatchObject({ counted: 'GPU', qualifier: 'atLeast' });
    expect(fig(figs, '208億個')).toMatchObject({ value: 2.08e10, unit: '個' });
    expect(fig(figs, '三千人')).toMatchObject({ value: 3000, unit: '人' });
    expect(fig(figs, '数十万台')).toMatchObject({ qualifier: 'approx', value: null, low: 200000, high: 900000, counted: 'NVIDIA GPU' });
  });

  it('reads percent ranges, 割 and ratios', () => {
    expect(fig(figs, '20-25%')).toMatchObject({ kind: 'percent', low: 20, high: 25, qualifier: 'range' });
    expect(fig(figs, '3割')).toMatchObject({ kind: 'percent', value: 30 });
    expect(fig(figs, '30倍')).toMatchObject({ kind: 'ratio', value: 30 });
    expect(fig(figs, '25倍')).toMatchObject({ kind: 'ratio', value: 25 });
  });

  it('links a from→to change', () => {
    const from = fig(figs, '95%');
    const to = fig(figs, '0%');
    expect(from.change?.role).toBe('from');
    expect(figs[from.change!.other]).toEqual(to);
    expect(to.change).toEqual({ role: 'to', other: figs.indexOf(from) });
    const a = fig(figs, '約65,000台');
    const b = fig(figs, '300,000台以上');
    expect(a.change?.role).toBe('from');
    expect(b).toMatchObject({ qualifier: 'atLeast', change: { role: 'to', other: figs.indexOf(a) } });
  });
});

describe('findFigures: Korean', () => {
  const text =
    '삼성전자는 3분기 영업이익이 9조 1,834억 원으로 집계됐다고 밝혔다. 행사에는 1만 5천 명이 참석했다. 정부는 GPU 26만 대를 확보하고 현대차는 약 30억 달러를 투자한다. ' +
    '엔비디아의 중국 점유율은 95%에서 0%로 떨어졌다. 계약 규모는 78억 달러에서 105억 달러 사이로 추정된다. 수조 원 규모의 투자, 최대 5만 대, 1만여 명, 20~25%, 30배. ' +
    '행사는 2025년 10월 28일 경주에서 열렸다.';
  const figs = findFigures(text);

  it('keeps every offset exact', () => offsetsHold(text, figs));

  it('reads Korean scales spread over spaces', () => {
    expect(fig(figs, '9조 1,834억 원')).toMatchObject({ kind: 'money', value: 9183400000000, unit: 'KRW' });
    expect(fig(figs, '1만 5천 명')).toMatchObject({ kind: 'count', value: 15000, unit: '명' });
    expect(fig(figs, '26만 대')).toMatchObject({ kind: 'count', value: 260000, unit: '대', counted: 'GPU' });
    expect(fig(figs, '약 30억 달러')).toMatchObject({ value: 3e9, unit: 'USD', qualifier: 'approx' });
  });

  it('reads changes, ranges, vague amounts and qualifiers', () => {
    expect(fig(figs, '95%').change?.role).toBe('from');
    expect(fig(figs, '0%').change?.role).toBe('to');
    expect(fig(figs, '78억 달러에서 105억 달러')).toMatchObject({ low: 7.8e9, high: 1.05e10, qualifier: 'range', unit: 'USD' });
    expect(fig(figs, '수조 원')).toMatchObject({ qualifier: 'approx', low: 2e12, high: 9e12, unit: 'KRW' });
    expect(fig(figs, '최대 5만 대')).toMatchObject({ value: 50000, qualifier: 'atMost' });
    expect(fig(figs, '1만여 명')).toMatchObject({ value: 10000, qualifier: 'atLeast' });
    expect(fig(figs, '20~25%')).toMatchObject({ low: 20, high: 25, qualifier: 'range' });
    expect(fig(figs, '30배')).toMatchObject({ kind: 'ratio', value: 30 });
    expect(fig(figs, '2025년 10월 28일')).toMatchObject({ kind: 'date', iso: '2025-10-28' });
    expect(findFigures('AI 3대 강국과 4대 그룹, GPU 5대를 샀다').map((f) => f.text)).toEqual(['5대']);
    // A one-syllable unit glued to another word is not a unit (2026 회계연도), but particles and endings may follow it.
    expect(findFigures('2026 회계연도에 100원짜리 동전 3명뿐').map((f) => f.text)).toEqual(['100원', '3명']);
  });
});

describe('findFigures: English', () => {
  const text =
    'On October 28, 2025 Hyundai said it will invest about $3 billion with NVIDIA. The deal is worth between $7.8bn and $10.5bn by 2030. ' +
    'Korea will deploy more than 260,000 GPUs and the government up to 50,000 units. Market share fell from 95% to 0%, which was 20-25% of revenue. ' +
    'Performance rose 30 times. The market may reach $1.5 trillion; several billion dollars, ¥500 million, €2.5bn, 10 TB/s, 3 years.';
  const figs = findFigures(text);

  it('keeps every offset exact', () => offsetsHold(text, figs));

  it('reads money with signs, scale words and qualifiers', () => {
    expect(fig(figs, 'about $3 billion')).toMatchObject({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx' });
    expect(fig(figs, '$7.8bn and $10.5bn')).toMatchObject({ low: 7.8e9, high: 1.05e10, qualifier: 'range', unit: 'USD' });
    expect(fig(figs, '$1.5 trillion')).toMatchObject({ value: 1.5e12 });
    expect(fig(figs, 'several billion dollars')).toMatchObject({ qualifier: 'approx', low: 2e9, high: 9e9, unit: 'USD' });
    expect(fig(figs, '¥500 million')).toMatchObject({ value: 5e8, unit: 'JPY' });
    expect(fig(figs, '€2.5bn')).toMatchObject({ value: 2.5e9, unit: 'EUR' });
  });

  it('reads counts, changes, ranges, quantities, durations and dates', () => {
    expect(fig(figs, 'more than 260,000')).toMatchObject({ kind: 'count', value: 260000, qualifier: 'atLeast', counted: 'GPUs' });
    expect(fig(figs, 'up to 50,000')).toMatchObject({ value: 50000, qualifier: 'atMost' });
    expect(fig(figs, '95%').change?.role).toBe('from');
    expect(fig(figs, '20-25%')).toMatchObject({ low: 20, high: 25 });
    expect(fig(figs, '30 times')).toMatchObject({ kind: 'ratio', value: 30 });
    expect(fig(figs, '10 TB/s')).toMatchObject({ kind: 'quantity', value: 10, unit: 'TB/s' });
    expect(fig(figs, '3 years')).toMatchObject({ kind: 'duration', iso: 'P3Y' });
    expect(fig(figs, 'October 28, 2025')).toMatchObject({ kind: 'date', iso: '2025-10-28' });
    expect(fig(figs, '2030')).toMatchObject({ kind: 'date', iso: '2030' });
  });
});

describe('findFigures: bounds, signs and fractions', () => {
  it('joins a lower and an upper bound into one range', () => {
    const ja = findFigures('対象は20人以上30人未満の企業と、1000億円より大きく1500億円より小さい案件。');
    expect(fig(ja, '20人以上30人未満')).toMatchObject({ low: 20, high: 30, qualifier: 'range', unit: '人' });
    expect(fig(ja, '1000億円より大きく1500億円より小さい')).toMatchObject({ low: 1e11, high: 1.5e11, unit: 'JPY' });
    const ko = findFigures('참가자는 3천 명이 넘는다. 지원 대상은 20명 초과 35명 이하 기업이다.');
    expect(fig(ko, '3천 명이 넘는')).toMatchObject({ value: 3000, qualifier: 'atLeast' });
    expect(fig(ko, '20명 초과 35명 이하')).toMatchObject({ low: 20, high: 35, qualifier: 'range' });
    const en = findFigures('Sales were above $1bn and below $1.5bn, with less than 5% growth.');
    expect(fig(en, 'above $1bn and below $1.5bn')).toMatchObject({ low: 1e9, high: 1.5e9, qualifier: 'range' });
    expect(fig(en, 'less than 5%')).toMatchObject({ value: 5, qualifier: 'atMost' });
  });

  it('reads negative numbers and fractions', () => {
    expect(fig(findFigures('売上高は前年比-5%だった。'), '-5%')).toMatchObject({ value: -5 });
    expect(fig(findFigures('前年度比マイナス五％です。'), 'マイナス五％')).toMatchObject({ value: -5 });
    expect(fig(findFigures('영업이익은 마이너스 10%였다.'), '마이너스 10%')).toMatchObject({ value: -10 });
    expect(scanNumerals('３分の２')[0]!.lo).toBeCloseTo(2 / 3);
    expect(scanNumerals('4분의 1')[0]!.lo).toBe(0.25);
  });

  it('reads English scale words, hyphenated units and a shared scale in a range', () => {
    const figs = findFigures('Worth 7.8 to 10.5 billion dollars, 4 thousand 3 hundred jobs, a 3-inch screen, a six-mile trip and a 4K display.');
    expect(fig(figs, '7.8 to 10.5 billion dollars')).toMatchObject({ low: 7.8e9, high: 1.05e10, unit: 'USD', qualifier: 'range' });
    expect(fig(figs, '4 thousand 3 hundred')).toMatchObject({ value: 4300, counted: 'jobs' });
    expect(fig(figs, '3-inch')).toMatchObject({ kind: 'quantity', value: 3, unit: 'in' });
    expect(fig(figs, 'six-mile')).toMatchObject({ kind: 'quantity', value: 6, unit: 'mi' });
    expect(figs.some((f) => f.text.includes('4K'))).toBe(false);
  });

  it('reads plural scales as vague amounts', () => {
    const figs = findFigures('Tens of thousands of people joined; the plan costs hundreds of millions of dollars.');
    expect(fig(figs, 'Tens of thousands')).toMatchObject({ qualifier: 'approx', low: 2e4, high: 9e4, counted: 'people' });
    expect(fig(figs, 'hundreds of millions of dollars')).toMatchObject({ kind: 'money', unit: 'USD', low: 2e8, high: 9e8 });
  });

  it('reads a few of something (数年, 数社, 수개월) as vague, and bare years as durations', () => {
    const figs = findFigures('今後数年で数社が参加し、3年後に完成。多数の少数株主。수개월 뒤 5년 만에. 令和7年度');
    expect(fig(figs, '数年')).toMatchObject({ kind: 'duration', qualifier: 'approx', low: 2, high: 9 });
    expect(fig(figs, '数社')).toMatchObject({ kind: 'count', unit: '社', qualifier: 'approx' });
    expect(fig(figs, '3年')).toMatchObject({ kind: 'duration', value: 3, iso: 'P3Y' });
    expect(fig(figs, '수개월')).toMatchObject({ kind: 'duration', unit: 'month' });
    expect(fig(figs, '5년')).toMatchObject({ kind: 'duration', iso: 'P5Y' });
    expect(figs.map((f) => f.text)).not.toContain('数株');
    expect(figs.some((f) => f.text.startsWith('7'))).toBe(false);
  });

  it('reports bare numbers only when asked', () => {
    expect(findFigures('この数は3965以上です')).toEqual([]);
    expect(findFigures('この数は3965以上です', { bare: true })[0]).toMatchObject({ value: 3965, qualifier: 'atLeast' });
  });

  it('keeps digits in URLs out', () => {
    expect(findFigures('https://example.com/search?q=30%25%2020% を参照')).toEqual([]);
  });
});

describe('findFigures: bad input', () => {
  it('finds nothing in names, versions and addresses', () => {
    for (const text of ['H100 chips', 'COVID-19 cases', 'version 1.2.3 shipped', '5G networks', '192.168.1.2', 'GPT-4o', 'バージョン1.2.3で']) {
      expect(findFigures(text), text).toEqual([]);
    }
  });

  it('rejects a 1,000-digit number instead of returning Infinity', () => {
    const text = `${'9'.repeat(1000)}ドル and ${'1'.repeat(400)} won`;
    expect(findFigures(text)).toEqual([]);
  });

  it('rejects runs of a thousand kanji or hangul digits without returning Infinity', () => {
    for (const text of [`${'九'.repeat(1000)}億円`, `${'구'.repeat(1000)}억 원`, `${'9,999'.repeat(300)}ドル`]) {
      for (const f of findFigures(text)) for (const v of [f.value, f.low, f.high]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
    }
    expect(findFigures(`${'九'.repeat(1000)}億円`)).toEqual([]);
  });

  it('rejects a number that mixes Japanese and Korean scales', () => {
    expect(findFigures('3万5천 명').some((f) => f.value === 35000)).toBe(false);
  });

  it('survives unmatched brackets and glued text', () => {
    const text = '（約30億ドル【の投資)) ((($3bn]] 売上高100億円増益';
    const figs = findFigures(text);
    offsetsHold(text, figs);
    expect(figs.map((f) => f.value)).toEqual([3e9, 3e9, 1e10]);
  });

  it('never produces NaN, Infinity or bad offsets on random text', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789０１２３,.，．-~〜%％$¥₩€万億兆만억조천백십数수約以上最大から에서 倍배台대円원ドル달러 abcmillionbnk一二三十百千'.split(''),
      ' billion', ' percent', 'between ', ' and ', 'から', '에서', '(', ')', '【', '】',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), fc.string({ maxLength: 30 }), (a, b) => {
        for (const text of [a, b + a, a + b]) {
          for (const f of findFigures(text)) {
            expect(text.slice(f.start, f.end)).toBe(f.text);
            for (const v of [f.value, f.low, f.high]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
            expect(f.end).toBeGreaterThan(f.start);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('findFigures: breadth of how news writes amounts', () => {
  it('reads decimal points and separators of every width', () => {
    const ja = findFigures('消費者物価は前年比２．４パーセント上昇し、長期金利は０．４ポイント上げた。賃上げ率は０・５％、支持率は二・四％低下。');
    expect(fig(ja, '２．４パーセント')).toMatchObject({ kind: 'percent', value: 2.4 });
    expect(fig(ja, '０．４ポイント')).toMatchObject({ kind: 'percent', value: 0.4, unit: 'pp' });
    expect(fig(ja, '０・５％')).toMatchObject({ value: 0.5 });
    expect(fig(ja, '二・四％')).toMatchObject({ value: 2.4 });
    // ・ between numbers that are no amount lists them: 1・2月, 2・4号機.
    expect(findFigures('1・2月の売上と2・4号機').some((f) => f.kind === 'percent' || f.value === 1.2 || f.value === 2.4)).toBe(false);
    expect(fig(findFigures('Rs 12,34,567.89 was paid'), 'Rs 12,34,567.89')).toMatchObject({ value: 1234567.89, unit: 'INR' });
  });

  it('combines minor units with the amount before them', () => {
    expect(fig(findFigures('配当は２ドル３セントだった'), '２ドル３セント')).toMatchObject({ kind: 'money', value: 2.03, unit: 'USD' });
    expect(fig(findFigures('価格は545ドルと5セント。'), '545ドルと5セント')).toMatchObject({ value: 545.05, unit: 'USD' });
    expect(fig(findFigures('배당금은 1달러 20센트다.'), '1달러 20센트')).toMatchObject({ value: 1.2, unit: 'USD' });
    expect(fig(findFigures('It costs thirteen dollars forty-five cents.'), 'thirteen dollars forty-five cents')).toMatchObject({ value: 13.45 });
    expect(fig(findFigures('It costs thirteen dollars and forty-five cents.'), 'thirteen dollars and forty-five cents')).toMatchObject({ value: 13.45 });
    expect(fig(findFigures('終値は2222円13銭。'), '2222円13銭')).toMatchObject({ value: 2222.13, unit: 'JPY' });
    // A minor unit alone is a hundredth of its currency; pence of the pound.
    const en = findFigures('The dividend rose to 45 cents, and shares rose 12 pence to 398 pence.');
    expect(fig(en, '45 cents')).toMatchObject({ value: 0.45, unit: 'USD' });
    expect(fig(en, '12 pence')).toMatchObject({ value: 0.12, unit: 'GBP' });
    expect(fig(en, '398 pence')).toMatchObject({ value: 3.98, unit: 'GBP' });
    // Cents are not hundredths of the yen.
    expect(findFigures('10円5セント').some((f) => f.value === 10.05)).toBe(false);
  });

  it('names currencies outside the usual few, in all three languages', () => {
    const cases: Array<[string, string, number, string]> = [
      ['Nigeria raised the wage to 70,000 naira.', '70,000 naira', 70000, 'NGN'],
      ['The deficit reached 1.2 billion balboas.', '1.2 billion balboas', 1.2e9, 'PAB'],
      ['Tourism revenue reached ₡2.1 trillion.', '₡2.1 trillion', 2.1e12, 'CRC'],
      ['He won 100,000 ₭ and 100₾.', '100,000 ₭', 1e5, 'LAK'],
      ['ナイラは1ドル＝1,500ナイラ前後で推移した。', '1,500ナイラ前後', 1500, 'NGN'],
      ['라오스 정부는 1만 킵 지폐를 발행했다.', '1만 킵', 1e4, 'LAK'],
      ['영국 주식은 470펜스에 거래됐다.', '470펜스', 4.7, 'GBP'],
      ['ズウォティ建てで300万ズウォティを調達した。', '300万ズウォティ', 3e6, 'PLN'],
      ['이 회사는 50억 루피아를 투자했다.', '50억 루피아', 5e9, 'IDR'],
      ['The fine was 500 million Swiss francs.', '500 million Swiss francs', 5e8, 'CHF'],
      ['Revenue was MSEK 120.', 'MSEK 120', 1.2e8, 'SEK'],
    ];
    for (const [text, span, value, unit] of cases) expect(fig(findFigures(text), span), text).toMatchObject({ kind: 'money', value, unit });
  });

  it('resolves shared dollar signs by prefix, by name, and by the outlet country', () => {
    const en = findFigures('It raised HK$ 10.05 billion, C$ 300 million, A$240 billion, NT$ 30 billion and S$ 2 billion.');
    expect(fig(en, 'HK$ 10.05 billion')).toMatchObject({ value: 1.005e10, unit: 'HKD' });
    expect(fig(en, 'C$ 300 million')).toMatchObject({ unit: 'CAD' });
    expect(fig(en, 'A$240 billion')).toMatchObject({ unit: 'AUD' });
    expect(fig(en, 'NT$ 30 billion')).toMatchObject({ unit: 'TWD' });
    expect(fig(en, 'S$ 2 billion')).toMatchObject({ unit: 'SGD' });
    expect(fig(findFigures('香港の不動産大手は100億香港ドルの社債を発行'), '100億香港ドル')).toMatchObject({ unit: 'HKD' });
    expect(fig(findFigures('1억 2,500만 호주달러에 인수됐다'), '1억 2,500만 호주달러')).toMatchObject({ unit: 'AUD' });
    // "$" and "dollars" on an Australian site, "pesos" on a Philippine one; a named currency stays what it says.
    expect(fig(findFigures('The fund manages $240 billion.', { country: 'AU' }), '$240 billion')).toMatchObject({ unit: 'AUD' });
    expect(fig(findFigures('It paid 5 million dollars.', { country: 'CA' }), '5 million dollars')).toMatchObject({ unit: 'CAD' });
    expect(fig(findFigures('It paid 5 million pesos.', { country: 'PH' }), '5 million pesos')).toMatchObject({ unit: 'PHP' });
    expect(fig(findFigures('It paid US$5 million.', { country: 'AU' }), 'US$5 million')).toMatchObject({ unit: 'USD' });
    expect(fig(findFigures('The fund manages $240 billion.'), '$240 billion')).toMatchObject({ unit: 'USD' });
  });

  it('reads 割/分/厘, a half, and 万億', () => {
    const ja = findFigures('打率は3割8分7厘で、シェアは5割半、女子学生は七割半、予算は1万億円。');
    expect(fig(ja, '3割8分7厘')).toMatchObject({ kind: 'percent', value: 38.7 });
    expect(fig(ja, '5割半')).toMatchObject({ value: 55 });
    expect(fig(ja, '七割半')).toMatchObject({ value: 75 });
    expect(fig(ja, '1万億円')).toMatchObject({ kind: 'money', value: 1e12, unit: 'JPY' });
    expect(fig(findFigures('工事は3年半かかる。'), '3年半')).toMatchObject({ kind: 'duration', value: 3.5, iso: 'P3.5Y' });
    expect(fig(findFigures('공사는 1년 반이 걸린다.'), '1년 반')).toMatchObject({ kind: 'duration', value: 1.5 });
  });

  it('reads spelled-out numbers in the three languages', () => {
    expect(fig(findFigures('売上高は二千三百億円、来場者は二十三万人だった。'), '二十三万人')).toMatchObject({ value: 230000 });
    const ko = findFigures('이십삼만 명이 모였고 사고로 세 명이 숨지고 스무 명이 다쳤다. 수출은 석 달 연속 늘어 열 배가 됐다.');
    expect(fig(ko, '이십삼만 명')).toMatchObject({ kind: 'count', value: 230000 });
    expect(fig(ko, '세 명')).toMatchObject({ kind: 'count', value: 3 });
    expect(fig(ko, '스무 명')).toMatchObject({ kind: 'count', value: 20 });
    expect(fig(ko, '석 달')).toMatchObject({ kind: 'duration', value: 3, iso: 'P3M' });
    expect(fig(ko, '열 배')).toMatchObject({ kind: 'ratio', value: 10 });
    // Words that begin with a native numeral are words: 한국, 세계, 네이버, 두산.
    expect(findFigures('한국과 세계, 네이버와 두산').length).toBe(0);
    const en = findFigures('Its share fell from 95 percent to zero. Zero people were hurt; half a million people marched.');
    expect(fig(en, 'zero')).toMatchObject({ kind: 'percent', value: 0, change: { role: 'to' } });
    expect(fig(en, 'Zero')).toMatchObject({ kind: 'count', value: 0, counted: 'people' });
    expect(fig(en, 'half a million')).toMatchObject({ value: 5e5, counted: 'people' });
    // A lone number word without a unit stays a word.
    expect(findFigures('One of them agreed to zero in on it, one by one.').length).toBe(0);
  });

  it('reads fractions and rate moves in words', () => {
    expect(fig(findFigures('3分の2の賛成が必要だ。'), '3分の2')).toMatchObject({ kind: 'percent' });
    expect(fig(findFigures('The bank cut rates by a quarter point.'), 'a quarter point')).toMatchObject({ kind: 'percent', value: 0.25, unit: 'pp' });
    expect(fig(findFigures('It cut by half a percentage point.'), 'half a percentage point')).toMatchObject({ value: 0.5, unit: 'pp' });
    expect(fig(findFigures('It raised rates by 50 basis points.'), '50 basis points')).toMatchObject({ value: 0.5, unit: 'pp' });
    expect(fig(findFigures('a 1/4 mile oval and 10 1/2 miles of cable'), '10 1/2 miles')).toMatchObject({ kind: 'quantity', value: 10.5 });
    // A date with a slash is no fraction.
    expect(findFigures('on 10/28 and 1/4').length).toBe(0);
  });

  it('does not count model numbers and codes', () => {
    const figs = findFigures('The airline ordered 20 Airbus A350-900 jets and five Boeing 787 planes. ANAはボーイング787型機を20機、iPhone 16の国内出荷台数は１株当たり');
    expect(figs.some((f) => f.value === 900 || f.value === 787 || f.value === 16)).toBe(false);
    expect(fig(figs, '20')).toMatchObject({ kind: 'count', counted: 'jets' });
    expect(fig(figs, '20機')).toMatchObject({ kind: 'count', value: 20 });
    expect(figs.some((f) => f.text.includes('１株'))).toBe(false);
  });

  it('reads ordinals that carry a value: a run of periods', () => {
    const figs = findFigures('Exports rose for the 10th straight month and a third consecutive year, and for a fourth successive quarter.');
    expect(fig(figs, '10th straight month')).toMatchObject({ kind: 'duration', value: 10, iso: 'P10M' });
    expect(fig(figs, 'third consecutive year')).toMatchObject({ value: 3, iso: 'P3Y' });
    expect(fig(figs, 'fourth successive quarter')).toMatchObject({ value: 12, unit: 'month', iso: 'P12M' });
    expect(findFigures('the 2nd floor and the third man').length).toBe(0);
  });

  it('reads durations in words as years', () => {
    const figs = findFigures('The bridge took nearly three decades; two decades ago it was a plan, and a 10-day search followed.');
    expect(fig(figs, 'nearly three decades')).toMatchObject({ kind: 'duration', value: 30, unit: 'year', iso: 'P30Y', qualifier: 'approx' });
    expect(fig(figs, 'two decades')).toMatchObject({ value: 20, iso: 'P20Y' });
    expect(fig(figs, '10-day')).toMatchObject({ kind: 'duration', iso: 'P10D' });
    expect(fig(findFigures('개봉 12일 만에 500만 명'), '12일')).toMatchObject({ kind: 'duration', iso: 'P12D' });
  });

  it('reads temperatures only where the text speaks of one', () => {
    expect(fig(findFigures('東京都心の最高気温は35.2度に達した。'), '35.2度')).toMatchObject({ kind: 'quantity', unit: '°C', value: 35.2 });
    expect(fig(findFigures('평균 기온은 섭씨 25.4도였다.'), '섭씨 25.4도')).toMatchObject({ unit: '°C' });
    expect(fig(findFigures('It reached 41.2 degrees Celsius.'), '41.2 degrees Celsius')).toMatchObject({ unit: '°C' });
    expect(findFigures('2度目の挑戦で、3度にわたり会談した。').length).toBe(0);
  });

  it('keeps Korean amounts whole when the last group has no scale', () => {
    const figs = findFigures('미분양은 7만 1,000가구, 확진자는 3만 5,000명, 주당 5만 4,000원, 1만 2천 명.');
    expect(fig(figs, '7만 1,000가구')).toMatchObject({ value: 71000 });
    expect(fig(figs, '3만 5,000명')).toMatchObject({ value: 35000 });
    expect(fig(figs, '5만 4,000원')).toMatchObject({ value: 54000, unit: 'KRW' });
    expect(fig(figs, '1만 2천 명')).toMatchObject({ value: 12000 });
    expect(fig(findFigures('1만 2025년에'), '1만')).toMatchObject({ value: 10000 });
  });

  it('keeps a move and the level it reached apart', () => {
    const figs = findFigures('Shares rose 12 pence to 398 pence, and output ranged from 3 to 5 tonnes.');
    expect(figs.map((f) => f.text)).toEqual(expect.arrayContaining(['12 pence', '398 pence', '3 to 5 tonnes']));
  });
});

describe('numerals: mixed fractions, dozens and Korean words for numbers', () => {
  it('reads them', () => {
    const cases: Array<[string, number]> = [
      ['103と3分の2', 103 + 2 / 3],
      ['マイナス一と二分の一', -1.5],
      ['이십삼과 오분의 삼', 23.6],
      ['사분의 일', 0.25],
      ['음수 일천구백', -1900],
      ['3ダース', 36],
      ['two dozen', 24],
      ['1 234 567', 1234567],
      ['40\u202f000', 40000],
    ];
    for (const [text, value] of cases) {
      const n = scanNumerals(text);
      expect(n, text).toHaveLength(1);
      expect(n[0]!.lo, text).toBeCloseTo(value, 9);
      expect(n[0]!.end - n[0]!.start, text).toBe(text.length);
    }
    // One plain space between two groups is two numbers (the 3 100-metre race), as is a lone digit word (이 회사).
    expect(scanNumerals('the 3 100-metre race').map((n) => n.lo)).toEqual([3, 100]);
    expect(scanNumerals('이 회사는 일이 많다')).toEqual([]);
  });
});
