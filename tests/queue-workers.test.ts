/**
 * Queue workers against real Redis and real stores: documents enqueued from
 * the fixtures end up in the store once each; bad input fails at once with
 * its payload kept; a retryable failure (the database away) is retried until
 * it succeeds; SIGTERM lets the running job finish.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis } from '../src/queue/connection.js';
import type { QueueConfig } from '../src/queue/config.js';
import { enqueueDocuments, enqueueSource, openQueues, type KijiQueues } from '../src/queue/queues.js';
import { acquireDocument } from '../src/fetch/index.js';
import type { RawDocument } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { runWorkers, type RunningWorkers } from '../workers/runner.js';
import { kiji } from './support/cli.js';
import { listFixtures, ROOT } from './support/fixtures.js';
import { cleanupQueues, testLog, freePort, testConfig, testContext, testQueueConfig, waitFor } from './support/queue.js';
import { DATABASE_URL, postgresStore, STORES } from './support/stores.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Fixture documents read exactly as `kiji jobs add` reads them. */
async function fixtureDocs(slugs: string[]): Promise<RawDocument[]> {
  const ctx = testContext(testConfig({}));
  const docs: RawDocument[] = [];
  for (const f of listFixtures().filter((x) => slugs.includes(x.slug))) docs.push(await acquireDocument({ kind: 'file', path: join(ROOT, f.source) }, ctx));
  return docs;
}

function queuesFor(cfg: QueueConfig): KijiQueues {
  const redis = connectRedis(cfg.redis);
  const q = openQueues(cfg, redis);
  cleanups.push(async () => {
    await q.close();
    redis.disconnect();
    await cleanupQueues(cfg);
  });
  return q;
}

// Three different stories: none is linked to another as a duplicate.
const THREE = ['ja-innovatopia-nvidia-korea-gpus', 'ko-hbm-export-outlook', 'en-samsung-foundry-results'];

for (const [name, open] of STORES) {
  describe(`queue end to end: ${name}`, () => {
    it('every enqueued document is analysed and stored once, also when enqueued twice', async () => {
      const t = await open();
      cleanups.push(() => t.cleanup());
      const config = testConfig(testQueueConfig());
      const q = queuesFor(config.queue);
      const docs = await fixtureDocs(THREE);
      expect(docs).toHaveLength(3);
      const ids = await enqueueDocuments(q, docs);
      // The same bytes again (a feed seen twice): the job ids are taken, nothing new is added.
      expect(await enqueueDocuments(q, docs)).toEqual(ids);
      expect(await q.queues.analyze.getWaitingCount()).toBe(3);

      const running = await runWorkers({ config, stages: ['analyze'], store: t.store });
      cleanups.push(() => running.close());
      await waitFor(async () => (await q.queues.analyze.getCompletedCount()) === 3);

      const stored = await t.store.listArticles();
      expect(stored).toHaveLength(3);
      expect(new Set(stored.map((a) => a.id)).size).toBe(3);
      expect(stored.map((a) => a.lang).sort()).toEqual(['en', 'ja', 'ko']);
      const results = await Promise.all(ids.map(async (id) => (await q.queues.analyze.getJob(id))!.returnvalue as { result: string; article_id: string }));
      expect(results.map((r) => r.result)).toEqual(['stored', 'stored', 'stored']);
      expect(results.map((r) => r.article_id).sort()).toEqual(stored.map((a) => a.id).sort());
      expect(await q.queues.analyze.getFailedCount()).toBe(0);
    }, 60_000);
  });
}

describe('queue failures', () => {
  it('bad input fails at once, keeps its payload, and is listed and retried by kiji jobs', async () => {
    const config = testConfig(testQueueConfig({ attempts: 5 }));
    const q = queuesFor(config.queue);
    const bad = { source: { kind: 'file', uri: 'broken.md' }, format: 'markdown' }; // no body: not a document
    await q.queues.analyze.add('analyze', bad, { jobId: 'doc-broken' });
    const missing = await enqueueSource(q, join(ROOT, 'fixtures', 'no-such-article.md'));

    const running = await runWorkers({ config, stages: ['analyze', 'poll'], store: await openStore(':memory:') });
    cleanups.push(() => running.close());
    await waitFor(async () => (await q.queues.analyze.getFailedCount()) === 1 && (await q.queues.poll.getFailedCount()) === 1);

    const job = (await q.queues.analyze.getJob('doc-broken'))!;
    expect(job.attemptsMade).toBe(1); // 5 attempts allowed, 1 used: bad input is not retried
    expect(job.failedReason).toMatch(/^queue: job doc-broken: bad payload: body: .*\[bad_request\]$/);
    expect(job.data).toEqual(bad);
    const poll = (await q.queues.poll.getJob(missing))!;
    expect(poll.attemptsMade).toBe(1);
    expect(poll.failedReason).toMatch(/no-such-article\.md.*\[not_found\]/);

    const env = { REDIS_URL: config.queue.redis, KIJI_QUEUE_PREFIX: config.queue.prefix };
    const listed = await kiji(['jobs', 'failed', '--format', 'json'], { env });
    expect(listed.code).toBe(0);
    const failed = JSON.parse(listed.stdout) as { queue: string; id: string; input: string; reason: string; data: unknown }[];
    expect(failed.map((f) => f.queue).sort()).toEqual(['kiji.analyze', 'kiji.poll']);
    expect(failed.find((f) => f.id === 'doc-broken')).toMatchObject({ input: 'broken.md', data: bad });

    await running.close();
    const retried = await kiji(['jobs', 'retry', 'doc-broken'], { env });
    expect(retried.code).toBe(0);
    expect(await q.queues.analyze.getFailedCount()).toBe(0);
    expect(await q.queues.analyze.getJobState('doc-broken')).toBe('waiting');
    expect((await kiji(['jobs', 'retry', 'doc-nothing'], { env })).code).toBe(1);
  }, 60_000);

  it('a retryable failure (the database unreachable) is retried with backoff until it succeeds', async () => {
    // A PostgreSQL schema of our own, reached through a port where nothing listens yet.
    const t = await postgresStore();
    cleanups.push(() => t.cleanup());
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/test?options=${encodeURIComponent(`-c search_path=${t.schema}`)}`;
    const config = testConfig(testQueueConfig({ attempts: 10, backoffMs: 300 }), url);
    const q = queuesFor(config.queue);
    const [doc] = await fixtureDocs(['ko-hbm-export-outlook']);
    const [id] = await enqueueDocuments(q, [doc!]);

    const lines: string[] = [];
    const running: RunningWorkers = await runWorkers({ config, log: testLog(lines), stages: ['analyze'] });
    cleanups.push(() => running.close());
    await waitFor(() => lines.some((l) => l.includes('"msg":"job will retry"')));
    expect(await q.queues.analyze.getJobState(id!)).toMatch(/delayed|waiting|active/);

    // The database comes back: a TCP relay to the real PostgreSQL on that port.
    const relay = await tcpRelay(port, new URL(DATABASE_URL).port ? Number(new URL(DATABASE_URL).port) : 5432);
    cleanups.push(() => relay.close());
    await waitFor(async () => (await q.queues.analyze.getJobState(id!)) === 'completed');
    await running.close(); // before the relay goes: the store's connections run through it

    const job = (await q.queues.analyze.getJob(id!))!;
    expect(job.attemptsMade).toBeGreaterThan(1);
    const stored = await t.store.listArticles();
    expect(stored.map((a) => a.lang)).toEqual(['ko']);
    const retry = JSON.parse(lines.find((l) => l.includes('"msg":"job will retry"'))!) as Record<string, unknown>;
    expect(retry).toMatchObject({ queue: 'kiji.analyze', job_id: id, attempt: 1, will_retry: true });
    expect(String(retry.code)).toMatch(/unavailable|migration_failed/);
  }, 60_000);
});

describe('backlog runs', () => {
  it('untilEmpty: the workers close by themselves once the queue holds nothing more to take', async () => {
    const config = testConfig(testQueueConfig());
    const q = queuesFor(config.queue);
    await enqueueDocuments(q, await fixtureDocs(['ko-blackrock-ai-hub-html', 'en-nvidia-korea-gpus-html']));
    const store = await openStore(':memory:');
    const running = await runWorkers({ config, stages: ['analyze'], store, untilEmpty: true });
    await running.closed;
    expect(await q.queues.analyze.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 2, waiting: 0, active: 0 });
    expect((await store.listArticles()).map((a) => a.lang).sort()).toEqual(['en', 'ko']);
    await store.close();
  }, 60_000);
});

describe('graceful shutdown', () => {
  it('SIGTERM lets the running job finish and leaves the rest waiting, none lost', async () => {
    const queue = testQueueConfig({ concurrency: 1 });
    const config = testConfig(queue);
    const q = queuesFor(config.queue);
    const docs = await fixtureDocs(listFixtures().map((f) => f.slug));
    await enqueueDocuments(q, docs);
    const dir = mkdtempSync(join(tmpdir(), 'kiji-shutdown-'));
    const cfgFile = join(dir, 'kiji.yaml');
    writeFileSync(cfgFile, `queue:\n  redis: ${queue.redis}\n  prefix: ${queue.prefix}\n  concurrency: 1\nstore:\n  db: ${join(dir, 'kiji.db')}\nlogLevel: info\n`);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'worker', '--queues', 'analyze', '--config', cfgFile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    cleanups.push(async () => void (child.exitCode === null && child.kill('SIGKILL')));

    const [active] = await waitFor(async () => {
      const jobs = await q.queues.analyze.getActive();
      return jobs.length ? jobs : null;
    }, 20);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    expect(await q.queues.analyze.getJobState(active!.id!)).toBe('completed');
    const counts = await q.queues.analyze.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(counts.active).toBe(0);
    expect(counts.failed).toBe(0);
    expect(counts.completed).toBeGreaterThanOrEqual(1);
    expect(counts.completed! + counts.waiting!).toBe(docs.length);
    expect(stderr).toContain('"msg":"shutting down: finishing running jobs"');
    expect(stderr).toContain('"msg":"workers stopped"');
    const store = await openStore(join(dir, 'kiji.db'));
    expect((await store.listArticles()).length).toBe(counts.completed);
    await store.close();
  }, 60_000);
});

/** A plain TCP relay: bytes in, bytes out; stands for the database coming back on its address. */
async function tcpRelay(listenPort: number, targetPort: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy());
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(listenPort, '127.0.0.1', () => r()));
  return {
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
