import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../config/schema.js';
import { createContext } from '../context.js';
import { prepare } from '../pipeline.js';
import { Enriched, type Entity, type Figure, type RawDocument } from '../records.js';
import { enrich } from './index.js';

const ctx = createContext(Config.parse({ logLevel: 'silent' }));

function raw(name: string): RawDocument {
  const path = fileURLToPath(new URL(`./testdata/${name}`, import.meta.url));
  return {
    source: { kind: 'file', uri: path },
    format: 'text',
    body: readFileSync(path, 'utf8'),
    langHint: null,
    meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl: null, guid: null },
    fetchedAt: '2025-11-01T00:00:00.000Z',
  };
}

async function run(name: string): Promise<Enriched> {
  const cleaned = await prepare(raw(name), ctx);
  if (cleaned.kind !== 'ok') throw new Error(`prepare skipped ${name}: ${cleaned.reason}`);
  const out = await enrich(cleaned.value, ctx);
  if (out.kind !== 'ok') throw new Error(`enrich skipped ${name}`);
  return Enriched.parse(out.value);
}

const figs = (e: Enriched, text: string): Figure[] => e.figures.filter((f) => f.text === text);
function one(e: Enriched, text: string): Figure {
  const found = figs(e, text);
  if (!found.length) throw new Error(`no figure "${text}" in ${JSON.stringify(e.figures.map((f) => f.text))}`);
  return found[0]!;
}
function entity(e: Enriched, canonical: string): Entity {
  const x = e.entities.find((en) => en.canonical === canonical);
  if (!x) throw new Error(`no entity ${canonical} in ${JSON.stringify(e.entities.map((en) => en.canonical))}`);
  return x;
}
function exact(e: Enriched) {
  for (const f of e.figures) expect(e.text.slice(f.start, f.end)).toBe(f.text);
  for (const en of e.entities) for (const m of en.mentions) expect(en.surface).toContain(e.text.slice(m.start, m.end));
  for (const f of e.figures) if (f.change) expect(e.figures[f.change.other]!.change?.other).toBe(e.figures.indexOf(f));
}

describe('enrich on the Japanese seed article (innovaTopia, NVIDIA × Korea)', () => {
  let e: Enriched;
  beforeAll(async () => {
    e = await run('ja-innovatopia-nvidia-korea.txt');
  }, 120_000);

  it('indexes every offset into the cleaned text', () => exact(e));

  it('finds the money figures', () => {
    expect(one(e, '約30億ドル')).toMatchObject({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx' });
    expect(one(e, '1.5兆ドル')).toMatchObject({ kind: 'money', value: 1.5e12, unit: 'USD' });
    expect(one(e, '200億ドル以上')).toMatchObject({ value: 2e10, unit: 'USD', qualifier: 'atLeast' });
    expect(one(e, '78億ドルから105億ドル')).toMatchObject({ kind: 'money', low: 7.8e9, high: 1.05e10, unit: 'USD', qualifier: 'range' });
  });

  it('finds the counts, percents and ratios', () => {
    expect(one(e, '260,000台以上')).toMatchObject({ kind: 'count', value: 260000, unit: '台', qualifier: 'atLeast' });
    expect(one(e, '最大50,000台')).toMatchObject({ value: 50000, qualifier: 'atMost' });
    expect(one(e, '208億個')).toMatchObject({ value: 2.08e10 });
    expect(one(e, '20-25%')).toMatchObject({ kind: 'percent', low: 20, high: 25, qualifier: 'range' });
    expect(one(e, '30倍')).toMatchObject({ kind: 'ratio', value: 30 });
    expect(one(e, '25倍')).toMatchObject({ kind: 'ratio', value: 25 });
    expect(figs(e, '50,000台以上').some((f) => f.counted === 'GPU')).toBe(true);
  });

  it('links 95%から0% as a from→to change', () => {
    const from = figs(e, '95%').find((f) => f.change?.role === 'from');
    expect(from).toBeDefined();
    expect(e.figures[from!.change!.other]).toMatchObject({ text: '0%', value: 0, change: { role: 'to' } });
  });

  it('finds the entities with canonical names', () => {
    for (const name of ['NVIDIA', 'Samsung', 'SK Group', 'Hyundai Motor Group', 'NAVER Cloud']) expect(entity(e, name).type).toBe('ORG');
    expect(entity(e, 'Hyundai Motor Group').surface).toContain('Hyundai');
    expect(entity(e, 'South Korea')).toMatchObject({ type: 'PLACE', wikidata: 'Q884' });
    expect(entity(e, 'South Korea').surface).toContain('韓国');
    expect(entity(e, 'Gyeongju').surface).toContain('慶州');
    expect(e.entities[0]!.salience).toBe(1);
    expect(e.entities.slice(0, 3).map((x) => x.canonical)).toEqual(expect.arrayContaining(['NVIDIA', 'South Korea']));
  });
});

describe('enrich on a Korean article', () => {
  let e: Enriched;
  beforeAll(async () => {
    e = await run('ko-nvidia-korea-gpus.txt');
  }, 60_000);

  it('indexes every offset into the cleaned text', () => exact(e));

  it('finds the figures', () => {
    expect(e.lang).toBe('ko');
    expect(one(e, '9조 1,834억 원')).toMatchObject({ kind: 'money', value: 9183400000000, unit: 'KRW' });
    expect(one(e, '1만 5천 명')).toMatchObject({ kind: 'count', value: 15000, unit: '명' });
    expect(one(e, '26만 대')).toMatchObject({ kind: 'count', value: 260000, unit: '대' });
    expect(one(e, '약 30억 달러')).toMatchObject({ value: 3e9, unit: 'USD', qualifier: 'approx' });
    expect(one(e, '최대 5만 대')).toMatchObject({ value: 50000, qualifier: 'atMost', counted: 'GPU' });
    expect(one(e, '78억 달러에서 105억 달러')).toMatchObject({ low: 7.8e9, high: 1.05e10, qualifier: 'range' });
    expect(one(e, '20~25%')).toMatchObject({ low: 20, high: 25 });
    expect(one(e, '95%').change?.role).toBe('from');
    expect(one(e, '2025년 10월 31일')).toMatchObject({ kind: 'date', iso: '2025-10-31' });
  });

  it('finds the entities', () => {
    expect(entity(e, 'NVIDIA').surface).toEqual(['엔비디아']);
    expect(entity(e, 'Samsung Electronics').surface).toEqual(['삼성전자']);
    for (const name of ['SK Group', 'Hyundai Motor Group', 'NAVER Cloud', 'Ministry of Science and ICT']) expect(entity(e, name).type).toBe('ORG');
    expect(entity(e, 'Gyeongju').surface).toEqual(['경주']);
    expect(entity(e, 'Jensen Huang').type).toBe('PERSON');
    expect(entity(e, 'Lee Jae-myung').type).toBe('PERSON');
    expect(e.entities[0]!.canonical).toBe('NVIDIA');
  });
});

describe('enrich on an English article', () => {
  let e: Enriched;
  beforeAll(async () => {
    e = await run('en-nvidia-korea-gpus.txt');
  }, 60_000);

  it('indexes every offset into the cleaned text', () => exact(e));

  it('finds the figures', () => {
    expect(e.lang).toBe('en');
    expect(one(e, 'about $3 billion')).toMatchObject({ kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx' });
    expect(one(e, '$7.8bn and $10.5bn')).toMatchObject({ low: 7.8e9, high: 1.05e10, unit: 'USD', qualifier: 'range' });
    expect(one(e, 'more than 260,000')).toMatchObject({ kind: 'count', value: 260000, qualifier: 'atLeast' });
    expect(one(e, 'up to 50,000')).toMatchObject({ value: 50000, qualifier: 'atMost', counted: 'GPUs' });
    expect(one(e, '$1.5 trillion')).toMatchObject({ value: 1.5e12 });
    expect(one(e, '20-25%')).toMatchObject({ low: 20, high: 25 });
    const from = one(e, 'about 65,000');
    expect(from.change?.role).toBe('from');
    expect(e.figures[from.change!.other]).toMatchObject({ text: 'over 300,000', qualifier: 'atLeast' });
    expect(one(e, '95%').change?.role).toBe('from');
  });

  it('finds the entities', () => {
    expect(entity(e, 'NVIDIA').surface).toEqual(['Nvidia']);
    expect(entity(e, 'Jensen Huang').surface).toEqual(['Jensen Huang', 'Huang']);
    expect(entity(e, 'Gyeongju').type).toBe('PLACE');
    for (const name of ['Samsung Electronics', 'SK Group', 'NAVER Cloud', 'Ministry of Science and ICT']) expect(entity(e, name).type).toBe('ORG');
    expect(entity(e, 'Lee Jae-myung').type).toBe('PERSON');
  });
});
