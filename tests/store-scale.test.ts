/**
 * The store work of docs/performance.md, on a real SQLite file and a real
 * PostgreSQL schema: a store that linked articles before migration
 * 007-dedupe-scale keeps finding them after it, and the durability setting
 * reaches SQLite.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkAndSave } from '../src/dedupe/across/index.js';
import type { Analysis } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';
import { STORES, sqliteStore, type TestStore } from './support/stores.js';

const ctx = fixtureContext();
let original: Analysis;
let storyInKorean: Analysis;
beforeAll(async () => {
  const fixtures = listFixtures();
  original = await analyzeFixture(fixtures.find((f) => f.slug === 'en-nvidia-korea-gpus-html')!, ctx);
  storyInKorean = await analyzeFixture(fixtures.find((f) => f.slug === 'ko-nvidia-apec-gpu')!, ctx);
}, 60_000);

/** The original with its last paragraph cut, as a site republishing it short would carry it. */
const cutCopy = (a: Analysis): Analysis => ({
  ...a,
  id: `${a.id.slice(0, 12)}cafe`,
  url: null,
  source: { kind: 'file', uri: 'republished/nvidia-korea.txt' },
  text: a.text.split('\n\n').slice(0, -1).join('\n\n'),
});

for (const [name, open] of STORES) {
  describe(`migration 007-dedupe-scale: ${name}`, () => {
    let t: TestStore;
    afterAll(async () => {
      await t?.cleanup();
    });

    it('a store linked before the migration finds its articles after it: copy, story and all', async () => {
      t = await open();
      // Back to the schema before 007, as a store written by the previous release has it.
      const migrator = new Migrator({
        db: t.store.db,
        provider: migrationProvider,
        allowUnorderedMigrations: true,
        ...(t.schema ? { migrationTableSchema: t.schema } : {}),
      });
      const down = await migrator.migrateTo('006-failure-kind');
      expect(down.error).toBeUndefined();
      expect((await linkAndSave(original, t.store, ctx)).links.duplicateOf).toBeNull();
      await t.store.close();

      // Opening it again runs 007 over the rows already there.
      const reopened = await openStore(t.url, t.schema ? { schema: t.schema } : {});
      t = { ...t, store: reopened };
      const copy = await linkAndSave(cutCopy(original), reopened, ctx);
      expect(copy.decision.via).toBe('minhash');
      expect(copy.links.duplicateOf).toBe(original.id);
      const story = await linkAndSave(storyInKorean, reopened, ctx);
      expect(story.links.duplicateOf).toBeNull();
      expect(story.links.clusterId).toBe(original.id);
      // The same answer the second time: the links were recorded.
      expect((await linkAndSave(cutCopy(original), reopened, ctx)).links.duplicateOf).toBe(original.id);
    });

    if (name === 'sqlite') {
      it('keeps the LSH buckets in a table that is its own key (WITHOUT ROWID)', async () => {
        const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'dedupe_bands'`.execute(t.store.db);
        expect(rows[0]!.sql.toLowerCase()).toContain('without rowid');
      });
    }
  });
}

describe('store.durability on SQLite', () => {
  it('commits without an fsync by default and with one under `power`', async () => {
    const t = await sqliteStore();
    try {
      const mode = async (s: TestStore['store']) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(s.db)).rows[0]!.synchronous;
      // 1 is NORMAL, 2 is FULL.
      expect(await mode(t.store)).toBe(1);
      const power = await openStore(t.url, { durability: 'power' });
      try {
        expect(await mode(power)).toBe(2);
      } finally {
        await power.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});
