/**
 * Within-document dedupe on realistic debris: seed 004 (Japanese, repeated
 * sections between `---END---` markers), and Korean and English documents
 * with the same faults. The two invariants of docs/dedupe.md are checked by
 * brute force, independently of the index the stage uses.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext, type StageContext } from '../context.js';
import { extract } from '../extract/index.js';
import { createLogger } from '../log.js';
import { normalise } from '../normalise/index.js';
import type { Cleaned, RawDocument, Tokenized } from '../records.js';
import { tokenize } from '../tokenize/index.js';
import { dedupe } from './index.js';
import { containment, fingerprint, jaccard, missingFacts } from './within/shingles.js';

const here = dirname(fileURLToPath(import.meta.url));
const ctx: StageContext = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
const cfg = ctx.config.dedupe;

function raw(body: string, uri: string, format: RawDocument['format'] = 'text'): RawDocument {
  return {
    source: { kind: 'file', uri },
    format,
    body,
    langHint: null,
    meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl: null, guid: null },
    fetchedAt: '2025-11-01T00:00:00Z',
  };
}

async function tokenized(body: string, uri: string, format: RawDocument['format'] = 'text'): Promise<Tokenized> {
  const e = extract(raw(body, uri, format), ctx);
  if (e.kind !== 'ok') throw new Error(`extract skipped ${uri}: ${e.detail}`);
  const n = normalise(e.value, ctx);
  if (n.kind !== 'ok') throw new Error(`normalise skipped ${uri}: ${n.detail}`);
  const t = await tokenize(n.value, ctx);
  if (t.kind !== 'ok') throw new Error(`tokenize skipped ${uri}`);
  return t.value;
}

async function run(t: Tokenized): Promise<Cleaned> {
  const out = await dedupe(t, ctx);
  if (out.kind !== 'ok') throw new Error(`dedupe skipped: ${out.detail}`);
  return out.value;
}

const fp = (s: { norm: string; text: string }) => fingerprint(s.norm, cfg, s.text);
const long = (s: { norm: string; text: string }) => fp(s).bare.length >= cfg.minSentenceChars;

/** Every sentence of the source is kept, is part of kept text, or has a kept near-equal or holder. */
function lostSentences(t: Tokenized, c: Cleaned): string[] {
  const keptBare = c.sentences.map((s) => fp(s).bare).join('');
  const kept = c.sentences.map(fp);
  const lost: string[] = [];
  for (const b of t.blocks) {
    for (const s of b.sentences) {
      const f = fp(s);
      if (/^[-=*_~#\s]*(END|EOF)?[-=*_~#\s]*$/i.test(s.text)) continue; // separators
      if (f.bare.length === 0 || keptBare.includes(f.bare)) continue;
      const twin = kept.some((k) => jaccard(f.shingles, k.shingles) >= cfg.sentenceNear || containment(f.shingles, k.shingles) >= cfg.contained);
      if (!twin) lost.push(`¶${b.index}: ${s.text}`);
    }
  }
  return lost;
}

/** Pairs of kept sentences that are near-equal (same facts, similar shingles): there must be none. */
function nearEqualPairs(c: Cleaned): string[] {
  const kept = c.sentences.filter(long).map((s) => ({ s, f: fp(s) }));
  const pairs: string[] = [];
  for (let i = 0; i < kept.length; i++) {
    for (let j = i + 1; j < kept.length; j++) {
      const a = kept[i]!;
      const b = kept[j]!;
      if (a.f.bare === b.f.bare) pairs.push(`exact: ${a.s.text}`);
      else if (jaccard(a.f.shingles, b.f.shingles) >= cfg.sentenceNear && missingFacts(b.f, [a.f]).length === 0 && missingFacts(a.f, [b.f]).length === 0)
        pairs.push(`${a.s.text} ‖ ${b.s.text}`);
    }
  }
  return pairs;
}

function checkRecord(c: Cleaned): void {
  const keptIndexes = new Set(c.paragraphs.map((p) => p.index));
  for (const d of c.dropped) {
    expect(d.text.length).toBeGreaterThan(0);
    if (d.reason === 'marker' || d.reason === 'boilerplate') continue;
    // Every non-marker drop names the kept paragraph that holds its copy.
    if (d.detail === 'repeats the title') continue;
    expect(d.of, JSON.stringify(d)).not.toBeNull();
    expect(keptIndexes.has(d.of!), `of=${d.of} is not a kept paragraph: ${JSON.stringify(d)}`).toBe(true);
    if (d.reason !== 'fragment-merged') expect(d.similarity).not.toBeNull();
  }
  for (const p of c.paragraphs) expect(c.text.slice(p.start, p.end)).toBe(p.text);
  for (const s of c.sentences) expect(c.text.slice(s.start, s.end)).toBe(s.text);
  for (const t of c.tokens) expect(c.text.slice(t.start, t.end)).toBe(t.surface);
}

describe('dedupe on seed 004 (Japanese, repeated sections between markers)', () => {
  let t: Tokenized;
  let c: Cleaned;
  beforeAll(async () => {
    t = await tokenized(readFileSync(join(here, 'testdata/004_7595e8c5fc868f83.txt'), 'utf8'), '004.txt');
    c = await run(t);
  });

  it('leaves no separator marker in the text and records each one', () => {
    expect(c.text).not.toContain('---END---');
    expect(c.text).not.toMatch(/END---|---END/);
    const markers = c.dropped.filter((d) => d.reason === 'marker');
    expect(markers).toHaveLength(t.blocks.filter((b) => b.text === '---END---').length);
  });

  it('stitches both cut sentences into one sentence each, once', () => {
    const one = 'アジア全体のAIエコシステムに、構造的な変革をもたらす可能性を秘めている。';
    const two = 'そしてAIを悪用した新たなサイバー攻撃への防御まで、多層的で包括的な防御策が不可欠となる。';
    for (const s of [one, two]) {
      expect(c.text.split(s)).toHaveLength(2);
      expect(c.sentences.some((x) => x.text.endsWith(s))).toBe(true);
    }
    expect(c.text).not.toMatch(/可能性を秘\s*$|可能性を秘\n/m);
    expect(c.text).not.toContain('...多層的で');
    expect(c.text).toContain('優位に立っている。日本はどうだろう？');
    const merged = c.dropped.filter((d) => d.reason === 'fragment-merged');
    expect(merged.map((d) => d.text)).toEqual(['日本はどうだろう？', 'めている。', '...多層的で包括的な防御策が不可欠となる。']);
  });

  it('drops the flattened one-line copy of the opening as contained', () => {
    const flat = t.blocks.find((b) => b.text.length > 2000)!;
    const d = c.dropped.find((x) => x.index === flat.index)!;
    expect(d).toMatchObject({ reason: 'contained', of: 0, similarity: 1, sentence: null });
  });

  it('drops verbatim repeats of paragraphs and headings with the index of the first copy', () => {
    const heading = t.blocks.filter((b) => b.text === 'アジア市場への長期的な影響と、その先にある未来');
    expect(heading.length).toBe(3);
    for (const h of heading.slice(1)) expect(c.dropped).toContainEqual(expect.objectContaining({ index: h.index, reason: 'exact-duplicate', of: heading[0]!.index, similarity: 1 }));
    expect(c.paragraphs.filter((p) => p.text === 'アジア市場への長期的な影響と、その先にある未来')).toHaveLength(1);
  });

  it('keeps the new sentences a later near-copy of a paragraph adds', () => {
    for (const s of [
      '例えば、ベトナムの活気あるスタートアップシーンや',
      'グリーンボンドやサステナブルファイナンスといった新たな金融手法が',
      'あなたも感じているかもしれませんが、',
      '私たちがこの変化の波に乗り遅れないためには、',
    ])
      expect(c.text.split(s)).toHaveLength(2);
  });

  it('keeps the extended form of a sentence once, in the place of the first copy', () => {
    const extended = '韓国は国際的なベストプラクティスを参考にしつつ';
    expect(c.text.split('EUのGDPRのような厳格な規制と')).toHaveLength(2);
    const p = c.paragraphs.find((x) => x.text.includes(extended))!;
    expect(p.text.startsWith('規制環境の柔軟性も重要だ。')).toBe(true);
  });

  it('never loses a sentence and keeps no two near-equal sentences', () => {
    expect(lostSentences(t, c)).toEqual([]);
    expect(nearEqualPairs(c)).toEqual([]);
  });

  it('records every drop with a reason, a kept paragraph and a similarity; offsets index the text', () => {
    checkRecord(c);
    expect(c.text.length).toBeLessThan(t.blocks.reduce((n, b) => n + b.text.length, 0) * 0.65);
  });
});

describe('dedupe on Korean and English debris', () => {
  it('Korean: stitches across the marker with a repeated overlap, drops the copies, keeps additions', async () => {
    const t = await tokenized(readFileSync(join(here, 'testdata/ko-debris.md'), 'utf8'), 'ko-debris.md', 'markdown');
    const c = await run(t);
    expect(t.lang).toBe('ko');
    expect(c.text).toContain('업계에서는 내년 HBM4 경쟁이 본격화할 것으로 보고 있다.');
    expect(c.text).not.toContain('END');
    expect(c.text.split('반도체 수출이 다시 기록을 갈아치우고 있다.')).toHaveLength(2);
    expect(c.text.split('다만 중국의 추격과 미국의 수출 규제는 여전히 변수다.')).toHaveLength(2);
    // The reworded sentence (spacing and two words) goes; the new forecast stays.
    expect(c.dropped).toContainEqual(expect.objectContaining({ text: '회사 측은 HBM 판매량이 직전 분기보다 크게 늘었다고 설명했다.', reason: 'near-duplicate', sentence: 1 }));
    expect(c.text).toContain('증권가에서는 4분기에도 HBM 출하량이 30% 이상 늘어날 것으로 내다본다.');
    expect(c.text).toContain('업계 관계자는 "HBM 수요는 2027년까지 공급을 웃돌 것"이라고 말했다.');
    expect(c.dropped.filter((d) => d.reason === 'marker').map((d) => d.detail)).toContain('separator glued to the text');
    expect(lostSentences(t, c)).toEqual([]);
    expect(nearEqualPairs(c)).toEqual([]);
    checkRecord(c);
  });

  it('English: stitches "worth more than" across the marker, keeps the extended sentence once, keeps changed figures', async () => {
    const t = await tokenized(readFileSync(join(here, 'testdata/en-debris.txt'), 'utf8'), 'en-debris.txt');
    const c = await run(t);
    expect(t.lang).toBe('en');
    expect(c.text).toContain('Analysts said the order could be worth more than $10 billion at list prices, although neither side gave a figure.');
    expect(c.text).not.toContain('END');
    expect(c.text).not.toContain('...worth');
    expect(c.text.split('high-bandwidth memory for the processors')).toHaveLength(2);
    expect(c.text).toContain('SK Hynix supplies the high-bandwidth memory for the processors, and its shares rose 4% in Seoul on the news.');
    // "over ... said Friday" is a light edit of the opening sentence with the same figure: dropped as near-duplicate of ¶0.
    expect(c.dropped).toContainEqual(expect.objectContaining({ reason: 'near-duplicate', of: 0, text: expect.stringContaining('Nvidia will supply over 260,000') }));
    expect(lostSentences(t, c)).toEqual([]);
    expect(nearEqualPairs(c)).toEqual([]);
    checkRecord(c);
  });

  it('English: a sentence that differs only in a figure is a fact of its own and stays', async () => {
    const body = [
      'Samsung profit beats forecasts',
      '',
      'Samsung Electronics said its third-quarter operating profit rose to 12.1 trillion won, beating forecasts.',
      '',
      'The memory division led the gains as prices for server chips climbed.',
      '',
      'Samsung Electronics said its third-quarter operating profit rose to 12.2 trillion won, beating forecasts.',
    ].join('\n');
    const c = await run(await tokenized(body, 'figures.txt'));
    expect(c.text).toContain('12.1 trillion');
    expect(c.text).toContain('12.2 trillion');
  });
});

describe('dedupe of cut sentences picked up late', () => {
  it('Korean: a restart opening with the title does not continue the cut; a later "..." with an overlap does', async () => {
    const body = [
      '---',
      'title: "HBM이 끌고 D램이 민다"',
      '---',
      '',
      '반도체 수출이 다시 기록을 갈아치우고 있다. 9월 반도체 수출액은 166억 달러로 역대 최대다.',
      '',
      '삼성전자가 HBM4로 엔비디아 공급망에 진입하면서 SK하이닉스가 독주하던 시장의 경쟁 구도는 한층 다층적',
      '',
      '---END---',
      '',
      'HBM이 끌고 D램이 민다 반도체 수출이 다시 기록을 갈아치우고 있다. 9월 반도체 수출액은 166억 달러로 역대 최대다.',
      '',
      'SK하이닉스는 내년 HBM 물량 협의를 주요 고객과 모두 끝냈다고 밝혔다.',
      '',
      '---END---',
      '',
      '...다층적으로 바뀔 전망이다. 고객사는 공급선을 다변화할 수 있게 된다.',
    ].join('\n');
    const t = await tokenized(body, 'ko-late.md', 'markdown');
    const c = await run(t);
    expect(c.text).toContain('경쟁 구도는 한층 다층적으로 바뀔 전망이다. 고객사는 공급선을 다변화할 수 있게 된다.');
    expect(c.text).not.toContain('다층적 HBM');
    expect(c.text).toContain('SK하이닉스는 내년 HBM 물량 협의를 주요 고객과 모두 끝냈다고 밝혔다.');
    expect(c.text.split('반도체 수출이 다시 기록을 갈아치우고 있다.')).toHaveLength(2);
    expect(lostSentences(t, c)).toEqual([]);
    checkRecord(c);
  });

  it('English and Korean: a word cut in half is joined without a space', async () => {
    const en = await run(
      await tokenized(
        '---\ntitle: Memory upswing\n---\n\nAnalysts warn that spending could slow if returns on AI investment disappoi\n\n---END---\n\nnt. A pause of two quarters would hurt.\n',
        'en-cut.md',
        'markdown',
      ),
    );
    expect(en.text).toContain('if returns on AI investment disappoint. A pause of two quarters would hurt.');
    const ko = await run(await tokenized('---\ntitle: 메모리 전망\n---\n\n실적 변동성이 커질 수 있다는 점은 부담으로 남\n\n---END---\n\n는다. 특히 내년 하반기가 문제다.\n', 'ko-cut.md', 'markdown'));
    expect(ko.text).toContain('부담으로 남는다. 특히 내년 하반기가 문제다.');
  });
});

describe('dedupe on bad input', () => {
  it('a document of markers only is a skip, not a crash', async () => {
    const t = await tokenized('Title line\n\n---END---\n\n---END---\n\n***\n', 'markers.txt');
    const only = { ...t, blocks: t.blocks.filter((b) => /^[-*]/.test(b.text)) };
    const out = await dedupe(only, ctx);
    expect(out.kind).toBe('skip');
  });

  it('10,000 identical lines keep one and record 9,999 exact duplicates', async () => {
    const line = 'SK하이닉스는 HBM 공급을 늘린다고 밝혔다.';
    const t = await tokenized(`제목\n\n${Array.from({ length: 10_000 }, () => line).join('\n')}\n`, 'same.txt');
    const c = await run(t);
    expect(c.text).toBe(line);
    expect(c.dropped.filter((d) => d.reason === 'exact-duplicate')).toHaveLength(t.blocks.length - 1);
  });

  it('one giant paragraph with inner repeats keeps each sentence once', async () => {
    const a = 'Nvidia will ship 260,000 GPUs to Korea this year.';
    const b = '韓国政府はAIインフラへの投資を拡大すると発表した。';
    const k = '삼성전자는 AI 메가팩토리를 짓는다고 밝혔다.';
    const para = Array.from({ length: 400 }, (_, i) => `${a} ${b} ${k} Item ${i} is unique here.`).join(' ');
    const t = await tokenized(`Title\n\n${para}\n`, 'giant.txt');
    const c = await run(t);
    for (const s of [a, b, k]) expect(c.text.split(s)).toHaveLength(2);
    expect(c.text).toContain('Item 0 is unique here.');
    expect(c.text).toContain('Item 399 is unique here.');
  });

  it('alternating scripts and empty sentences do not crash and keep distinct lines', async () => {
    const lines = ['Samsung beat estimates.', '삼성전자가 예상을 웃돌았다.', 'サムスンが予想を上回った。', '…', '!!!', '。', 'Samsung beat estimates.'];
    const t = await tokenized(`Title\n\n${lines.join('\n\n')}\n`, 'mixed.txt');
    const c = await run(t);
    expect(c.text.split('Samsung beat estimates.')).toHaveLength(2);
    expect(c.text).toContain('삼성전자가 예상을 웃돌았다.');
    expect(c.text).toContain('サムスンが予想を上回った。');
    checkRecord(c);
  });
});
