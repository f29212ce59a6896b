/// <reference lib="dom" />
/**
 * The reader's edge, as an attacker meets it: request bodies over the limit
 * are refused before anything reads or authenticates them (issue 17 #4), a
 * Host the reader was not told about gets 421 however the request got here
 * (DNS rebinding, #5), and the queue dashboard (Bull Board at /queues)
 * renders in Chromium under its CSP, read-only without the reviewer token.
 * Then `kiji serve` itself: a port already taken is one line, not a stack.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { createContext, type StageContext } from '../src/context.js';
import { createLogger } from '../src/log.js';
import { connectRedis } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { createQueueWeb } from '../src/queue/web.js';
import { listOverrides } from '../src/review/overrides.js';
import { openStore, type Store } from '../src/store/index.js';
import { startWebServer, type WebServer } from '../src/web/index.js';
import { runWorkers } from '../workers/runner.js';
import { launchChromium } from './support/browser.js';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';
import { cleanupQueues, freePort, testConfig, testQueueConfig, waitFor } from './support/queue.js';

const TOKEN = 'reviewer-token-for-the-edge-tests';
const ARTICLE = `---
title: "반도체 수출 사상 최대"
date: 2025-11-01T09:00:00+09:00
---

산업통상자원부는 10월 반도체 수출이 지난해 같은 달보다 약 25% 늘어난 166억 달러로 월간 기준 사상 최대를 기록했다고 밝혔다.

인공지능 서버용 고대역폭메모리(HBM) 수요가 수출 증가를 이끌었다.
`;

let dir: string;
let store: Store;
let ctx: StageContext;
let articleId: string;

/** A raw HTTP request with the Host header we choose (fetch will not let us). */
function raw(url: string, opts: { method?: string; host?: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: number; chunkBytes?: number } = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: { ...(opts.host ? { Host: opts.host } : {}), ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    // The server may answer and close before the whole body is sent: that is the point. A connection it
    // cut before the answer arrived is status 0.
    req.on('error', (err: NodeJS.ErrnoException) => (/EPIPE|ECONNRESET|socket hang up/.test(`${err.code} ${err.message}`) ? resolve({ status: 0, body: '' }) : reject(err)));
    if (opts.chunks) {
      const chunk = Buffer.alloc(opts.chunkBytes ?? 64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < opts.chunks! && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else req.end(opts.body);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-web-edge-'));
  writeFileSync(join(dir, 'ko-export.md'), ARTICLE);
  const db = join(dir, 'kiji.db');
  const r = await kiji(['ingest', join(dir, 'ko-export.md'), '--db', db]);
  expect(r.code).toBe(0);
  ctx = createContext(loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { store: { db }, web: { maxBodyBytes: 64 * 1024, hosts: ['news.example.org', '*.kiji.example'] } } }), { log: createLogger({ level: 'silent' }) });
  store = await openStore(db);
  articleId = (await store.listArticles())[0]!.id;
}, 90_000);

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('request bodies over the limit', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, token: TOKEN });
  });
  afterAll(() => server?.close());

  it('refuses a big body with 413 on every route, before auth and before parsing — declared or streamed', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url };
    for (const path of [`/review/${articleId}/overrides`, '/login', '/overrides/x/delete', '/queues/api/queues/kiji.analyze/retry/failed', '/no-such-page']) {
      // Declared: refused on the Content-Length alone.
      const declared = await raw(server.url + path, { method: 'POST', headers: form, body: Buffer.alloc(256 * 1024, 'a') });
      expect(declared.status, path).toBe(413);
      expect(declared.body).toContain('too large');
      // Streamed without a length (50 MB offered): refused once the limit is crossed — a 413, or the
      // connection cut when the client is still sending — never read to the end.
      const streamed = await raw(server.url + path, { method: 'POST', headers: { ...form, 'Transfer-Encoding': 'chunked' }, chunks: 800, chunkBytes: 64 * 1024 });
      expect([413, 0], path).toContain(streamed.status);
    }
    // And the reader is still there for everyone else.
    expect((await raw(`${server.url}/articles/${articleId}`)).status).toBe(200);
    expect(await listOverrides(store)).toEqual([]);
  }, 60_000);

  it('still takes a form under the limit', async () => {
    const ok = await raw(`${server.url}/review/${articleId}/overrides`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Authorization: `Bearer ${TOKEN}` },
      body: 'kind=not-duplicate&other=0000000000000000&note=' + 'n'.repeat(1000),
    });
    expect(ok.status).toBe(303);
    expect(await listOverrides(store)).toHaveLength(1);
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it('on loopback: answers 127.0.0.1, [::1]-style addresses and localhost; refuses any other name, reads and writes alike', async () => {
    const server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0 });
    try {
      const port = new URL(server.url).port;
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) expect((await raw(`${server.url}/articles/${articleId}`, { host })).status, host).toBe(200);
      // A page on attacker.example whose name now resolves to 127.0.0.1: its requests carry its own name.
      const evil = `attacker.example:${port}`;
      const read = await raw(`${server.url}/articles/${articleId}`, { host: evil });
      expect(read.status).toBe(421);
      expect(read.body).not.toContain('반도체');
      expect((await raw(`${server.url}/metrics`, { host: evil })).status).toBe(421);
      const before = (await listOverrides(store)).length;
      const write = await raw(`${server.url}/review/${articleId}/overrides`, {
        method: 'POST',
        host: evil,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `http://${evil}`, 'Sec-Fetch-Site': 'same-origin' },
        body: 'kind=not-duplicate&other=1111111111111111',
      });
      expect(write.status).toBe(421);
      expect(await listOverrides(store)).toHaveLength(before);
    } finally {
      await server.close();
    }
  });

  it('beyond loopback: answers the names in web.hosts (KIJI_WEB_HOSTS), their wildcards and IP addresses; 421 otherwise', async () => {
    const server = await startWebServer({ store, ctx, host: '0.0.0.0', port: 0, token: TOKEN });
    try {
      for (const host of ['news.example.org', 'a.kiji.example:8080', '127.0.0.1', 'NEWS.example.org.']) expect((await raw(`${server.url}/`, { host })).status, host).toBe(200);
      for (const host of ['example.org', 'news.example.org.attacker.example', 'kiji.example', 'x.news.example.org']) expect((await raw(`${server.url}/`, { host })).status, host).toBe(421);
    } finally {
      await server.close();
    }
  });
});

describe('queue dashboard (Bull Board) in Chromium', () => {
  const queue = testQueueConfig();
  const config = testConfig(queue);
  let browser: BrowserContext;
  let web: ReturnType<typeof createQueueWeb>;
  let open: WebServer;
  let guarded: WebServer;

  beforeAll(async () => {
    // A job with a bad payload fails at once on a real worker: something to look at and to retry.
    const redis = connectRedis(config.queue.redis);
    const q = openQueues(config.queue, redis);
    await q.queues.analyze.add('analyze', { source: { kind: 'url', uri: 'https://example.com/x' }, body: 42 }, { jobId: 'doc-bad-payload' });
    const worker = await runWorkers({ config, log: createLogger({ level: 'silent' }), stages: ['analyze'], store });
    await waitFor(async () => (await q.queues.analyze.getFailedCount()) === 1);
    await worker.close();
    await q.close();
    redis.disconnect();
    web = createQueueWeb(config.queue);
    const mounts = { queues: web.queues, metrics: web.metrics };
    open = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, mounts });
    guarded = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, token: TOKEN, mounts });
    browser = await launchChromium(join(dir, 'chromium'), { viewport: { width: 1200, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await open?.close();
    await guarded?.close();
    await web?.close();
    await cleanupQueues(config.queue);
  });

  it('renders kiji\'s queues and the failed job, with no script blocked and none inline', async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && !/fonts\.googleapis|Failed to load resource/.test(m.text()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${open.url}/queues`);
    expect(res?.status()).toBe(200);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    await page.getByText('kiji.analyze').first().waitFor({ timeout: 20_000 });
    await page.goto(`${open.url}/queues/queue/kiji.analyze?status=failed`);
    await page.getByText('doc-bad-payload').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(ROOT, 'test-output', 'screenshots', 'queues-bull-board.png') }).catch(() => {});
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    // The page's own script, asking to retry without the token: refused, and the job stays failed.
    const status = await page.evaluate(async () => (await fetch('/queues/api/queues/kiji.analyze/retry/failed', { method: 'PUT' })).status);
    expect(status).toBe(403);
  }, 60_000);

  it('lets only a reviewer with the token change jobs', async () => {
    const q = openQueues(config.queue, connectRedis(config.queue.redis));
    try {
      // Without credentials: refused (a request with no Origin is refused as cross-site first).
      const anonymous = await fetch(`${guarded.url}/queues/api/queues/kiji.analyze/retry/failed`, { method: 'PUT' });
      expect([401, 403]).toContain(anonymous.status);
      const sameOrigin = await fetch(`${guarded.url}/queues/api/queues/kiji.analyze/retry/failed`, { method: 'PUT', headers: { Origin: guarded.url } });
      expect(sameOrigin.status).toBe(401);
      const wrong = await fetch(`${guarded.url}/queues/api/queues/kiji.analyze/retry/failed`, { method: 'PUT', headers: { Authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect(await q.queues.analyze.getFailedCount()).toBe(1);
      const reviewer = await fetch(`${guarded.url}/queues/api/queues/kiji.analyze/retry/failed`, { method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(reviewer.status).toBeLessThan(300);
      await waitFor(async () => (await q.queues.analyze.getFailedCount()) === 0 || null);
    } finally {
      await q.close();
      q.redis.disconnect();
    }
  });
});

describe('review overrides when re-analysis fails', () => {
  it('says the override was recorded but the article could not be analysed again, and logs why', async () => {
    const file = join(dir, 'ko-repeat.md');
    const para = '산업통상자원부는 10월 반도체 수출이 지난해 같은 달보다 약 25% 늘어난 166억 달러로 월간 기준 사상 최대를 기록했다고 밝혔다.';
    writeFileSync(file, `---\ntitle: "반도체 수출 사상 최대 다시"\n---\n\n${para}\n\n인공지능 서버용 고대역폭메모리 수요가 증가를 이끌었다. 업계는 내년에도 공급이 부족할 것으로 본다.\n\n${para}\n`);
    expect((await kiji(['ingest', file, '--db', ctx.config.store.db])).code).toBe(0);
    const stored = (await store.loadArticles()).find((a) => a.analysis.source.uri === file)!;
    const dropped = stored.analysis.dropped.find((d) => d.reason === 'exact-duplicate')!;
    expect(dropped).toBeDefined();
    // The source is now unreadable: re-analysis cannot happen.
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]));
    const lines: string[] = [];
    const logged = createContext(ctx.config, { log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
    const server = await startWebServer({ store, ctx: logged, host: '127.0.0.1', port: 0, cwd: ROOT });
    try {
      const res = await fetch(`${server.url}/review/${stored.id}/overrides`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
        body: `kind=keep&index=${dropped.index}&sentence=`,
      });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toContain('done=failed');
      const page = await (await fetch(server.url + location)).text();
      expect(page).toContain('Override recorded, but analysing the article again failed');
      const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).startsWith('review re-analysis'));
      expect(line).toMatchObject({ article_id: stored.id, stage: expect.any(String), code: expect.any(String) });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('kiji serve', () => {
  it('says the port is taken, in one line, and exits 1', async () => {
    const port = await freePort();
    const env = { ...process.env, KIJI_LOG_LEVEL: 'silent', REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
    const args = [join(ROOT, 'bin', 'kiji.js'), 'serve', '--port', String(port), '--db', join(dir, 'serve.db')];
    const first = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let firstErr = '';
    first.stderr!.on('data', (b: Buffer) => (firstErr += b.toString()));
    try {
      await waitFor(() => firstErr.includes('kiji serve: reading'));
      const second = await kiji(['serve', '--port', String(port), '--db', join(dir, 'serve.db')], { env: { REDIS_URL: env.REDIS_URL } });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`^kiji serve: port ${port} .* is already in use`, 'm'));
      expect(second.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      first.kill('SIGTERM');
      await new Promise((r) => first.once('exit', r));
    }
  }, 60_000);
});
