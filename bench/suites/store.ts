/**
 * The store at scale: near-duplicate lookups and ingest (`linkAndSave`)
 * against 10k, 100k and 1M stored articles, on SQLite and on PostgreSQL.
 *
 * The store is grown in bulk (bench/store-corpus.ts: signatures modelled on
 * shingled news, with site boilerplate, near-copies and same-story articles),
 * then at each size a few hundred real articles (generated text, real
 * shingling) go through the product's code: `findNearDuplicate` (the lookup
 * alone, a read) and `linkAndSave` (lock, lookup, link, save, commit), each
 * timed per article. A fifth of them are edited copies of earlier ones, which
 * must be linked (recall).
 *
 * `--scale` sets the largest size: 1 grows to 1M, 0.1 to 100k (10k and 100k
 * measured), 0.01 to 10k. KIJI_BENCH_STORES picks the stores
 * (`sqlite,postgres`, the default; PostgreSQL at DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test, in a schema of its own, dropped after).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../../src/config/load.js';
import { createContext, type StageContext } from '../../src/context.js';
import { findNearDuplicate, linkAndSave } from '../../src/dedupe/across/index.js';
import { bandKeys, documentShingles, encodeSignature, signature } from '../../src/dedupe/across/minhash.js';
import { createLogger } from '../../src/log.js';
import type { Analysis } from '../../src/records.js';
import { openStore, type Dialect } from '../../src/store/index.js';
import { prng } from '../../src/prng.js';
import { growth, makeSites, textMaker, zipf, type GrownArticle, type Site } from '../store-corpus.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'articles');
const TEMPLATES = { ja: 'ja-innovatopia-nvidia-korea-gpus', ko: 'ko-hbm-export-outlook', en: 'en-samsung-foundry-results' } as const;
const START = new Date('2025-01-01T00:00:00.000Z');
/** Articles through `linkAndSave` at each size. */
const MEASURED = 400;

interface Row {
  dialect: Dialect;
  n: number;
  lookupP50: number;
  lookupP99: number;
  saveP50: number;
  saveP99: number;
  saveCpuP50: number;
  signatureP50: number;
  perSec: number;
  recall: number;
  dbMb: number;
  growPerSec: number;
}

export async function run(opts: BenchOptions = { scale: 1, corpus: null }): Promise<BenchResult> {
  const max = Math.round(1_000_000 * opts.scale);
  const sizes = [10_000, 100_000, 1_000_000].filter((n) => n <= max);
  if (sizes.length === 0) sizes.push(Math.max(1000, max));
  const stores = (process.env.KIJI_BENCH_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as Dialect[];
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const dialect of stores) {
    try {
      rows.push(...(await benchStore(dialect, sizes)));
    } catch (err) {
      notes.push(`${dialect}: not measured (${(err as Error).message}; ${(err as Error).stack?.split('\n')[1]?.trim() ?? 'no stack'})`);
    }
  }
  const t: (string | number)[][] = [
    ['store', 'articles', 'lookup p50 ms', 'lookup p99 ms', 'link+save p50 ms', 'link+save p99 ms', 'link+save CPU p50 ms', 'signature p50 ms', 'link+save articles/s', 'recall', 'db MB', 'bulk growth articles/s'],
  ];
  for (const r of rows) {
    t.push([r.dialect, r.n.toLocaleString('en-US'), r.lookupP50, r.lookupP99, r.saveP50, r.saveP99, r.saveCpuP50, r.signatureP50, r.perSec, `${(r.recall * 100).toFixed(0)}%`, r.dbMb, r.growPerSec]);
  }
  return {
    table: [
      `Near-duplicate lookup (findNearDuplicate) and ingest (linkAndSave, one transaction and commit each), ${MEASURED} articles at each size.`,
      'Both include computing the article\'s signature (signature p50: that alone); CPU is this process\'s, the wall time also waits for the database and the machine.',
      table(t),
      ...notes,
    ].join('\n'),
    metrics: Object.fromEntries(
      rows.flatMap((r) => [
        [`${r.dialect}_lookupP50Ms_${r.n}`, r.lookupP50],
        [`${r.dialect}_lookupP99Ms_${r.n}`, r.lookupP99],
        [`${r.dialect}_saveP50Ms_${r.n}`, r.saveP50],
        [`${r.dialect}_saveP99Ms_${r.n}`, r.saveP99],
        [`${r.dialect}_saveCpuP50Ms_${r.n}`, r.saveCpuP50],
        [`${r.dialect}_signatureP50Ms_${r.n}`, r.signatureP50],
        [`${r.dialect}_articlesPerSec_${r.n}`, r.perSec],
        [`${r.dialect}_recall_${r.n}`, r.recall],
        [`${r.dialect}_dbMb_${r.n}`, r.dbMb],
      ]),
    ),
  };
}

/** Where a bench store lives and how to fill it in bulk. */
export interface Target {
  url: string;
  schema?: string;
  /** Write grown articles straight into the tables (the store closed meanwhile for SQLite). */
  grow(articles: GrownArticle[], bands: (a: GrownArticle) => string[]): Promise<void>;
  /** After a bulk load: what autovacuum would have done by now (planner statistics). */
  settle(): Promise<void>;
  sizeMb(): Promise<number>;
  dispose(): Promise<void>;
}

async function benchStore(dialect: Dialect, sizes: number[]): Promise<Row[]> {
  const ctx0 = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
  const cfg = ctx0.config.dedupe.across;
  const target = dialect === 'sqlite' ? sqliteTarget() : await postgresTarget();
  const rows: Row[] = [];
  try {
    // Migrate through the store itself, so the tables and indexes are the product's.
    await (await openStore(target.url, { schema: target.schema })).close();
    const sites = makeSites(300, cfg.minhashSize, 11);
    const next = growth(sites, cfg.minhashSize, 12, START);
    const bands = (a: GrownArticle) => bandKeys(a.sig, cfg);
    const texts = textMaker(13);
    let grown = 0;
    let measuredSoFar = 0;
    for (const n of sizes) {
      const started = performance.now();
      const targetN = n - measuredSoFar;
      while (grown < targetN) {
        const batch: GrownArticle[] = [];
        for (let i = 0; i < 5000 && grown < targetN; i++, grown++) batch.push(next());
        await target.grow(batch, bands);
      }
      await target.settle();
      const growSeconds = (performance.now() - started) / 1000;
      const now = new Date(START.getTime() + grown * 30_000);
      const ctx = createContext(ctx0.config, { log: ctx0.log, clock: () => now });
      const m = await measure(target, ctx, sites, texts, `m${n}`, now);
      measuredSoFar += MEASURED;
      rows.push({ dialect, n, ...m, dbMb: await target.sizeMb(), growPerSec: (n - (rows.at(-1)?.n ?? 0)) / growSeconds });
    }
  } finally {
    await target.dispose();
  }
  return rows;
}

async function measure(target: Target, ctx: StageContext, sites: Site[], texts: ReturnType<typeof textMaker>, prefix: string, now: Date) {
  const rand = prng(prefix.length * 1000 + Number(prefix.slice(1)) % 997);
  const site = zipf(sites.length, rand);
  const entity = zipf(20_000, rand);
  const figure = zipf(5000, rand);
  const templates = Object.fromEntries(
    Object.entries(TEMPLATES).map(([lang, dir]) => [lang, JSON.parse(readFileSync(join(FIXTURES, dir, 'expected.json'), 'utf8')) as Analysis]),
  ) as Record<'ja' | 'ko' | 'en', Analysis>;
  const originals: { a: Analysis; paras: string[] }[] = [];
  const articles: { a: Analysis; copyOf: string | null }[] = [];
  for (let i = 0; i < MEASURED; i++) {
    const id = `${prefix}-${i}`;
    const prev = originals.length >= 10 && rand() < 0.2 ? originals[Math.floor(rand() * originals.length)]! : null;
    let paras: string[];
    let lang: 'ja' | 'ko' | 'en';
    let entities: string[];
    if (prev) {
      // An edited copy: the last paragraph dropped (as a wire copy cut short).
      paras = prev.paras.slice(0, -1);
      lang = prev.a.lang;
      entities = prev.a.entities.map((e) => e.canonical);
    } else {
      const s = sites[site()]!;
      lang = s.lang;
      paras = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => texts.paragraph(lang, rand));
      if (s.boilerplate) paras.push(s.boilerplate);
      entities = [...new Set(Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `entity ${entity()}`))];
    }
    const url = `https://measured.example/${id}`;
    const a: Analysis = {
      ...templates[lang],
      id,
      url,
      title: `${id} ${paras[0]!.slice(0, 30)}`,
      publishedAt: now.toISOString(),
      source: { kind: 'url', uri: url },
      text: paras.join('\n\n'),
      entities: entities.map((canonical, j) => ({ canonical, type: 'ORG', surface: [canonical], mentions: [], wikidata: null, salience: 1 - j / 10 })),
      // The template's own figures would make every measured article one story; draw them like the grown ones.
      figures: (prev ? prev.a.figures : Array.from({ length: Math.floor(rand() * 3) }, () => (figure() + 1) * 1000)).map((value) =>
        typeof value === 'number'
          ? { text: String(value), kind: 'count' as const, value, low: null, high: null, unit: null, qualifier: 'exact' as const, start: 0, end: 0, counted: null, iso: null, change: null }
          : value,
      ),
    };
    articles.push({ a, copyOf: prev ? prev.a.id : null });
    if (!prev) originals.push({ a, paras });
  }
  const store = await openStore(target.url, { schema: target.schema });
  const lookups: number[] = [];
  const saves: number[] = [];
  const cpu: number[] = [];
  const sigs: number[] = [];
  const cfg = ctx.config.dedupe.across;
  let linked = 0;
  let copies = 0;
  const started = performance.now();
  try {
    for (const { a, copyOf } of articles) {
      let t = performance.now();
      await findNearDuplicate(a, store, ctx);
      lookups.push(performance.now() - t);
      // The signature alone (shingling and 128 hashes a shingle), which both of the above compute first: CPU, not store.
      t = performance.now();
      bandKeys(signature(documentShingles(a.text, cfg), { k: cfg.minhashSize }), cfg);
      sigs.push(performance.now() - t);
      const c0 = process.cpuUsage();
      t = performance.now();
      const { links } = await linkAndSave(a, store, ctx);
      saves.push(performance.now() - t);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      if (copyOf) {
        copies++;
        if (links.duplicateOf !== null) linked++;
      }
    }
  } finally {
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    lookupP50: quantile(lookups, 0.5),
    lookupP99: quantile(lookups, 0.99),
    saveP50: quantile(saves, 0.5),
    saveP99: quantile(saves, 0.99),
    // Sequential link+save only (the lookups timed beside them are left out).
    saveCpuP50: quantile(cpu, 0.5),
    signatureP50: quantile(sigs, 0.5),
    perSec: articles.length / (saves.reduce((s, x) => s + x, 0) / 1000),
    recall: copies ? linked / copies : 1,
    seconds,
  };
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

/** The values a grown article puts in each table. */
function rowsOf(a: GrownArticle) {
  return {
    signature: [a.id, a.lang, a.hash, encodeSignature(a.sig), a.duplicateOf, a.similarity, a.clusterId, a.duplicateOf ? a.similarity : null, a.at] as const,
    // Growth stores no full analysis (tokens and all are 5–30 KB an article): the bench is about the dedupe tables.
    article: [a.id, `title ${a.id}`, a.url, a.lang, a.at, a.at, 'url', a.url, a.duplicateOf, a.similarity, a.clusterId, '{}'] as const,
  };
}

export function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-bench-store-'));
  const file = join(dir, 'kiji.db');
  return {
    url: file,
    async grow(batch, bands) {
      const db = new BetterSqlite3(file);
      try {
        // Bulk load only: no fsync, a big cache; the measured phase reopens the store as the product does.
        db.pragma('synchronous = OFF');
        db.pragma('cache_size = -1000000');
        const sig = db.prepare('INSERT INTO dedupe_signatures (article_id, lang, content_hash, minhash, duplicate_of, similarity, cluster_id, cluster_score, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
        const art = db.prepare(
          'INSERT INTO articles (id, title, url, lang, published_at, ingested_at, source_kind, source_uri, duplicate_of, similarity, cluster_id, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        const band = db.prepare('INSERT OR IGNORE INTO dedupe_bands (bucket, article_id) VALUES (?, ?)');
        const url = db.prepare('INSERT OR IGNORE INTO dedupe_urls (url, article_id) VALUES (?, ?)');
        const feat = db.prepare('INSERT OR IGNORE INTO dedupe_features (feature, article_id, cluster_id, lang, at) VALUES (?, ?, ?, ?, ?)');
        db.transaction(() => {
          // Bands sorted by bucket: a sorted insert into the B-tree appends, a random one faults a page.
          const bandRows: [string, string][] = [];
          for (const a of batch) {
            const r = rowsOf(a);
            sig.run(...r.signature);
            art.run(...r.article);
            url.run(a.url, a.id);
            for (const f of a.features) feat.run(f, a.id, a.clusterId, a.lang, a.at);
            for (const b of bands(a)) bandRows.push([b, a.id]);
          }
          bandRows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
          for (const [b, id] of bandRows) band.run(b, id);
        })();
      } finally {
        db.close();
      }
    },
    async settle() {},
    async sizeMb() {
      const wal = `${file}-wal`;
      return (statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0)) / 1024 / 1024;
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresTarget(): Promise<Target> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `kiji_bench_store_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  // Bulk load only: commits need not wait for the disk; the measured phase uses the store's own settings.
  await client.query('SET synchronous_commit = off');
  const unnest = async (table: string, cols: string[], types: string[], rows: unknown[][], conflict = '') => {
    if (!rows.length) return;
    const arrays = cols.map((_, j) => rows.map((r) => r[j]));
    await client.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${types.map((t, j) => `$${j + 1}::${t}[]`).join(', ')}) ${conflict}`, arrays);
  };
  return {
    url,
    schema,
    async grow(batch, bands) {
      await client.query('BEGIN');
      const sigs: unknown[][] = [];
      const arts: unknown[][] = [];
      const urls: unknown[][] = [];
      const feats: unknown[][] = [];
      const bandRows: unknown[][] = [];
      for (const a of batch) {
        const r = rowsOf(a);
        sigs.push([...r.signature]);
        arts.push([...r.article]);
        urls.push([a.url, a.id]);
        for (const f of a.features) feats.push([f, a.id, a.clusterId, a.lang, a.at]);
        for (const b of bands(a)) bandRows.push([b, a.id]);
      }
      await unnest('dedupe_signatures', ['article_id', 'lang', 'content_hash', 'minhash', 'duplicate_of', 'similarity', 'cluster_id', 'cluster_score', 'at'], ['text', 'text', 'text', 'text', 'text', 'real', 'text', 'real', 'text'], sigs);
      await unnest(
        'articles',
        ['id', 'title', 'url', 'lang', 'published_at', 'ingested_at', 'source_kind', 'source_uri', 'duplicate_of', 'similarity', 'cluster_id', 'analysis'],
        ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'real', 'text', 'text'],
        arts,
      );
      await unnest('dedupe_urls', ['url', 'article_id'], ['text', 'text'], urls, 'ON CONFLICT DO NOTHING');
      await unnest('dedupe_features', ['feature', 'article_id', 'cluster_id', 'lang', 'at'], ['text', 'text', 'text', 'text', 'text'], feats, 'ON CONFLICT DO NOTHING');
      await unnest('dedupe_bands', ['bucket', 'article_id'], ['text', 'text'], bandRows, 'ON CONFLICT DO NOTHING');
      await client.query('COMMIT');
    },
    async settle() {
      await client.query('ANALYZE');
    },
    async sizeMb() {
      const r = await client.query<{ bytes: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return Number(r.rows[0]!.bytes) / 1024 / 1024;
    },
    async dispose() {
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
