/// <reference lib="dom" />
/**
 * The web reader in a real browser (Debian's Chromium through playwright-core)
 * over a real SQLite store filled by the real ingest of the repository's
 * fixture articles: the digest, an article, the dedupe review of the seed-004
 * fixture with an override that persists, and a side-by-side comparison.
 * Screenshots go to test-output/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestAll } from '../src/cli/commands/ingest.js';
import { createRuntime } from '../src/runtime.js';
import { loadConfig } from '../src/config/load.js';
import { createContext } from '../src/context.js';
import { createLogger } from '../src/log.js';
import { recordFeedOk, recordSourceError } from '../src/store/feeds.js';
import { openStore, type Store } from '../src/store/index.js';
import { startWebServer, type WebServer } from '../src/web/index.js';
import { FIXTURES, ROOT } from './support/fixtures.js';

const SHOTS = join(ROOT, 'test-output', 'screenshots');

let dir: string;
let store: Store;
let server: WebServer;
let browser: BrowserContext;
let page: Page;
const ids = new Map<string, string>();

const quietIO = () => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]), env: {}, cwd: ROOT });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-web-'));
  mkdirSync(SHOTS, { recursive: true });
  const ctx = createContext(loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { store: { db: join(dir, 'kiji.db') }, timeZone: 'Asia/Tokyo' } }), {
    log: createLogger({ level: 'silent' }),
    clock: () => new Date('2025-11-03T03:00:00Z'),
  });
  store = await openStore(ctx.config.store.db);
  const tally = await ingestAll([FIXTURES], await createRuntime(ctx.config, { store, clock: ctx.clock, log: ctx.log }), quietIO());
  expect(tally.failed + tally.skipped).toBe(0);
  for (const a of await store.loadArticles()) ids.set(a.analysis.source.uri.split('/').slice(-2, -1)[0]!, a.id);
  server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, cwd: ROOT });
  browser = await launchChromium(join(dir, 'chromium'), { viewport: { width: 1100, height: 900 } });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

describe('web reader', () => {
  it('shows the digest of the fixtures with headlines, figures, entities and sources, and follows a story to its article', async () => {
    const res = await page.goto(`${server.url}/digest?from=2025-09-01&to=2025-11-30`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    const stories = page.locator('article.story');
    expect(await stories.count()).toBeGreaterThanOrEqual(2);
    // The NVIDIA story folds the ja, ko and en reports; its key figures read in English with the original on hover.
    const nvidia = stories.filter({ has: page.locator(`a.article-link[href="/articles/${ids.get('ja-innovatopia-nvidia-korea-gpus')}"]`) });
    await expect.poll(() => nvidia.count()).toBe(1);
    expect(await nvidia.locator('.chip.lang').allTextContents()).toEqual(expect.arrayContaining(['en', 'ja', 'ko']));
    expect(await nvidia.locator('.chip.figure').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/260,000/)]));
    const figureTitles = await nvidia.locator('.chip.figure').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect(figureTitles.some((t) => /26万|26만|260,000/.test(t ?? ''))).toBe(true);
    const korea = nvidia.locator('.chip.entity', { hasText: 'South Korea' });
    expect(await korea.getAttribute('title')).toMatch(/韓国|한국/);
    await shot('digest', true);

    const link = nvidia.locator(`a.article-link[href="/articles/${ids.get('ko-nvidia-apec-gpu')}"]`);
    await Promise.all([page.waitForURL(/\/articles\//), link.click()]);
    expect(await page.locator('h1').textContent()).toMatch(/엔비디아|GPU/);
    expect(await page.locator('article.article').getAttribute('lang')).toBe('ko');
    expect(await page.locator('.body mark.fig').count()).toBeGreaterThan(0);
    expect(await page.locator('.body mark.ent').count()).toBeGreaterThan(0);
    // Every highlighted figure is the figure's own text, and the table lists them with normalised values.
    const rows = page.locator('table.figures tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const firstFigure = (await rows.first().locator('td').first().textContent())!;
    expect(await page.locator('.body mark.fig').first().textContent()).toBe(firstFigure);
    expect(await page.locator('table.figures tbody').textContent()).toMatch(/260,000/);
    expect(await page.locator('section', { hasText: 'Related' }).locator('a').allTextContents()).not.toHaveLength(0);
    await shot('article-ko', true);
  });

  it('filters the digest by language with a plain form', async () => {
    await page.goto(`${server.url}/digest?from=2025-09-01&to=2025-11-30`);
    await Promise.all([page.waitForURL(/lang=ja/), page.selectOption('select[name="lang"]', 'ja')]);
    const langs = await page.locator('article.story').evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
    expect(langs.length).toBeGreaterThan(0);
    expect(new Set(langs)).toEqual(new Set(['ja']));
  });

  it("opens today's digest at / and falls back to the latest week when today is empty", async () => {
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/digest/i);
    expect(await page.locator('article.story').count()).toBeGreaterThan(0);
  });

  it('reviews the seed-004 fixture: every dropped span in place, struck through, with reason, similarity and a link to the kept copy', async () => {
    const id = ids.get('ja-allforces-blackrock-korea-ai-hub')!;
    const stored = (await store.getArticle(id))!;
    await page.goto(`${server.url}/review/${id}`);
    const drops = page.locator('.drop');
    expect(await drops.count()).toBe(stored.analysis.dropped.length);
    for (const reason of ['marker', 'exact-duplicate', 'near-duplicate', 'contained', 'fragment-merged'])
      expect(await page.locator(`.drop[data-reason="${reason}"] .reason`).first().textContent()).toBe(reason);
    expect(await page.locator('.drop[data-reason="marker"] del').first().textContent()).toBe('---END---');
    expect(await page.locator('.drop del').evaluateAll((els) => els.every((e) => getComputedStyle(e).textDecorationLine.includes('line-through')))).toBe(true);
    // A near-duplicate says how similar it was; a duplicate links to its kept copy, which the link scrolls to.
    const near = stored.analysis.dropped.find((d) => d.reason === 'near-duplicate' && d.similarity !== null && d.similarity < 1)!;
    expect(await page.locator(`#d-${near.index}-${near.sentence ?? 'all'} .why`).textContent()).toContain(`similarity ${near.similarity!.toFixed(2)}`);
    const dup = stored.analysis.dropped.find((d) => d.reason === 'exact-duplicate' && d.sentence === null)!;
    const toKept = page.locator(`#d-${dup.index}-all a.kept-copy`);
    expect(await toKept.getAttribute('href')).toBe(`#p-${dup.of}`);
    await toKept.click();
    await page.waitForURL(new RegExp(`#p-${dup.of}$`));
    await expect.poll(() => page.locator(`#p-${dup.of}`).evaluate((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; })).toBe(true);
    await shot('review-004');
    await page.goto(`${server.url}/review/${id}#p-12`);
    await shot('review-004-markers');
  });

  it('records a "keep this paragraph" override that survives a reload, re-analyses the article with it, and lists it on the overrides page', async () => {
    const id = ids.get('ja-allforces-blackrock-korea-ai-hub')!;
    const before = (await store.getArticle(id))!.analysis;
    const target = before.dropped.find((d) => d.reason === 'contained' && d.sentence === null)!;
    expect(before.paragraphs.some((p) => p.index === target.index)).toBe(false);

    await page.goto(`${server.url}/review/${id}`);
    const form = page.locator(`#d-${target.index}-all form`);
    await Promise.all([page.waitForURL(/done=/), form.locator('button', { hasText: 'Keep this paragraph' }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toMatch(/analysed again/);
    await page.reload();
    // The span is now kept text, marked as the reviewer's decision, and no longer among the drops.
    const para = page.locator(`#p-${target.index}`);
    expect(await para.getAttribute('class')).toContain('overridden');
    expect(await para.locator('.override-state').textContent()).toMatch(/kept by reviewer override \(was contained\)/);
    expect(await page.locator(`#d-${target.index}-all`).count()).toBe(0);
    const after = (await store.getArticle(id))!.analysis;
    expect(after.paragraphs.find((p) => p.index === target.index)?.text.replace(/\s+/g, '')).toBe(target.text.replace(/\s+/g, ''));
    expect(after.dropped).toHaveLength(before.dropped.length - 1);
    await page.goto(`${server.url}/articles/${id}#p-${target.index}`);
    expect(await page.locator(`.body #p-${target.index}`).count()).toBe(1);

    await page.goto(`${server.url}/overrides`);
    const row = page.locator('table.overrides tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(`¶${target.index}`);
    expect(await row.textContent()).toContain('contained');
    await shot('overrides');

    // Undo: the span is dropped again, as dedupe decided.
    await Promise.all([page.waitForURL(/\/overrides$/), row.locator('button', { hasText: 'Undo' }).click()]);
    expect(await page.locator('table.overrides tbody tr').count()).toBe(0);
    expect((await store.getArticle(id))!.analysis.dropped).toHaveLength(before.dropped.length);
  }, 90_000);

  it('compares a syndicated copy with the original side by side', async () => {
    const id = ids.get('en-blackrock-korea-ai-hub-syndicated')!;
    const original = ids.get('en-blackrock-korea-ai-hub')!;
    await page.goto(`${server.url}/review/${id}`);
    const compare = page.locator(`.links a[href="/review/${id}?with=${original}#compare"]`);
    expect(await compare.count()).toBe(1);
    await Promise.all([page.waitForURL(/#compare$/), compare.click()]);
    expect(await page.locator('.side-by-side .same').count()).toBeGreaterThan(4);
    expect(await page.locator('#compare .meta').textContent()).toMatch(/\d+ sentences shared/);
    await shot('review-side-by-side');
  });

  it('reads well on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/articles/${ids.get('ja-innovatopia-nvidia-korea-gpus')}`);
    // No horizontal scrolling: long lines wrap (tables scroll inside their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.locator('.body p').first().evaluate((e) => getComputedStyle(e).lineBreak)).toBe('strict');
    await shot('article-ja-phone');
    await page.goto(`${server.url}/digest?from=2025-09-01&to=2025-11-30&lang=ko`);
    expect(await page.locator('article.story').first().evaluate((e) => getComputedStyle(e).wordBreak)).toBe('keep-all');
    await shot('digest-ko-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('lists sources and failures, and answers 404 for the queue mounts while the queue stage is absent', async () => {
    // Feed state as the fetch stage records it: one healthy Japanese feed, one Korean feed being rate limited.
    const at = new Date('2025-11-03T02:00:00Z');
    await recordFeedOk(store, 'https://www3.nhk.or.jp/rss/news/cat6.xml', { title: 'NHK 国際', etag: '"abc"', lastModified: null, identityPolicy: 'guid', at });
    await recordSourceError(store, 'https://www.yna.co.kr/rss/economy.xml', { code: 'rate_limited', message: 'fetch: 429 too many requests', retryable: true, status: 429 }, at, new Date('2025-11-03T02:30:00Z'));
    await page.goto(`${server.url}/sources`);
    expect(await page.locator('table.outlets tbody tr').count()).toBeGreaterThan(1);
    const yna = page.locator('table.feeds tr[data-feed="https://www.yna.co.kr/rss/economy.xml"]');
    expect(await yna.textContent()).toContain('rate_limited');
    expect(await yna.locator('time[datetime="2025-11-03T02:30:00.000Z"]').textContent()).toBe('2025-11-03 11:30'); // next run, in Asia/Tokyo
    expect(await page.locator('table.feeds tr[data-feed="https://www3.nhk.or.jp/rss/news/cat6.xml"]').textContent()).toContain('NHK 国際');
    expect(await page.locator('a[href="/queues"]').count()).toBeGreaterThan(0);
    await shot('sources');
    const q = await page.goto(`${server.url}/queues`);
    expect(q?.status()).toBe(404);
    expect(await page.locator('body').textContent()).toMatch(/queue dashboard is not available/);
    const m = await page.goto(`${server.url}/metrics`);
    expect(m?.status()).toBe(404);
  });
});
