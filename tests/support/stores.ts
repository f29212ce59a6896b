import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  store: Store;
  /** The URL and options to open the same store again (another process, a restart). */
  url: string;
  schema?: string;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder. */
export async function sqliteStore(): Promise<TestStore> {
  const url = join(mkdtempSync(join(tmpdir(), 'kiji-store-')), 'kiji.db');
  const store = await openStore(url);
  return { store, url, cleanup: () => store.close() };
}

/** A fresh PostgreSQL schema, dropped afterwards: tests running at once never see each other. */
export async function postgresStore(): Promise<TestStore> {
  const schema = `kiji_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore(DATABASE_URL, { schema });
  return {
    store,
    url: DATABASE_URL,
    schema,
    async cleanup() {
      await store.close();
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export const STORES = [
  ['sqlite', sqliteStore],
  ['postgres', postgresStore],
] as const;
