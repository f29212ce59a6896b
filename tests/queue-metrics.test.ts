/**
 * Operations: the Prometheus exposition and the queue dashboard `kiji serve`
 * mounts, one structured log line per job outcome, and the per-host
 * politeness schedule shared through Redis by separate connections (as by
 * workers on separate machines).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useResource } from '../src/context.js';
import { acquireDocument } from '../src/fetch/index.js';
import { hostSchedulerResource } from '../src/fetch/http/scheduler.js';
import { join } from 'node:path';
import { connectRedis } from '../src/queue/connection.js';
import { createRedisHostScheduler } from '../src/queue/host-scheduler.js';
import { ownKey } from '../src/queue/names.js';
import { enqueueDocuments, openQueues } from '../src/queue/queues.js';
import { createQueueWeb } from '../src/queue/web.js';
import type { RawDocument } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { runWorkers } from '../workers/runner.js';
import { listFixtures, ROOT } from './support/fixtures.js';
import { cleanupQueues, testLog, freePort, testConfig, testContext, testQueueConfig, waitFor } from './support/queue.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('metrics, dashboard and logs', () => {
  it('exports jobs by state, latency histograms, ingest results and dedupe drops; logs one line per outcome', async () => {
    const config = testConfig(testQueueConfig({ metricsFlushMs: 100_000 }));
    const redis = connectRedis(config.queue.redis);
    const q = openQueues(config.queue, redis);
    const web = createQueueWeb(config.queue);
    cleanups.push(async () => (await web.close(), await q.close(), redis.disconnect(), await cleanupQueues(config.queue)));
    const ctx0 = testContext(config);
    const docs: RawDocument[] = [];
    // Four stories, one of them twice: a wire story and its syndicated copy, which dedupe links as a duplicate.
    const slugs = ['ja-innovatopia-nvidia-korea-gpus', 'ko-hbm-export-outlook', 'en-samsung-foundry-results', 'en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated'];
    for (const slug of slugs) {
      const f = listFixtures().find((x) => x.slug === slug)!;
      docs.push(await acquireDocument({ kind: 'file', path: join(ROOT, f.source) }, ctx0));
    }
    await enqueueDocuments(q, docs);
    await q.queues.analyze.add('analyze', { source: { kind: 'url', uri: 'https://example.com/x' }, body: 42 }, { jobId: 'doc-bad-payload' });

    const lines: string[] = [];
    const store = await openStore(':memory:');
    // One at a time, so the copy is linked to an original already stored.
    const running = await runWorkers({ config, log: testLog(lines), stages: ['analyze'], store, concurrency: 1 });
    await waitFor(async () => (await q.queues.analyze.getCompletedCount()) === 5 && (await q.queues.analyze.getFailedCount()) === 1);
    await running.close(); // flushes this worker's counts to Redis
    await store.close();

    const res = await web.metrics(new Request('http://kiji.local/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('kiji_jobs{queue="kiji.analyze",state="completed"} 5');
    expect(text).toContain('kiji_jobs{queue="kiji.analyze",state="failed"} 1');
    expect(text).toContain('kiji_articles_total{result="stored"} 4');
    expect(text).toContain('kiji_articles_total{result="duplicate"} 1');
    expect(text).toContain('kiji_jobs_processed_total{outcome="completed",queue="kiji.analyze"} 5');
    expect(text).toContain('kiji_jobs_processed_total{outcome="failed",queue="kiji.analyze"} 1');
    expect(text).toContain('kiji_job_duration_seconds_count{queue="kiji.analyze"} 6');
    expect(text).toMatch(/# TYPE kiji_job_duration_seconds histogram/);
    // Buckets are cumulative and end in +Inf = count.
    const buckets = [...text.matchAll(/^kiji_job_duration_seconds_bucket\{le="([^"]+)",queue="kiji.analyze"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(buckets.at(-1)).toEqual(['+Inf', 6]);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]![1]).toBeGreaterThanOrEqual(buckets[i - 1]![1]);
    // The seed-like fixtures carry repeated and boilerplate paragraphs that dedupe drops.
    expect(text).toMatch(/^kiji_paragraphs_dropped_total\{reason="[a-z-]+"\} [1-9]\d*$/m);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^kiji_[a-z_]+(\{[^}]*\})? -?[\d.e+-]+$/);

    // The dashboard (Bull Board) over the same queues: the page, and its API with counts and the failed job's reason.
    const dash = await web.queues(new Request('http://kiji.local/queues'), { write: false });
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain('kiji queues (read-only)');
    const api = (await (await web.queues(new Request('http://kiji.local/queues/api/queues?activeQueue=kiji.analyze&status=failed'), { write: false })).json()) as {
      queues: { name: string; counts: Record<string, number>; jobs: { id: string; failedReason: string }[] }[];
    };
    const analyze = api.queues.find((x) => x.name === 'kiji.analyze')!;
    expect(analyze.counts).toMatchObject({ completed: 5, failed: 1 });
    expect(analyze.jobs.map((j) => [j.id, j.failedReason])).toEqual([['doc-bad-payload', expect.stringContaining('queue: job doc-bad-payload: bad payload')]]);
    // Read-only: the board refuses to retry.
    const retry = await web.queues(new Request('http://kiji.local/queues/api/queues/kiji.analyze/retry/failed', { method: 'PUT' }), { write: false });
    expect(retry.status).toBe(405);
    expect(await q.queues.analyze.getFailedCount()).toBe(1);
    // Persistence is exposed for an alert (the test Redis may or may not keep an append-only file).
    expect(text).toMatch(/^kiji_redis_persistence\{mode="aof"\} [01]$/m);

    const outcomes = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).startsWith('job '));
    expect(outcomes.filter((l) => l.msg === 'job completed')).toHaveLength(5);
    expect(outcomes.filter((l) => l.msg === 'job failed')).toHaveLength(1);
    for (const l of outcomes) {
      expect(Object.keys(l).every((k) => /^[a-z][a-z0-9_]*$/.test(k))).toBe(true);
      expect(l).toMatchObject({ stage: 'queue', queue: 'kiji.analyze' });
      expect(typeof l.duration_ms).toBe('number');
    }
    const byResult = (r: string) => outcomes.filter((l) => l.result === r).map((l) => l.input);
    expect(byResult('stored').sort()).toEqual(docs.slice(0, 4).map((d) => d.source.uri).sort());
    expect(byResult('duplicate')).toEqual([docs[4]!.source.uri]);
    expect(outcomes.find((l) => l.result === 'duplicate')!.duplicate_of).toBe(outcomes.find((l) => l.input === docs[3]!.source.uri)!.article_id);
  }, 60_000);

  it('answers 503 on /metrics when Redis is not there', async () => {
    const config = testConfig(testQueueConfig({ redis: `redis://127.0.0.1:${await freePort()}` }));
    const web = createQueueWeb(config.queue, { timeoutMs: 500 });
    cleanups.push(() => web.close());
    const res = await web.metrics(new Request('http://kiji.local/metrics'));
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^metrics: queue: /);

  });
});

describe('per-host politeness in Redis', () => {
  it('spaces requests to one host across separate connections, and leaves other hosts alone', async () => {
    const cfg = testQueueConfig();
    const a = connectRedis(cfg.redis!);
    const b = connectRedis(cfg.redis!);
    cleanups.push(async () => (a.disconnect(), b.disconnect(), await cleanupQueues(testConfig(cfg).queue)));
    const machineA = createRedisHostScheduler(a, { prefix: cfg.prefix!, hashTag: false });
    const machineB = createRedisHostScheduler(b, { prefix: cfg.prefix!, hashTag: false });
    // Six requests to one host from two "machines" at once: six slots, each a full interval after the one before, on Redis's clock.
    const slots = await Promise.all([machineA, machineB, machineA, machineB, machineA, machineB].map((s) => s.reserve('www.yna.co.kr', 120)));
    const at = slots.map((s) => s.at).sort((x, y) => x - y);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBe(120);
    // Another host does not wait behind them.
    expect((await machineB.reserve('www3.nhk.or.jp', 120)).waitMs).toBe(0);
    // acquire() waits for its slot: the seventh request cannot start before six intervals have passed since the first slot.
    const t0 = performance.now();
    await machineA.acquire('www.yna.co.kr', 120);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(slots.reduce((m, s) => Math.max(m, s.waitMs), 0) - 120 - 50);
    expect(await a.exists(ownKey({ prefix: cfg.prefix!, hashTag: false }, 'host', 'www.yna.co.kr'))).toBe(1);
  });

  it('the workers put the Redis schedule into the context the fetch stage reads', async () => {
    const config = testConfig(testQueueConfig());
    const running = await runWorkers({ config, stages: ['fetch'], store: await openStore(':memory:') });
    cleanups.push(async () => (await running.close(), await cleanupQueues(config.queue)));
    const scheduler = await useResource(running.rt.ctx, hostSchedulerResource);
    await scheduler.acquire('news.example.kr', 50);
    expect(await running.queues.redis.exists(ownKey(config.queue, 'host', 'news.example.kr'))).toBe(1);
  });
});
