/**
 * Several processes writing one store at once — as several workers do —
 * never create a duplicate: each article is `stored` by exactly one of them
 * and `unchanged` for the others, and the migrations of a fresh store run
 * once even when every process starts at the same moment.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { analyzeFixture, fixtureContext, listFixtures, ROOT } from './support/fixtures.js';
import { DATABASE_URL } from './support/stores.js';

const run = promisify(execFile);
const WRITERS = 4;
const dir = mkdtempSync(join(tmpdir(), 'kiji-concurrency-'));
let file: string;
let ids: string[];

beforeAll(async () => {
  const ctx = fixtureContext();
  const wanted = ['ja-innovatopia-nvidia-korea-gpus', 'ko-hbm-export-outlook', 'en-nvidia-korea-gpus-html'];
  const base = await Promise.all(listFixtures().filter((f) => wanted.includes(f.slug)).map((f) => analyzeFixture(f, ctx)));
  // Thirty articles per language: the same records under ids and sources of their own.
  const all: Analysis[] = [];
  for (const a of base) {
    for (let i = 0; i < 30; i++) {
      const id = createHash('sha256').update(`${a.id}/${i}`).digest('hex').slice(0, a.id.length);
      all.push({ ...a, id, source: { ...a.source, uri: `${a.source.uri}#${i}` } });
    }
  }
  ids = all.map((a) => a.id);
  file = join(dir, 'analyses.json');
  writeFileSync(file, JSON.stringify(all));
}, 60_000);

async function writeAtOnce(url: string): Promise<Record<string, string>[]> {
  const outs = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) =>
      run(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'support', 'store-writer.ts'), url, file, String(i + 1)], { cwd: ROOT, maxBuffer: 1 << 24 }),
    ),
  );
  return outs.map((o) => JSON.parse(o.stdout) as Record<string, string>);
}

function expectEachStoredOnce(results: Record<string, string>[]): void {
  for (const id of ids) {
    const outcomes = results.map((r) => r[id]).sort();
    expect(outcomes, id).toEqual(['stored', ...Array(WRITERS - 1).fill('unchanged')]);
  }
}

describe('concurrent writers', () => {
  it(`PostgreSQL: ${WRITERS} processes migrating and saving the same articles at once, no duplicate`, async () => {
    const schema = `kiji_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      // The schema exists, its tables do not: every writer finds the store unmigrated.
      await admin.query(`CREATE SCHEMA "${schema}"`);
      const url = `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      expectEachStoredOnce(await writeAtOnce(url));
      const store = await openStore(url);
      try {
        const rows = await store.listArticles();
        expect(rows).toHaveLength(ids.length);
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
        expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(['ja', 'ko', 'en']));
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }, 120_000);

  it(`SQLite: ${WRITERS} processes on one file at once, no duplicate`, async () => {
    const url = join(dir, 'kiji.db');
    expectEachStoredOnce(await writeAtOnce(url));
    const store = await openStore(url);
    try {
      expect((await store.listArticles()).map((r) => r.id).sort()).toEqual([...ids].sort());
    } finally {
      await store.close();
    }
  }, 120_000);
});
