/**
 * Dedupe benchmarks.
 *
 * 1. Within one document: dedupe alone (chars/s) on seed 004, generated
 *    seed-like articles and the bad inputs of issue 3, and its share of the
 *    end-to-end in-process time of the same documents.
 * 2. Across documents: near-duplicate lookup (`decideLinks`: URL, content
 *    hash, LSH buckets, signature check, story features, and the inserts)
 *    against 100k and 1M stored signatures in a SQLite file: p50/p99 per
 *    article, recall of planted near-duplicates, database size and memory.
 *    The stored signatures are random (what LSH sees of unrelated articles);
 *    the queries are real analysed articles and edited copies of them.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../../src/config/load.js';
import { createContext, type StageContext } from '../../src/context.js';
import { decideLinks } from '../../src/dedupe/across/index.js';
import { bandKeys, encodeSignature } from '../../src/dedupe/across/minhash.js';
import { dedupe } from '../../src/dedupe/index.js';
import { extract } from '../../src/extract/index.js';
import { localDocument } from '../../src/fetch/local.js';
import { createLogger } from '../../src/log.js';
import { normalise } from '../../src/normalise/index.js';
import { analyzeDocument } from '../../src/pipeline.js';
import type { Analysis, RawDocument, Tokenized } from '../../src/records.js';
import { openStore } from '../../src/store/index.js';
import { tokenize } from '../../src/tokenize/index.js';
import { generateCorpus } from '../corpus.js';
import { prng } from '../../src/prng.js';
import { table } from '../table.js';
import type { BenchOptions, BenchResult } from '../types.js';

const SEED_004 = join(import.meta.dirname, '..', '..', 'src', 'dedupe', 'testdata', '004_7595e8c5fc868f83.txt');

export async function run(opts: BenchOptions = { scale: 1, corpus: null }): Promise<BenchResult> {
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
  const within = await benchWithin(ctx, opts.scale);
  const sizes = [100_000, 1_000_000].map((n) => Math.max(1000, Math.round(n * opts.scale)));
  const across: Awaited<ReturnType<typeof benchAcross>>[] = [];
  for (const n of sizes) across.push(await benchAcross(ctx, n, within.analyses));
  const rows: (string | number)[][] = [['stored signatures', 'p50 ms/article', 'p99 ms/article', 'recall (edited copies)', 'db MB', 'RSS MB after', 'seed s']];
  for (const a of across) rows.push([a.n.toLocaleString('en-US'), a.p50, a.p99, `${(a.recall * 100).toFixed(0)}%`, a.dbMb, a.rssMb, a.seedSeconds]);
  return {
    table: [within.table, '', 'Near-duplicate lookup per article (decideLinks on SQLite, LSH 20×4 over MinHash-128):', table(rows)].join('\n'),
    metrics: {
      withinCharsPerSec: within.charsPerSec,
      withinShareOfEndToEnd: within.share,
      ...Object.fromEntries(across.flatMap((a) => [[`p50Ms_${a.n}`, a.p50], [`p99Ms_${a.n}`, a.p99], [`recall_${a.n}`, a.recall]])),
    },
  };
}

interface Case {
  name: string;
  raw: RawDocument;
}

async function benchWithin(ctx: StageContext, scale: number) {
  const n = Math.max(30, Math.round(150 * scale));
  const cases: Case[] = [{ name: 'seed 004 (ja, repeated sections)', raw: localDocument(readFileSync(SEED_004, 'utf8'), 'text', { kind: 'file', uri: 'seed-004.txt' }, ctx) }];
  for (const d of generateCorpus(n)) cases.push({ name: `generated ${d.lang}`, raw: localDocument(d.body, d.format, { kind: 'file', uri: d.uri }, ctx) });
  const line = 'SK하이닉스는 HBM 공급을 늘린다고 밝혔다.';
  cases.push({ name: 'bad: 10,000 identical lines', raw: localDocument(`제목\n\n${Array.from({ length: 10_000 }, () => line).join('\n')}\n`, 'text', { kind: 'file', uri: 'same.txt' }, ctx) });
  const giant = Array.from({ length: 2000 }, (_, i) => `Nvidia will ship ${i % 50} more GPUs to Korea. 韓国政府はAI投資を拡大する。 Item ${i} is here.`).join(' ');
  cases.push({ name: 'bad: one giant paragraph', raw: localDocument(`Title\n\n${giant}\n`, 'text', { kind: 'file', uri: 'giant.txt' }, ctx) });

  const groups = new Map<string, { chars: number; dedupeMs: number; e2eMs: number; docs: number }>();
  const analyses: Analysis[] = [];
  for (const c of cases) {
    const t = await tokenized(c.raw, ctx);
    if (!t) continue;
    const chars = t.blocks.reduce((s, b) => s + b.text.length, 0);
    // Warm once, then time enough repetitions for a stable figure.
    await dedupe(t, ctx);
    const reps = chars > 50_000 ? 2 : 5;
    let start = performance.now();
    for (let r = 0; r < reps; r++) await dedupe(t, ctx);
    const dedupeMs = (performance.now() - start) / reps;
    start = performance.now();
    const a = await analyzeDocument(c.raw, ctx);
    const e2eMs = performance.now() - start;
    if (a.kind === 'ok' && c.name.startsWith('generated')) analyses.push(a.value);
    const key = c.name;
    const g = groups.get(key) ?? { chars: 0, dedupeMs: 0, e2eMs: 0, docs: 0 };
    g.chars += chars;
    g.dedupeMs += dedupeMs;
    g.e2eMs += e2eMs;
    g.docs++;
    groups.set(key, g);
  }
  const rows: (string | number)[][] = [['documents', 'n', 'chars', 'dedupe chars/s', 'dedupe ms/doc', 'end-to-end ms/doc', 'dedupe share']];
  let chars = 0;
  let dms = 0;
  let ems = 0;
  let docs = 0;
  for (const [name, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    rows.push([name, String(g.docs), g.chars, (g.chars / g.dedupeMs) * 1000, g.dedupeMs / g.docs, g.e2eMs / g.docs, `${((g.dedupeMs / g.e2eMs) * 100).toFixed(1)}%`]);
    if (!name.startsWith('bad')) {
      chars += g.chars;
      dms += g.dedupeMs;
      ems += g.e2eMs;
      docs += g.docs;
    }
  }
  rows.push(['all but bad input', String(docs), chars, (chars / dms) * 1000, dms / docs, ems / docs, `${((dms / ems) * 100).toFixed(1)}%`]);
  return {
    table: ['Within-document dedupe (dedupe stage alone vs. all stages in-process on the same documents):', table(rows)].join('\n'),
    charsPerSec: (chars / dms) * 1000,
    share: dms / ems,
    analyses,
  };
}

async function tokenized(raw: RawDocument, ctx: StageContext): Promise<Tokenized | null> {
  const e = extract(raw, ctx);
  if (e.kind !== 'ok') return null;
  const nz = normalise(e.value, ctx);
  if (nz.kind !== 'ok') return null;
  const t = await tokenize(nz.value, ctx);
  return t.kind === 'ok' ? t.value : null;
}

async function benchAcross(ctx: StageContext, n: number, analyses: Analysis[]) {
  const cfg = ctx.config.dedupe.across;
  const dir = mkdtempSync(join(tmpdir(), 'kiji-bench-dedupe-'));
  const file = join(dir, 'kiji.db');
  try {
    // Migrate through the store, then seed in bulk with one prepared statement per table.
    await (await openStore(file)).close();
    let start = performance.now();
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('temp_store = FILE');
    // A large page cache keeps the band index's random inserts in memory while seeding.
    sqlite.pragma('cache_size = -1500000');
    const sigStmt = sqlite.prepare('INSERT INTO dedupe_signatures (article_id, lang, content_hash, minhash, duplicate_of, similarity, cluster_id, cluster_score, at) VALUES (?, ?, ?, ?, NULL, NULL, ?, NULL, ?)');
    // Bands go to an unindexed staging table, then into the real one in bucket order: sorted inserts into the
    // B-tree are an append, random ones a page fault each (1M articles are 20M band rows).
    sqlite.exec('CREATE TEMP TABLE bands_staging (bucket TEXT NOT NULL, article_id TEXT NOT NULL)');
    const bandStmt = sqlite.prepare('INSERT INTO bands_staging (bucket, article_id) VALUES (?, ?)');
    const rand = prng(7);
    const sig = new Uint32Array(cfg.minhashSize);
    const batch = 20_000;
    for (let done = 0; done < n; done += batch) {
      sqlite.transaction(() => {
        for (let i = done; i < Math.min(n, done + batch); i++) {
          for (let k = 0; k < sig.length; k++) sig[k] = Math.floor(rand() * 0xffffffff);
          const id = `s${i.toString(36).padStart(8, '0')}`;
          sigStmt.run(id, 'en', `h${i}`, encodeSignature(sig), id, '2025-01-01T00:00:00.000Z');
          for (const b of bandKeys(sig, cfg)) bandStmt.run(b, id);
        }
      })();
    }
    sqlite.exec('INSERT OR IGNORE INTO dedupe_bands (bucket, article_id) SELECT bucket, article_id FROM bands_staging ORDER BY bucket, article_id');
    sqlite.exec('DROP TABLE bands_staging');
    sqlite.close();
    const seedSeconds = (performance.now() - start) / 1000;

    const store = await openStore(file);
    const times: number[] = [];
    let found = 0;
    let planted = 0;
    try {
      const half = analyses.slice(0, Math.ceil(analyses.length / 2));
      // Originals first (each a lookup that finds nothing), then edited copies of them (each should find its original).
      for (const a of half) {
        start = performance.now();
        const d = await decideLinks(a, store, ctx);
        times.push(performance.now() - start);
        await store.saveArticle(a, d, ctx.clock());
      }
      for (const a of half) {
        const paras = a.text.split('\n\n');
        if (paras.length < 4) continue;
        const copy = { ...a, id: `${a.id}-edit`, url: null, text: paras.slice(0, -1).join('\n\n') };
        planted++;
        start = performance.now();
        const d = await decideLinks(copy, store, ctx);
        times.push(performance.now() - start);
        // The generated articles are variants of a few templates, so the original may itself link to an earlier root.
        if (d.duplicateOf !== null) found++;
      }
    } finally {
      await store.close();
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    return {
      n,
      p50: q(0.5),
      p99: q(0.99),
      recall: planted ? found / planted : 1,
      dbMb: statSync(file).size / 1024 / 1024,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      seedSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
