/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The reader treats article content as hostile. Articles carrying <script>,
 * onerror= attributes and javascript: links (as markup, as escaped text in
 * the body, and in metadata) are ingested for real and opened in Chromium:
 * no script of theirs runs, nothing they carry becomes a live attribute or
 * link, and every page sends a Content-Security-Policy without inline script.
 * Then the reviewer token: required beyond loopback, overrides off without
 * one, and cross-site posts refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestAll } from '../src/cli/commands/ingest.js';
import { createRuntime } from '../src/runtime.js';
import { loadConfig } from '../src/config/load.js';
import { createContext, type StageContext } from '../src/context.js';
import { ConfigError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/index.js';
import { listOverrides } from '../src/review/overrides.js';
import { createWebApp, startWebServer, type WebServer } from '../src/web/index.js';
import { ROOT } from './support/fixtures.js';

const TOKEN = 'correct-horse-battery-staple-42';

const EN_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Samsung memory profit beats forecasts &lt;script&gt;window.__kijiPwned='title'&lt;/script&gt;</title>
<meta property="og:url" content="javascript:window.__kijiPwned='og-url'">
<meta property="og:site_name" content="Chip &lt;img src=x onerror=window.__kijiPwned='site'&gt; Wire">
<script>window.__kijiPwned = 'head-script';</script>
</head><body>
<nav><a href="javascript:window.__kijiPwned='nav'">Home</a></nav>
<article>
<h1>Samsung memory profit beats forecasts <img src="x" onerror="window.__kijiPwned='h1-img'"></h1>
<p>SEOUL, Oct 30 — Samsung Electronics said on Thursday its third-quarter operating profit rose 32.5 percent from a year earlier to 12.2 trillion won, beating analysts' forecasts, as demand for high-bandwidth memory used in AI servers kept growing.<script>window.__kijiPwned='body-script'</script></p>
<p>The company said sales of HBM3E chips to NVIDIA and other customers roughly doubled from the previous quarter. <a href="javascript:window.__kijiPwned='link'">Read the full statement</a> or <a href="https://example.com/filing" onclick="window.__kijiPwned='onclick'">the filing</a>.</p>
<p>One analyst's note, quoted in full, read &lt;script&gt;window.__kijiPwned='text'&lt;/script&gt; and &lt;img src=x onerror="window.__kijiPwned='text-img'"&gt; — a joke about the injection of capital into memory lines.</p>
<p>Revenue rose 8.8 percent to a record 86.1 trillion won. The foundry business narrowed its loss, and the company said it expects demand for server memory to stay strong through next year as cloud companies expand their AI data centres.</p>
<p onmouseover="window.__kijiPwned='hover'">Shares of Samsung Electronics rose 3 percent in Seoul after the results, while those of rival SK hynix were little changed.</p>
</article></body></html>
`;

const JA_MD = `---
title: "半導体輸出、10月は過去最高 <script>window.__kijiPwned='ja-title'</script>"
date: 2025-11-01T09:00:00+09:00
author: "<img src=x onerror=window.__kijiPwned='ja-author'>"
tags: ["<script>window.__kijiPwned='ja-tag'</script>", "半導体"]
---

韓国の10月の半導体輸出は前年同月比で約25%増え、過去最高の166億ドルに達した。AIサーバー向けの高帯域幅メモリー（HBM）の需要が引き続き強い。

<script>window.__kijiPwned='ja-body-script'</script>

業界団体の資料には <img src=x onerror="window.__kijiPwned='ja-img'"> という記述や [詳しくはこちら](javascript:window.__kijiPwned='ja-link') というリンクも含まれていたが、本文の内容には関係しない。

サムスン電子とSKハイニックスは、来年もメモリーの供給が需要に追いつかないとの見方を示している。
`;

const KO_TXT = `반도체 수출 사상 최대… 10월 166억 달러 <script>window.__kijiPwned='ko-title'</script>

산업통상자원부는 10월 반도체 수출이 지난해 같은 달보다 약 25% 늘어난 166억 달러로 월간 기준 사상 최대를 기록했다고 밝혔다. 인공지능 서버용 고대역폭메모리(HBM) 수요가 수출 증가를 이끌었다.

보도자료에는 <img src=x onerror="window.__kijiPwned='ko-img'"> 와 <a href="javascript:window.__kijiPwned='ko-link'">원문 보기</a> 같은 문자열이 그대로 들어 있었다.

삼성전자와 SK하이닉스는 내년에도 메모리 공급이 수요를 따라가지 못할 것으로 내다봤다.

인공지능 서버용 고대역폭메모리(HBM) 수요가 수출 증가를 이끌었다.
`;

let dir: string;
let ctx: StageContext;
let store: Store;
let server: WebServer;
let browser: BrowserContext;
let page: Page;
const ids: string[] = [];
const dialogs: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-web-sec-'));
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  writeFileSync(join(docs, 'en-hostile.html'), EN_HTML);
  writeFileSync(join(docs, 'ja-hostile.md'), JA_MD);
  writeFileSync(join(docs, 'ko-hostile.txt'), KO_TXT);
  ctx = createContext(loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { store: { db: join(dir, 'kiji.db') } } }), {
    log: createLogger({ level: 'silent' }),
    clock: () => new Date('2025-11-02T00:00:00Z'),
  });
  store = await openStore(ctx.config.store.db);
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]), env: {}, cwd: ROOT };
  const tally = await ingestAll([docs], await createRuntime(ctx.config, { store, clock: ctx.clock, log: ctx.log }), io);
  for (const r of tally.results) if (r.result.status === 'stored' || r.result.status === 'duplicate') ids.push(r.result.id);
  expect(ids).toHaveLength(3);
  server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, cwd: ROOT });
  browser = await launchChromium(join(dir, 'chromium'));
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function inert(url: string): Promise<string> {
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  const csp = res!.headers()['content-security-policy']!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("default-src 'none'");
  // Hovering and clicking what the article offered must not run anything either.
  for (const a of await page.locator('main a').all()) await a.hover({ timeout: 1000 }).catch(() => {});
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __kijiPwned?: string }).__kijiPwned ?? null,
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    handlers: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
    scriptLinks: [...document.querySelectorAll('a[href], form[action]')].map((e) => e.getAttribute('href') ?? e.getAttribute('action')!).filter((h) => !/^(https?:\/\/|\/|#|\?)/i.test(h)),
    images: document.images.length,
    text: document.body.innerText,
  }));
  expect(state.pwned).toBeNull();
  expect(state.scripts).toEqual(['/static/app.js']);
  expect(state.handlers).toEqual([]);
  expect(state.scriptLinks).toEqual([]);
  expect(state.images).toBe(0);
  expect(dialogs).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|kijiPwned/i.test(e))).toEqual([]);
  return state.text;
}

describe('hostile articles render inert', () => {
  it('shows markup from the article as text on the article pages, in all three languages', async () => {
    const texts = [];
    for (const id of ids) texts.push(await inert(`${server.url}/articles/${id}`));
    const all = texts.join('\n');
    // The article's own words about <script> and onerror= are there to read, as text.
    expect(all).toContain("<script>window.__kijiPwned='text'</script>");
    // (Markdown reads `__` as emphasis, so the Japanese copy may have lost it.)
    expect(all).toMatch(/<img src=x onerror="window\.(__)?kijiPwned='ko-img'">/);
    expect(all).toMatch(/<img src=x onerror="window\.(__)?kijiPwned='ja-img'">/);
    expect(all).toContain('원문 보기');
  });

  it('keeps the digest, reviews, sources and overrides pages inert too', async () => {
    await inert(`${server.url}/digest`);
    for (const id of ids) await inert(`${server.url}/review/${id}`);
    await inert(`${server.url}/sources`);
    await inert(`${server.url}/overrides`);
  });

  it('refuses an override posted from another site', async () => {
    const res = await fetch(`${server.url}/review/${ids[0]}/overrides`, { method: 'POST', redirect: 'manual', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'kind=not-duplicate&other=x' });
    expect(res.status).toBe(403);
    expect(await listOverrides(store)).toEqual([]);
  });
});

describe('reviewer token', () => {
  const post = (base: string, id: string, headers: Record<string, string> = {}, body = 'kind=not-duplicate&other=0000000000000000') =>
    fetch(`${base}/review/${id}/overrides`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...headers }, body });

  it('turns overrides off when the server listens beyond loopback without a token', async () => {
    const open = await startWebServer({ store, ctx, host: '0.0.0.0', port: 0 });
    try {
      expect((await fetch(`${open.url}/articles/${ids[0]}`)).status).toBe(200);
      const review = await (await fetch(`${open.url}/review/${ids[0]}`)).text();
      expect(review).toContain('Overrides are off');
      expect(review).not.toContain('method="post"');
      expect((await post(open.url, ids[0]!)).status).toBe(403);
    } finally {
      await open.close();
    }
    expect(await listOverrides(store)).toEqual([]);
  });

  it('requires the token beyond loopback: by sign-in cookie or bearer header', async () => {
    const guarded = await startWebServer({ store, ctx, host: '0.0.0.0', port: 0, token: TOKEN });
    try {
      expect((await post(guarded.url, ids[0]!)).status).toBe(401);
      expect((await post(guarded.url, ids[0]!, { Authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
      const bad = await fetch(`${guarded.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: guarded.url }, body: 'token=nope&next=/' });
      expect(bad.status).toBe(401);
      const login = await fetch(`${guarded.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: guarded.url }, body: `token=${TOKEN}&next=/overrides` });
      expect(login.status).toBe(303);
      expect(login.headers.get('location')).toBe('/overrides');
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).not.toContain(TOKEN);
      const withCookie = await post(guarded.url, ids[0]!, { Cookie: cookie.split(';')[0]! });
      expect(withCookie.status).toBe(303);
      const withBearer = await post(guarded.url, ids[1]!, { Authorization: `Bearer ${TOKEN}` });
      expect(withBearer.status).toBe(303);
      expect((await listOverrides(store)).map((o) => o.articleId).sort()).toEqual([ids[0], ids[1]].sort());
    } finally {
      await guarded.close();
    }
  });

  it('refuses a token too short to be one', async () => {
    await expect(startWebServer({ store, ctx, host: '0.0.0.0', port: 0, token: 'short' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('passes /queues and /metrics to the queue stage when it provides them, and answers 404 while it does not', async () => {
    const bare = createWebApp({ store, ctx, exposed: false });
    const missing = await bare.request('/metrics');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/not available/);
    const mounted = createWebApp({
      store, ctx, exposed: false,
      mounts: { metrics: () => new Response('kiji_jobs_total{queue="kiji.fetch",state="completed"} 3\n', { headers: { 'Content-Type': 'text/plain; version=0.0.4' } }) },
    });
    const res = await mounted.request('/metrics');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('kiji_jobs_total');
  });
});
