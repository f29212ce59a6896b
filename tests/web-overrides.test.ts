/**
 * Review overrides through the real pipeline and the real stores: a span a
 * reviewer kept goes back into the cleaned text, in its paragraph, with every
 * offset still true (ja, ko, en; whole paragraphs and single sentences); the
 * overrides table works the same on SQLite and PostgreSQL; a rejected
 * duplicate link is cleared and stays cleared.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDocument } from '../src/fetch/index.js';
import { analyzeDocument } from '../src/pipeline.js';
import type { Analysis, Dropped, RawDocument } from '../src/records.js';
import { ingestDocument } from '../src/pipeline.js';
import { addOverride, applyLinkOverrides, listOverrides, overridesFor, removeOverride, type ReviewOverride } from '../src/review/overrides.js';
import { fixtureContext, ROOT } from './support/fixtures.js';
import { STORES, type TestStore } from './support/stores.js';

const ctx = fixtureContext();
const DOCS = {
  ja: join(ROOT, 'fixtures/articles/ja-allforces-blackrock-korea-ai-hub/source.txt'),
  ko: join(ROOT, 'src/dedupe/testdata/ko-debris.md'),
  en: join(ROOT, 'src/dedupe/testdata/en-debris.txt'),
} as const;
type L = keyof typeof DOCS;
const raw = new Map<L, RawDocument>();
const plain = new Map<L, Analysis>();

beforeAll(async () => {
  for (const lang of Object.keys(DOCS) as L[]) {
    const doc = await acquireDocument({ kind: 'file', path: DOCS[lang] }, ctx);
    raw.set(lang, doc!);
    const out = await analyzeDocument(doc!, ctx);
    if (out.kind !== 'ok') throw new Error(`${lang}: ${out.reason}`);
    plain.set(lang, out.value);
  }
}, 120_000);

const keep = (a: Analysis, d: Dropped, text = d.text): ReviewOverride => ({
  id: `o-${d.index}-${d.sentence}`, articleId: a.id, kind: 'keep', index: d.index, sentence: d.sentence, reason: d.reason, text,
  otherId: null, similarity: null, note: null, createdAt: '2026-01-01T00:00:00.000Z',
});
const squash = (s: string) => s.replace(/\s+/g, '');

function offsetsHold(a: Analysis): void {
  for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end)).toBe(p.text);
  for (const f of a.figures) expect(a.text.slice(f.start, f.end)).toBe(f.text);
  for (const e of a.entities) for (const m of e.mentions) expect(m.end).toBeLessThanOrEqual(a.text.length);
}

describe('re-applying "keep" overrides on re-analysis', () => {
  const cases: Array<[L, 'paragraph' | 'sentence', (d: Dropped) => boolean]> = [
    ['ja', 'paragraph', (d) => d.reason === 'contained' && d.sentence === null],
    ['ja', 'sentence', (d) => d.reason === 'near-duplicate' && d.sentence !== null && (d.similarity ?? 1) < 1],
    ['ko', 'paragraph', (d) => d.reason === 'contained' && d.sentence === null],
    ['ko', 'sentence', (d) => d.reason === 'near-duplicate' && d.sentence !== null],
    ['en', 'paragraph', (d) => d.reason === 'near-duplicate' && d.sentence === null],
    ['en', 'sentence', (d) => d.reason === 'near-duplicate' && d.sentence !== null],
  ];
  for (const [lang, what, pick] of cases)
    it(`${lang}: puts a dropped ${what} back in its place, with every offset still true`, async () => {
      const a = plain.get(lang)!;
      const drop = a.dropped.find(pick)!;
      expect(drop).toBeDefined();
      const out = await analyzeDocument(raw.get(lang)!, ctx, { keep: [keep(a, drop)] });
      expect(out.kind).toBe('ok');
      if (out.kind !== 'ok') return;
      const b = out.value;
      expect(b.id).toBe(a.id);
      expect(b.dropped).toHaveLength(a.dropped.length - 1);
      expect(b.dropped.some((d) => d.index === drop.index && d.sentence === drop.sentence)).toBe(false);
      const para = b.paragraphs.find((p) => p.index === drop.index)!;
      expect(squash(para.text)).toContain(squash(drop.text));
      // Paragraphs stay in the original block order.
      expect(b.paragraphs.map((p) => p.index)).toEqual([...b.paragraphs.map((p) => p.index)].sort((x, y) => x - y));
      if (what === 'sentence') {
        // The kept sentences of that paragraph are still there, the restored one among them.
        const before = a.paragraphs.find((p) => p.index === drop.index);
        if (before) expect(squash(para.text)).toContain(squash(before.text).slice(0, 10));
      }
      offsetsHold(b);
    });

  it('ignores an override whose span no longer says what the reviewer saw', async () => {
    const a = plain.get('en')!;
    const drop = a.dropped.find((d) => d.reason === 'near-duplicate' && d.sentence === null)!;
    const out = await analyzeDocument(raw.get('en')!, ctx, { keep: [keep(a, drop, 'A different sentence altogether.')] });
    expect(out.kind === 'ok' && out.value).toEqual(a);
  });

  it('never restores a fragment that was joined to its sentence (its text is kept already)', async () => {
    const a = plain.get('ko')!;
    const drop = a.dropped.find((d) => d.reason === 'fragment-merged')!;
    const out = await analyzeDocument(raw.get('ko')!, ctx, { keep: [keep(a, drop)] });
    expect(out.kind === 'ok' && out.value.dropped).toEqual(a.dropped);
  });
});

describe.each(STORES)('the overrides table on %s', (_name, open) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => t?.cleanup());

  it('records a keep once, lists it, re-applies it at ingest, and forgets it on undo', async () => {
    const a = plain.get('ko')!;
    await t.store.saveArticle(a, { duplicateOf: null, similarity: null, clusterId: null }, new Date('2026-01-01T00:00:00Z'));
    const stored = (await t.store.getArticle(a.id))!;
    const drop = a.dropped.find((d) => d.reason === 'contained')!;
    const o = await addOverride(t.store, stored, { kind: 'keep', index: drop.index, sentence: null, note: '기사 요약이 아니라 다른 문단' }, new Date('2026-01-02T00:00:00Z'));
    const again = await addOverride(t.store, stored, { kind: 'keep', index: drop.index, sentence: null }, new Date('2026-01-03T00:00:00Z'));
    expect(again.id).toBe(o.id);
    expect(await overridesFor(t.store, a.id)).toEqual([o]);
    expect(o).toMatchObject({ kind: 'keep', index: drop.index, sentence: null, reason: 'contained', text: drop.text, note: '기사 요약이 아니라 다른 문단' });
    expect((await listOverrides(t.store)).map((x) => x.id)).toContain(o.id);

    // Ingest again (what the CLI, the workers and the reader's re-analysis do): the kept span comes back into the text, in one pass.
    expect(await ingestDocument(raw.get('ko')!, ctx, t.store)).toMatchObject({ status: 'duplicate', id: a.id });
    const applied = (await t.store.getArticle(a.id))!.analysis;
    expect(applied.dropped.some((d) => d.index === drop.index)).toBe(false);
    expect(applied.paragraphs.some((p) => p.index === drop.index)).toBe(true);

    expect((await removeOverride(t.store, o.id))?.id).toBe(o.id);
    expect(await overridesFor(t.store, a.id)).toEqual([]);
    await ingestDocument(raw.get('ko')!, ctx, t.store);
    expect((await t.store.getArticle(a.id))!.analysis).toEqual(a);
  });

  it('refuses a keep for a span that was not dropped', async () => {
    const a = plain.get('en')!;
    await t.store.saveArticle(a, { duplicateOf: null, similarity: null, clusterId: null }, new Date('2026-01-01T00:00:00Z'));
    await expect(addOverride(t.store, (await t.store.getArticle(a.id))!, { kind: 'keep', index: 0, sentence: null }, new Date())).rejects.toThrow(/no dropped span/);
  });

  it('clears a rejected duplicate link now, keeps the linker from making it again, and restores it on undo', async () => {
    const original = plain.get('en')!;
    const copy = plain.get('ja')!;
    await t.store.saveArticle(original, { duplicateOf: null, similarity: null, clusterId: 'c1' }, new Date('2026-01-01T00:00:00Z'));
    await t.store.saveArticle(copy, { duplicateOf: original.id, similarity: 0.91, clusterId: 'c1' }, new Date('2026-01-01T00:00:00Z'));
    const o = await addOverride(t.store, (await t.store.getArticle(copy.id))!, { kind: 'not-duplicate', other: original.id }, new Date('2026-01-02T00:00:00Z'));
    expect(await t.store.getArticle(copy.id)).toMatchObject({ duplicateOf: null, similarity: null, clusterId: 'c1' });
    const links = applyLinkOverrides({ duplicateOf: original.id, similarity: 0.91, clusterId: 'c1' }, await overridesFor(t.store, copy.id));
    expect(links).toEqual({ duplicateOf: null, similarity: null, clusterId: 'c1' });
    expect(applyLinkOverrides({ duplicateOf: 'someone-else', similarity: 0.9, clusterId: null }, [o])).toEqual({ duplicateOf: 'someone-else', similarity: 0.9, clusterId: null });
    await removeOverride(t.store, o.id);
    expect(await t.store.getArticle(copy.id)).toMatchObject({ duplicateOf: original.id, similarity: 0.91 });
  });
});
