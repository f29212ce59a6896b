import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { createContext } from '../src/context.js';
import { enrich } from '../src/enrich/index.js';
import { localDocument } from '../src/fetch/local.js';
import { createLogger } from '../src/log.js';
import { prepare } from '../src/pipeline.js';
import type { Enriched, Figure, Lang } from '../src/records.js';
import { extractSentences, pickKeyFigures, summarise, toExtractiveInput } from '../src/summarise/index.js';

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }), clock: () => new Date('2025-11-01T00:00:00Z') });

async function enriched(markdown: string, lang: Lang): Promise<Enriched> {
  const prepared = await prepare(localDocument(markdown, 'markdown', { kind: 'file', uri: `test.${lang}.md` }, ctx, lang), ctx);
  if (prepared.kind !== 'ok') throw new Error(`prepare skipped: ${prepared.detail}`);
  const out = await enrich(prepared.value, ctx);
  if (out.kind !== 'ok') throw new Error('enrich skipped');
  return out.value;
}

const EN = `---
title: "NVIDIA to supply 260,000 GPUs to South Korea"
---

NVIDIA will supply more than 260,000 of its latest graphics processors to the South Korean government and the country's largest companies, chief executive Jensen Huang said at the APEC CEO Summit in Gyeongju.

The government plans to deploy up to 50,000 GPUs for companies and research groups, starting with 13,000 Blackwell chips offered through NAVER Cloud, NHN Cloud and Kakao.

The weather in Gyeongju was mild on Friday, and delegates walked between the venues.

Samsung and SK Group will each build an AI factory running more than 50,000 NVIDIA GPUs, tying chip production to accelerated computing.

Hyundai Motor Group and NVIDIA will jointly invest about $3 billion in autonomous driving, factory automation and robotics.

NAVER Cloud said it would deploy more than 60,000 GPUs for sovereign and physical AI work.

Analysts said the GPU order, the largest NVIDIA has announced for a single country, makes South Korea a test case for sovereign AI infrastructure.

Huang, who wore his usual leather jacket, also met fans outside the summit hall.
`;

const KO = `---
title: "엔비디아, 한국에 GPU 26만 장 공급"
---

엔비디아가 한국 정부와 국내 대기업에 최신 그래픽처리장치(GPU)를 26만 장 이상 공급한다고 31일 밝혔다.

젠슨 황 엔비디아 최고경영자는 경주에서 열린 APEC 최고경영자 서밋에서 이 같은 계획을 발표했다.

정부는 기업과 연구기관이 쓸 수 있도록 GPU를 최대 5만 장까지 들여오고, 1단계로 1만 3천 장을 클라우드 사업자를 통해 공급한다.

행사장 주변에는 이른 아침부터 관람객이 몰려 교통이 혼잡했다.

삼성전자와 SK그룹은 각각 GPU 5만 장 이상을 투입한 AI 팩토리를 짓는다.

현대자동차그룹은 엔비디아와 함께 약 30억 달러를 공동 투자해 자율주행과 로보틱스 분야 협력을 확대한다.

업계는 이번 GPU 공급이 한국의 AI 인프라 경쟁력을 크게 높일 것으로 내다봤다.
`;

const JA = `---
title: "NVIDIA、韓国にGPU26万台を供給へ"
---

NVIDIAは韓国政府と韓国の大手企業に最新のGPUを26万台以上供給すると発表した。

発表は慶州で開かれたAPEC CEOサミットで、ジェンスン・フアンCEOが行った。

韓国政府は企業や研究機関向けに最大5万台のGPUを配備し、第一段階として1万3千台をクラウド事業者経由で提供する。

会場周辺では朝から多くの見物客が集まり、道路が混雑した。

SamsungとSK Groupはそれぞれ5万台以上のGPUを稼働させるAIファクトリーを構築する。

HyundaiとNVIDIAは約30億ドルを共同で投資し、自動運転やロボティクスの分野で協力を広げる。

業界では、今回のGPU供給が韓国のAIインフラの競争力を大きく高めるとの見方が出ている。
`;

describe('summarise (extractive)', () => {
  for (const [lang, md, offTopic] of [
    ['en', EN, 'weather in Gyeongju'],
    ['ko', KO, '교통이 혼잡했다'],
    ['ja', JA, '道路が混雑した'],
  ] as const) {
    it(`${lang}: headline is the title, 3–5 body sentences in document order, off-topic asides left out`, async () => {
      const doc = await enriched(md, lang);
      const out = await summarise(doc, ctx);
      expect(out.kind).toBe('ok');
      if (out.kind !== 'ok') return;
      const s = out.value.summary;
      expect(s.method).toBe('extractive');
      expect(s.lang).toBe(lang);
      expect(s.headline).toBe(doc.title);
      expect(s.bullets.length).toBeGreaterThanOrEqual(3);
      expect(s.bullets.length).toBeLessThanOrEqual(5);
      const positions = s.bullets.map((b) => doc.text.indexOf(b));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(s.bullets.some((b) => b.includes(offTopic))).toBe(false);
      // The lead sentence states the news in all three versions.
      expect(s.bullets[0]).toBe(doc.sentences[0]!.text);
    });
  }

  it('is deterministic', async () => {
    const doc = await enriched(KO, 'ko');
    const a = await summarise(doc, ctx);
    const b = await summarise(structuredClone(doc), ctx);
    expect(a).toEqual(b);
  });

  it('never picks two sentences that say the same thing', async () => {
    const md = EN.replace(
      'Analysts said',
      'Samsung and SK Group will each build an AI factory with more than 50,000 NVIDIA GPUs, linking chip production and accelerated computing.\n\nAnalysts said',
    );
    const doc = await enriched(md, 'en');
    const out = await summarise(doc, { ...ctx, config: { ...ctx.config, summarise: { ...ctx.config.summarise, sentences: 5 } } });
    if (out.kind !== 'ok') throw new Error('skipped');
    const factory = out.value.summary.bullets.filter((b) => b.includes('AI factory'));
    expect(factory.length).toBeLessThanOrEqual(1);
  });

  it('leaves out a line in another script and a caption-like fragment', async () => {
    const md = JA.replace(
      '発表は慶州で',
      'Nvidia Forges AI Deals With South Korea’s Samsung, Hyundai, SK and NAVER as GPU demand grows\n\n26万台のGPU配備はAIへの国家レベルで最大規模の投資と評価\n\n発表は慶州で',
    );
    const doc = await enriched(md, 'ja');
    const out = await summarise(doc, ctx);
    if (out.kind !== 'ok') throw new Error('skipped');
    expect(out.value.summary.bullets.some((b) => b.startsWith('Nvidia Forges'))).toBe(false);
    expect(out.value.summary.bullets.some((b) => b.endsWith('と評価'))).toBe(false);
  });

  it('honours the configured number of sentences', async () => {
    const doc = await enriched(JA, 'ja');
    for (const n of [3, 5]) {
      const out = await summarise(doc, { ...ctx, config: { ...ctx.config, summarise: { ...ctx.config.summarise, sentences: n } } });
      if (out.kind !== 'ok') throw new Error('skipped');
      expect(out.value.summary.bullets).toHaveLength(n);
    }
  });

  it('lifts a sentence that mentions the salient entities', async () => {
    const doc = await enriched(EN, 'en');
    const input = toExtractiveInput(doc);
    const target = input.sentences.findIndex((s) => s.text.startsWith('NAVER Cloud said'));
    const start = input.sentences[target]!.start;
    const weights = { ...ctx.config.summarise.weights, entity: 3 };
    const opts = { count: 3, redundancy: 0.5, weights };
    const before = extractSentences(input, opts).picked;
    expect(before).not.toContain(target);
    const withEntity = extractSentences(
      {
        ...input,
        entities: [
          { canonical: 'NAVER Cloud', type: 'ORG', surface: ['NAVER Cloud'], mentions: [{ start, end: start + 11 }], wikidata: null, salience: 1 },
        ],
      },
      opts,
    ).picked;
    expect(withEntity).toContain(target);
  });

  it('an empty body gives an empty summary rather than an error', () => {
    const r = extractSentences({ lang: 'ja', title: '', sentences: [], entities: [], figures: [] }, { count: 4, redundancy: 0.5, weights: ctx.config.summarise.weights });
    expect(r.picked).toEqual([]);
  });
});

describe('pickKeyFigures', () => {
  const text = 'HyundaiとNVIDIAは約30億ドルを共同投資する。政府は最大5万台のGPUを配備する。2025年10月31日に発表した。Hyundai and NVIDIA will invest about $3 billion.';
  const fig = (t: string, kind: Figure['kind'], value: number, unit: string | null): Figure => {
    const start = text.indexOf(t);
    return { text: t, kind, value, low: null, high: null, unit, qualifier: 'exact', start, end: start + t.length, counted: null, iso: null, change: null };
  };
  const figures = [
    fig('2025年10月31日', 'date', 20251031, null),
    fig('5万台', 'count', 50000, '台'),
    fig('約30億ドル', 'money', 3e9, 'USD'),
    fig('$3 billion', 'money', 3e9, 'USD'),
  ];

  it('puts money and counts before dates and lists the same amount once', () => {
    const picked = pickKeyFigures(figures, [{ start: 0, end: text.length }], 5, text.length);
    expect(picked[0]).toBe(2);
    expect(picked).toContain(1);
    expect(picked).not.toContain(3);
    // A date is context, not a takeaway, once there is an amount to show.
    expect(picked).not.toContain(0);
  });

  it('falls back to a date when the text states nothing else', () => {
    expect(pickKeyFigures([figures[0]!], [], 5, text.length)).toEqual([0]);
  });

  it('leads with the amount the headline states and demotes vague orders of magnitude', () => {
    const t = '政府は数兆ウォンを投じる。5万台をSamsungに回し、NVIDIAは合計26万台のGPUを供給する。';
    const at = (x: string) => t.indexOf(x);
    const figs: Figure[] = [
      { ...fig('5万台', 'count', 50000, '台'), text: '数兆ウォン', kind: 'money', value: null, low: 1e12, high: 9e12, unit: 'KRW', qualifier: 'approx', start: at('数兆ウォン'), end: at('数兆ウォン') + 5 },
      { ...fig('5万台', 'count', 50000, '台'), start: at('5万台'), end: at('5万台') + 3 },
      { ...fig('5万台', 'count', 260000, '台'), text: '26万台', start: at('26万台'), end: at('26万台') + 4 },
    ];
    const picked = pickKeyFigures(figs, [], 3, t.length, [260000]);
    expect(picked[0]).toBe(2);
    expect(picked[picked.length - 1]).toBe(0);
  });

  it('respects the limit', () => {
    expect(pickKeyFigures(figures, [], 1, text.length)).toEqual([2]);
  });
});
