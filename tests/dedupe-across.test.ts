/**
 * Dedupe across documents against real stores (SQLite file and PostgreSQL
 * schema): URL variants, lightly edited copies, syndicated copies, story
 * clusters across languages, and links that survive a second process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideLinks, linkDuplicates } from '../src/dedupe/across/index.js';
import type { DedupeTables } from '../src/dedupe/across/tables.js';
import { loadReviewLinks } from '../src/review/links.js';
import { renderReviewMarkdown } from '../src/review/index.js';
import { openStore } from '../src/store/index.js';
import type { Analysis } from '../src/records.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDocument } from '../src/fetch/local.js';
import { ingestDocument } from '../src/pipeline.js';
import { analyzeFixture, fixtureContext, FIXTURES, listFixtures } from './support/fixtures.js';
import { STORES, type TestStore } from './support/stores.js';

const ctx = fixtureContext();
const fx: Record<string, Analysis> = {};
beforeAll(async () => {
  const wanted = ['en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated', 'en-nvidia-korea-gpus-html', 'ko-nvidia-apec-gpu', 'ko-blackrock-ai-hub-html'];
  for (const f of listFixtures().filter((x) => wanted.includes(x.slug))) fx[f.slug] = await analyzeFixture(f, ctx);
}, 60_000);

/** A copy edited by hand: one sentence reworded, the last paragraph cut, another id (its content differs). */
function lightlyEdited(a: Analysis, id: string, url: string | null, cutFrom = -1): Analysis {
  const paras = a.text.split('\n\n');
  const text = paras
    .slice(0, cutFrom)
    .join('\n\n')
    .replace('have agreed to work together', 'agreed on Monday to work together');
  return { ...a, id, url, text };
}

for (const [name, open] of STORES) {
  describe(`dedupe across documents: ${name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await open();
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    async function ingest(a: Analysis) {
      const d = await decideLinks(a, t.store, ctx);
      await t.store.saveArticle(a, d, ctx.clock());
      return d;
    }

    it('stores one original and links a URL variant with tracking parameters and a lightly edited copy', async () => {
      const en = fx['en-blackrock-korea-ai-hub']!;
      const original = { ...en, url: 'https://www.pacificmarkets.example/business/blackrock-korea-ai-hub?utm_source=twitter&utm_medium=social' };
      const first = await ingest(original);
      expect(first).toMatchObject({ duplicateOf: null, via: null, clusterId: en.id });

      // The same article again from another tracking link: the same content id, the same answer, one row.
      const again = await decideLinks({ ...original, url: 'https://pacificmarkets.example/business/blackrock-korea-ai-hub/?fbclid=x#top' }, t.store, ctx);
      expect(again.duplicateOf).toBeNull();
      expect(await t.store.saveArticle(original, again, ctx.clock())).toBe('unchanged');

      // The mobile AMP page with a slightly different body: found by its canonical URL.
      const amp = lightlyEdited(en, 'amp-variant-0001', 'http://m.pacificmarkets.example/business/blackrock-korea-ai-hub/amp/?utm_campaign=morning');
      const viaUrl = await ingest(amp);
      expect(viaUrl).toMatchObject({ duplicateOf: en.id, via: 'url', clusterId: en.id });
      expect(viaUrl.similarity).toBeGreaterThan(0.6);

      // A lightly edited copy elsewhere: found by MinHash, linked to the root original.
      const edited = lightlyEdited(en, 'edited-copy-0001', 'https://other.example/world/asia/blackrock-korea', -2);
      const viaMinhash = await ingest(edited);
      expect(viaMinhash).toMatchObject({ duplicateOf: en.id, via: 'minhash', clusterId: en.id });
      expect(viaMinhash.similarity).toBeGreaterThanOrEqual(ctx.config.dedupe.across.docNear);

      // The same body under another title: the content hash.
      const retitled = await ingest({ ...en, id: 'retitled-0001', title: 'Korea, BlackRock in AI pact', url: null });
      expect(retitled).toMatchObject({ duplicateOf: en.id, via: 'content-hash', similarity: 1 });

      const rows = await t.store.listArticles();
      expect(rows.filter((r) => r.duplicateOf === null).map((r) => r.id)).toEqual([en.id]);
      expect(rows.filter((r) => r.duplicateOf === en.id)).toHaveLength(3);
    });

    it('links the syndicated fixture to the original and leaves other stories alone', async () => {
      const syn = await ingest(fx['en-blackrock-korea-ai-hub-syndicated']!);
      expect(syn).toMatchObject({ duplicateOf: fx['en-blackrock-korea-ai-hub']!.id, via: 'minhash' });
      const gpus = await ingest(fx['en-nvidia-korea-gpus-html']!);
      expect(gpus).toMatchObject({ duplicateOf: null, clusterId: fx['en-nvidia-korea-gpus-html']!.id, clusterVia: null });
    });

    it('puts a Korean report of the same event in the English story cluster by shared entities and figures', async () => {
      const ko = await ingest(fx['ko-nvidia-apec-gpu']!);
      expect(ko).toMatchObject({ duplicateOf: null, clusterId: fx['en-nvidia-korea-gpus-html']!.id, clusterVia: 'entities-figures' });
      const koHub = await ingest(fx['ko-blackrock-ai-hub-html']!);
      expect(koHub).toMatchObject({ duplicateOf: null, clusterId: fx['en-blackrock-korea-ai-hub']!.id });
      const listing = await t.store.listArticles();
      expect(listing.find((r) => r.id === fx['ko-nvidia-apec-gpu']!.id)?.clusterId).toBe(fx['en-nvidia-korea-gpus-html']!.id);
    });

    it('answers the same from a second connection (another process, a restart) and links once', async () => {
      const other = await openStore(t.url, t.schema ? { schema: t.schema } : {});
      try {
        const edited = lightlyEdited(fx['en-blackrock-korea-ai-hub']!, 'second-process-0001', null, -3);
        const links = await linkDuplicates(edited, other, ctx);
        expect(links).toEqual({ duplicateOf: fx['en-blackrock-korea-ai-hub']!.id, similarity: expect.any(Number), clusterId: fx['en-blackrock-korea-ai-hub']!.id });
        expect(await linkDuplicates(edited, t.store, ctx)).toEqual(links);
        const db = other.db.withTables<DedupeTables>();
        const bands = await db.selectFrom('dedupe_bands').select('bucket').where('article_id', '=', 'second-process-0001').execute();
        expect(bands).toHaveLength(ctx.config.dedupe.across.bands);
      } finally {
        await other.close();
      }
    });

    it('through ingest: the same article from two tracking URLs and a lightly edited copy store one original', async () => {
      const body = readFileSync(join(FIXTURES, 'ko-hbm-export-outlook', 'source.md'), 'utf8');
      const raw = (text: string, url: string) => {
        const r = localDocument(text, 'markdown', { kind: 'url', uri: url }, ctx);
        return { ...r, meta: { ...r.meta, url } };
      };
      const first = await ingestDocument(raw(body, 'https://www.chipinsight.example/hbm-export-outlook?utm_source=naver&utm_medium=news'), ctx, t.store);
      expect(first.status).toBe('stored');
      const id = first.status === 'stored' ? first.id : '';
      const second = await ingestDocument(raw(body, 'https://m.chipinsight.example/hbm-export-outlook/?fbclid=abc#comments'), ctx, t.store);
      expect(second).toMatchObject({ status: 'duplicate', id });
      // A light edit elsewhere: one figure restated and the closing section cut.
      const edited = body.slice(0, body.lastIndexOf('**')).replace('166억 1천만 달러', '약 166억 달러');
      const third = await ingestDocument(raw(edited, 'https://news.example.co.kr/view/8812?ref=rss'), ctx, t.store);
      expect(third).toMatchObject({ status: 'duplicate', links: { duplicateOf: id } });
      const rows = (await t.store.listArticles()).filter((r) => r.id === id || r.duplicateOf === id);
      expect(rows).toHaveLength(2);
      expect(rows.filter((r) => r.duplicateOf === null).map((r) => r.id)).toEqual([id]);
    });

    it('lists duplicates and cluster members in the review', async () => {
      const en = fx['en-blackrock-korea-ai-hub']!;
      const links = await loadReviewLinks(t.store, en.id);
      expect(links.duplicates.map((d) => d.id)).toContain(fx['en-blackrock-korea-ai-hub-syndicated']!.id);
      expect(links.cluster.map((d) => d.id)).toContain(fx['ko-blackrock-ai-hub-html']!.id);
      const md = renderReviewMarkdown(en, links);
      expect(md).toContain(`- duplicate: \`${fx['en-blackrock-korea-ai-hub-syndicated']!.id}\``);
      expect(md).toMatch(/- story cluster `3e4cc25746ced8b8`|- story cluster `/);
    });
  });
}
