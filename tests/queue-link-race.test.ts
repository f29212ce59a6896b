/**
 * Linking holds under concurrency: sixteen articles and a lightly edited copy
 * of each, enqueued side by side with `kiji jobs add`, worked by two
 * `kiji worker` processes at concurrency 4 into one store (a SQLite file,
 * then a PostgreSQL schema). Whichever copy of a pair lands first is the
 * original; the other is linked to it; no original is linked to another story.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { openStore } from '../src/store/index.js';
import { kiji } from './support/cli.js';
import { pair } from './support/generated-news.js';
import { cleanupQueues, testConfig, testQueueConfig, waitFor } from './support/queue.js';
import { postgresStore } from './support/stores.js';
import { startWorkerProc, stopWorkerProc, writeConfig, type WorkerProc } from './support/worker-procs.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-race-'));
const files: { original: string; copy: string }[] = [];
for (let i = 0; i < 16; i++) {
  const { original, copy } = pair(i);
  const o = join(dir, `a${String(i).padStart(2, '0')}-original.md`);
  const c = join(dir, `a${String(i).padStart(2, '0')}-copy.md`);
  writeFileSync(o, original);
  writeFileSync(c, copy);
  files.push({ original: o, copy: c });
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const stores: [string, () => Promise<{ db: string; cleanup(): Promise<void> }>][] = [
  ['SQLite', async () => ({ db: join(mkdtempSync(join(tmpdir(), 'kiji-race-db-')), 'kiji.db'), cleanup: async () => {} })],
  [
    'PostgreSQL',
    async () => {
      const t = await postgresStore();
      return { db: `${t.url}${t.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.schema}`)}`, cleanup: () => t.cleanup() };
    },
  ],
];

for (const [name, open] of stores) {
  describe(`linking under concurrency: ${name}`, () => {
    it('two worker processes at concurrency 4: every copy is linked to its original, no original to another story', async () => {
      const target = await open();
      cleanups.push(() => target.cleanup());
      const config = testConfig(testQueueConfig({ concurrency: 4 }), target.db);
      const env = { REDIS_URL: config.queue.redis, KIJI_QUEUE_PREFIX: config.queue.prefix };
      const redis = connectRedis(config.queue.redis);
      const q = openQueues(config.queue, redis);
      cleanups.push(async () => (await q.close(), redis.disconnect(), await cleanupQueues(config.queue)));

      // Side by side: article 1, its copy, article 2, its copy … so the two of a pair run at the same moment.
      const added = await kiji(['jobs', 'add', ...files.flatMap((f) => [f.original, f.copy])], { env });
      expect(added.stdout).toMatch(/enqueued 32 on kiji\.analyze/);
      const cfg = writeConfig(dir, { queue: { ...config.queue, concurrency: 4 }, store: { db: target.db }, logLevel: 'warn' });
      const procs: WorkerProc[] = [startWorkerProc(cfg, ['--queues', 'analyze']), startWorkerProc(cfg, ['--queues', 'analyze'])];
      try {
        await waitFor(async () => {
          const c = await q.queues.analyze.getJobCounts('completed', 'failed');
          return c.completed! + c.failed! === 32;
        }, 100);
        for (const p of procs) expect(await stopWorkerProc(p), p.stderr()).toBe(0);
      } finally {
        for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
      }
      expect((await q.queues.analyze.getFailed(0, -1)).map((j) => j.failedReason)).toEqual([]);

      const store = await openStore(target.db);
      try {
        const rows = await store.loadArticles();
        expect(rows).toHaveLength(32);
        const byUri = new Map(rows.map((r) => [r.analysis.source.uri, r]));
        const originals = new Set<string>();
        for (const f of files) {
          const a = byUri.get(f.original)!;
          const b = byUri.get(f.copy)!;
          // One of the pair is the original, the other is linked to it (whichever the workers took first).
          const [orig, copy] = a.duplicateOf === null ? [a, b] : [b, a];
          expect(orig.duplicateOf, f.original).toBeNull();
          expect(copy.duplicateOf, f.copy).toBe(orig.id);
          expect(copy.clusterId).toBe(orig.clusterId);
          originals.add(orig.id);
        }
        // Sixteen stories, each its own.
        expect(originals.size).toBe(16);
        const clusters = new Set(rows.filter((r) => r.duplicateOf === null).map((r) => r.clusterId));
        expect(clusters.size).toBe(16);
      } finally {
        await store.close();
      }
    }, 180_000);
  });
}
