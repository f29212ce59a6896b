import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { StoreError, type ErrorCode, type ErrorRecord, type Stage, type StoreErrorCode } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import type { SkipReason } from '../outcome.js';
import { Analysis, type Lang } from '../records.js';
import { migrationProvider } from './migrations/index.js';
import type { StoreConfig } from './config.js';
import type { Database } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

/** An article as the store lists it: the fields of `kiji list --format json`. */
export interface ArticleListing {
  id: string;
  title: string;
  url: string | null;
  lang: Lang;
  publishedAt: string | null;
  ingestedAt: string;
  duplicateOf: string | null;
  similarity: number | null;
  clusterId: string | null;
}

export interface StoredArticle extends ArticleListing {
  analysis: Analysis;
}

/** How dedupe linked an article to what the store already held. */
export interface ArticleLinks {
  duplicateOf: string | null;
  similarity: number | null;
  clusterId: string | null;
}

export type SaveResult = 'stored' | 'unchanged' | 'updated';

export interface ListQuery {
  /** ISO bounds on `publishedAt` (falling back to `ingestedAt` when unknown); `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  lang?: Lang;
  limit?: number;
  /** Leave out articles linked to an original as duplicates. */
  originalsOnly?: boolean;
}

/**
 * What `Store.exclusive` hands its function: the transaction's own handle.
 * Inside, use only these (the SQLite connection is held by the transaction).
 */
export interface StoreTx {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  saveArticle(analysis: Analysis, links: ArticleLinks, at: Date): Promise<SaveResult>;
}

/** A document kiji chose not to keep, and why: kept apart from errors. */
export interface SkipRecord {
  stage: Stage;
  reason: SkipReason;
  detail: string;
}

/** A row of the failures table: an error with its code, or a skip with its reason. */
export type FailureRecord = { kind: 'error'; input: string; error: ErrorRecord; at: string } | { kind: 'skip'; input: string; skip: SkipRecord; at: string };

/**
 * The store: SQLite (a file, the embedded default) or PostgreSQL (shared by
 * workers on many machines), one interface over both through kysely.
 * Stage-specific tables are reached through `db`.
 */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Insert, or update when the same id was stored with different analysis; the same content twice is stored once. */
  saveArticle(analysis: Analysis, links: ArticleLinks, at: Date): Promise<SaveResult>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(query?: ListQuery): Promise<ArticleListing[]>;
  /** Full records of a window, for digests. */
  loadArticles(query?: ListQuery): Promise<StoredArticle[]>;
  /**
   * Run `fn` in one transaction holding the named locks, so that processes on
   * any machine deciding about the same keys (an LSH bucket, a URL, a content
   * hash) take turns: PostgreSQL takes a transaction-scoped advisory lock per
   * key; SQLite, which has one writer, takes its write lock up front
   * (`BEGIN IMMEDIATE`) instead of upgrading a read lock halfway.
   */
  exclusive<T>(keys: readonly string[], fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  recordFailure(failure: FailureRecord): Promise<void>;
  listFailures(limit?: number): Promise<FailureRecord[]>;
  close(): Promise<void>;
}

/**
 * Open (and migrate) the store a URL names: `postgres://…` or `postgresql://…`
 * for PostgreSQL, anything else is a SQLite file path (`:memory:` for a
 * throwaway one).
 *
 * @example
 * const store = await openStore('./data/kiji.db');
 * await store.saveArticle(analysis, { duplicateOf: null, similarity: null, clusterId: null }, new Date());
 * await store.close();
 */
export async function openStore(url: string, opts: { schema?: string; log?: Logger; durability?: StoreConfig['durability'] } = {}): Promise<Store> {
  const dialect: Dialect = /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  let checkpointer: Worker | null = null;
  try {
    if (dialect === 'postgres') {
      const pool = new pg.Pool({
        connectionString: url,
        max: 10,
        ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
      });
      // An idle client losing its connection (a database restart) must not crash the process: the next
      // query reconnects. It is said once per outage, not once per idle client.
      const log = opts.log ?? createLogger({ level: 'warn' });
      let lastReport = 0;
      pool.on('error', (err: Error & { code?: string }) => {
        if (Date.now() - lastReport < 10_000) return;
        lastReport = Date.now();
        log.warn('database connection lost; the next query reconnects', { stage: 'store', code: err.code ?? 'connection_lost', store: redact(url), error: err.message });
      });
      if (opts.schema) {
        const client = await pool.connect();
        try {
          await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
        } finally {
          client.release();
        }
      }
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    } else {
      if (url !== ':memory:') mkdirSync(dirname(resolve(url)), { recursive: true });
      const sqlite = new BetterSqlite3(url);
      // WAL lets readers (the web reader) work while an ingest writes.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
      // In WAL mode NORMAL syncs at checkpoints only: a commit is in the OS's hands when it returns, which a
      // crash of kiji cannot undo; FULL also waits for the disk, an fsync of 2–80 ms per article.
      sqlite.pragma(`synchronous = ${opts.durability === 'power' ? 'FULL' : 'NORMAL'}`);
      // Lookups read bucket and feature index pages at random: map the file rather than copy pages in.
      sqlite.pragma('mmap_size = 1073741824');
      if (url !== ':memory:') {
        // Copying the WAL back into the file (a checkpoint, with its fsyncs) is left to a thread of its own, off
        // the commit path; the connection still checkpoints itself should the WAL outgrow 64 MB regardless.
        sqlite.pragma('wal_autocheckpoint = 16384');
        checkpointer = startCheckpointer(resolve(url));
      }
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
    }
  } catch (err) {
    throw new StoreError('unavailable', `cannot open ${redact(url)}: ${(err as Error).message}`, { retryable: dialect === 'postgres', cause: err });
  }
  // kysely finds its lock table by introspecting every schema: pin it to ours, or another
  // schema's kysely_migration_lock (a second deployment, a parallel test) is taken for ours.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Each stage adds its own tables independently of the others, so a store that
    // already has a later stage's migration may still take an earlier-numbered one.
    allowUnorderedMigrations: true,
    ...(dialect === 'postgres' ? { migrationTableSchema: opts.schema ?? (await currentSchema(db)) } : {}),
  });
  let { error } = await migrator.migrateToLatest();
  // Several workers opening a fresh store at once race to create the same
  // tables (SQLite DDL is not under kysely's migration lock); the loser finds
  // the winner's work done when it looks again.
  for (let attempt = 1; error && attempt <= 5 && isConcurrentMigration(error as Error); attempt++) {
    await new Promise((r) => setTimeout(r, 50 * attempt));
    ({ error } = await migrator.migrateToLatest());
  }
  if (error) {
    await checkpointer?.terminate();
    await db.destroy();
    const e = error as Error;
    throw new StoreError('migration_failed', `migrating ${redact(url)} failed: ${e.message}`, { retryable: isConnectionError(e), cause: e });
  }
  return createStore(db, dialect, checkpointer);
}

function createStore(db: Kysely<Database>, dialect: Dialect, checkpointer: Worker | null): Store {
  const listing = (r: Database['articles']): ArticleListing => ({
    id: r.id,
    title: r.title,
    url: r.url,
    lang: r.lang as Lang,
    publishedAt: r.published_at,
    ingestedAt: r.ingested_at,
    duplicateOf: r.duplicate_of,
    similarity: r.similarity,
    clusterId: r.cluster_id,
  });
  const windowed = (q: ListQuery) => {
    let query = db.selectFrom('articles').selectAll();
    // An article without a publication date counts at the time it was ingested.
    if (q.from) query = query.where((eb) => eb(eb.fn.coalesce('published_at', 'ingested_at'), '>=', q.from!));
    if (q.to) query = query.where((eb) => eb(eb.fn.coalesce('published_at', 'ingested_at'), '<', q.to!));
    if (q.lang) query = query.where('lang', '=', q.lang);
    if (q.originalsOnly) query = query.where('duplicate_of', 'is', null);
    query = query.orderBy((eb) => eb.fn.coalesce('published_at', 'ingested_at'), 'desc').orderBy('id');
    if (q.limit) query = query.limit(q.limit);
    return query;
  };
  return {
    db,
    dialect,
    saveArticle: (analysis, links, at) => saveArticleIn(db, analysis, links, at),
    exclusive: (keys, fn) => (dialect === 'postgres' ? exclusivePostgres(db, keys, fn) : exclusiveSqlite(db, fn)),
    async getArticle(id) {
      const r = await wrap('read', () => db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst());
      return r ? { ...listing(r), analysis: Analysis.parse(JSON.parse(r.analysis)) } : null;
    },
    async listArticles(q = {}) {
      const rows = await wrap('read', () => windowed(q).execute());
      return rows.map(listing);
    },
    async loadArticles(q = {}) {
      const rows = await wrap('read', () => windowed(q).execute());
      return rows.map((r) => ({ ...listing(r), analysis: Analysis.parse(JSON.parse(r.analysis)) }));
    },
    async recordFailure(f) {
      const row =
        f.kind === 'error'
          ? { kind: 'error', stage: f.error.stage, code: f.error.code, message: f.error.message, retryable: f.error.retryable ? 1 : 0 }
          : { kind: 'skip', stage: f.skip.stage, code: f.skip.reason, message: f.skip.detail, retryable: 0 };
      await wrap('save', () => db.insertInto('failures').values({ id: randomUUID(), input: f.input, at: f.at, ...row }).execute());
    },
    async listFailures(limit = 100) {
      const rows = await wrap('read', () => db.selectFrom('failures').selectAll().orderBy('at', 'desc').limit(limit).execute());
      return rows.map((r): FailureRecord =>
        r.kind === 'skip'
          ? { kind: 'skip', input: r.input, at: r.at, skip: { stage: r.stage as Stage, reason: r.code as SkipReason, detail: r.message } }
          : { kind: 'error', input: r.input, at: r.at, error: { stage: r.stage as Stage, code: r.code as ErrorCode, message: r.message, retryable: r.retryable === 1 } },
      );
    },
    async close() {
      await checkpointer?.terminate();
      await db.destroy();
    },
  };
}

/** Insert, or update when the same id was stored with different analysis; the same content twice is stored once. */
async function saveArticleIn(db: Kysely<Database>, analysis: Analysis, links: ArticleLinks, at: Date): Promise<SaveResult> {
  const row = {
    id: analysis.id,
    title: analysis.title,
    url: analysis.url,
    lang: analysis.lang,
    published_at: analysis.publishedAt,
    ingested_at: at.toISOString(),
    source_kind: analysis.source.kind,
    source_uri: analysis.source.uri,
    duplicate_of: links.duplicateOf === analysis.id ? null : links.duplicateOf,
    similarity: links.similarity,
    cluster_id: links.clusterId,
    analysis: JSON.stringify(analysis),
  };
  return wrap('save', async () => {
    const inserted = await db.insertInto('articles').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (inserted) return 'stored';
    const prev = await db.selectFrom('articles').select(['analysis', 'cluster_id', 'duplicate_of']).where('id', '=', analysis.id).executeTakeFirst();
    if (prev && prev.analysis === row.analysis) return 'unchanged';
    // Re-analysis of the same content (a newer kiji, a review override): keep the first ingest time and links.
    await db
      .updateTable('articles')
      .set({ analysis: row.analysis, title: row.title, lang: row.lang, published_at: row.published_at, url: row.url })
      .where('id', '=', analysis.id)
      .execute();
    return 'updated';
  });
}

const txOf = (db: Kysely<Database>, dialect: Dialect): StoreTx => ({
  db,
  dialect,
  saveArticle: (analysis, links, at) => saveArticleIn(db, analysis, links, at),
});

/**
 * One transaction with an advisory lock per key, taken in one statement in a
 * fixed (hash) order so two transactions never wait on each other crosswise.
 * Should the server still report a deadlock, the whole transaction is run again.
 */
async function exclusivePostgres<T>(db: Kysely<Database>, keys: readonly string[], fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  const unique = [...new Set(keys)];
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        if (unique.length) {
          await sql`select count(pg_advisory_xact_lock(h)) from (select distinct hashtextextended(k, 0) as h from unnest(${unique}::text[]) as k order by h) as locks`.execute(trx);
        }
        return fn(txOf(trx, 'postgres'));
      });
    } catch (err) {
      // 40P01 deadlock_detected, 40001 serialization_failure: nothing was written; try again.
      const code = (err as { code?: string }).code;
      if ((code === '40P01' || code === '40001') && attempt < 5) continue;
      throw err;
    }
  }
}

/**
 * SQLite serialises writers: take the write lock before the first read
 * (`BEGIN IMMEDIATE`), so what the function reads cannot change before it
 * writes. Other processes wait up to busy_timeout; this process's other
 * queries wait on the connection the transaction holds.
 */
async function exclusiveSqlite<T>(db: Kysely<Database>, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: T;
    try {
      result = await fn(txOf(conn, 'sqlite'));
    } catch (err) {
      try {
        await sql`rollback`.execute(conn);
      } catch (rollbackErr) {
        throw new AggregateError([err, rollbackErr], `transaction failed (${(err as Error).message}) and its rollback failed too`);
      }
      throw err;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

/**
 * A thread with its own connection that checkpoints the WAL (PASSIVE: it
 * never waits for, nor blocks, a reader or the writer) every 500 ms, so no
 * commit pays for copying pages back and syncing the file. It dies with the
 * process; it does not keep it alive.
 */
function startCheckpointer(file: string): Worker {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const db = new (require(workerData.module))(workerData.file);
     db.pragma('busy_timeout = 0');
     setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 500);`,
    { eval: true, workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3') } },
  );
  worker.unref();
  // A checkpoint that cannot run (the file gone, a read-only disk) is left to the connection's own.
  worker.on('error', () => {});
  return worker;
}

/**
 * The connection as kysely's SQLite driver sees it, preparing each SQL text
 * once: kysely prepares every query it runs, and the same dozen statements
 * per article cost more to compile than to run. The driver runs one query at a
 * time on the connection, so a cached statement is never in use twice.
 */
function cachedStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        // Most recently used last, so the oldest is first out.
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

async function wrap<T>(what: 'read' | 'save', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const e = err as Error;
    throw new StoreError(`${what}_failed` as StoreErrorCode, `${what} failed: ${e.message}`, { retryable: isConnectionError(e), cause: e });
  }
}

/**
 * The schema a connection creates tables in: a search_path given in the URL
 * (`?options=-c search_path=news`, as workers of one deployment share it) or
 * the role's default, so the migration table sits beside the tables it describes.
 */
async function currentSchema(db: Kysely<Database>): Promise<string> {
  try {
    const r = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    return r.rows[0]?.schema ?? 'public';
  } catch {
    return 'public'; // unreachable now: the migration reports the connection error
  }
}

function isConcurrentMigration(e: Error & { code?: string }): boolean {
  // 23505 unique_violation and 42P07 duplicate_table (PostgreSQL catalog races), SQLite's "already exists".
  return ['23505', '42P07', '42710', 'SQLITE_BUSY'].includes(e.code ?? '') || /already exists/i.test(e.message);
}

function isConnectionError(e: Error & { code?: string }): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', 'SQLITE_BUSY'].includes(e.code ?? '');
}

/** Never print a password from a connection URL. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
