/**
 * One contract, two stores: everything here runs against a real SQLite file
 * and a real PostgreSQL schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import type { Analysis } from '../src/records.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';
import { STORES, type TestStore } from './support/stores.js';

let analyses: Analysis[] = [];
beforeAll(async () => {
  const ctx = fixtureContext();
  const wanted = ['en-blackrock-korea-ai-hub', 'ko-nvidia-apec-gpu', 'ja-allforces-blackrock-korea-ai-hub'];
  analyses = await Promise.all(listFixtures().filter((f) => wanted.includes(f.slug)).map((f) => analyzeFixture(f, ctx)));
}, 60_000);

const none = { duplicateOf: null, similarity: null, clusterId: null };

for (const [name, open] of STORES) {
  describe(`store contract: ${name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('stores an article once: the same content again is unchanged, never a second row', async () => {
      const [en] = analyses;
      expect(await t.store.saveArticle(en!, none, new Date('2025-09-23T10:00:00Z'))).toBe('stored');
      expect(await t.store.saveArticle(en!, none, new Date('2025-09-24T10:00:00Z'))).toBe('unchanged');
      const rows = await t.store.listArticles();
      expect(rows.filter((r) => r.id === en!.id)).toHaveLength(1);
      expect(rows[0]!.ingestedAt).toBe('2025-09-23T10:00:00.000Z');
    });

    it('updates a re-analysed article in place and keeps its links', async () => {
      const [en] = analyses;
      const changed = { ...en!, summary: { ...en!.summary, headline: 'A revised headline' } };
      expect(await t.store.saveArticle(changed, none, new Date())).toBe('updated');
      expect((await t.store.getArticle(en!.id))!.analysis.summary.headline).toBe('A revised headline');
    });

    it('round-trips the Analysis record exactly, in all three languages', async () => {
      for (const a of analyses.slice(1)) await t.store.saveArticle(a, { duplicateOf: null, similarity: null, clusterId: 'c1' }, new Date());
      for (const a of analyses.slice(1)) expect((await t.store.getArticle(a.id))!.analysis).toEqual(a);
      expect(await t.store.getArticle('0000000000000000')).toBeNull();
    });

    it('lists by time window and language, newest first', async () => {
      const all = await t.store.listArticles();
      expect(all.map((r) => r.lang).sort()).toEqual(['en', 'ja', 'ko']);
      const ko = await t.store.listArticles({ lang: 'ko' });
      expect(ko.map((r) => r.lang)).toEqual(['ko']);
      const sept = await t.store.listArticles({ from: '2025-09-01T00:00:00Z', to: '2025-10-01T00:00:00Z' });
      expect(sept.every((r) => (r.publishedAt ?? r.ingestedAt) < '2025-10-01')).toBe(true);
      expect(sept.length).toBeGreaterThan(0);
    });

    it('links a duplicate to its original without deleting it', async () => {
      const [, ko] = analyses;
      const copy = { ...ko!, id: 'ffffffffffffffff', source: { kind: 'url' as const, uri: 'https://example.com/copy' } };
      await t.store.saveArticle(copy, { duplicateOf: ko!.id, similarity: 0.93, clusterId: 'c1' }, new Date());
      expect(await t.store.getArticle(copy.id)).toMatchObject({ duplicateOf: ko!.id, similarity: 0.93 });
      expect((await t.store.listArticles({ originalsOnly: true })).some((r) => r.id === copy.id)).toBe(false);
    });

    it('records failures with their stage, code and reason, and skips with their reason, apart', async () => {
      await t.store.recordFailure({ kind: 'error', input: 'feeds/broken.xml', at: '2025-10-01T00:00:00.000Z', error: { stage: 'fetch', code: 'not_a_feed', message: 'fetch: feeds/broken.xml: not a feed', retryable: false } });
      await t.store.recordFailure({ kind: 'skip', input: 'fr/accord.txt', at: '2025-10-01T00:00:01.000Z', skip: { stage: 'normalise', reason: 'unsupported-language', detail: 'French is not handled' } });
      expect(await t.store.listFailures()).toEqual([
        { kind: 'skip', input: 'fr/accord.txt', at: '2025-10-01T00:00:01.000Z', skip: { stage: 'normalise', reason: 'unsupported-language', detail: 'French is not handled' } },
        { kind: 'error', input: 'feeds/broken.xml', at: '2025-10-01T00:00:00.000Z', error: { stage: 'fetch', code: 'not_a_feed', message: 'fetch: feeds/broken.xml: not a feed', retryable: false } },
      ]);
    });

    it('migrates once: opening the same store again keeps its data', async () => {
      const again = await openStore(t.url, t.schema ? { schema: t.schema } : {});
      try {
        expect((await again.listArticles()).length).toBe((await t.store.listArticles()).length);
      } finally {
        await again.close();
      }
    });
  });
}
