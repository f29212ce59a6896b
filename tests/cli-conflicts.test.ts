/*
 * Conflicts between sources, the way a user reaches them: pages ingested by
 * the real CLI (`node bin/kiji.js ingest … --db`) into a SQLite store, then
 * `kiji digest --format json` and the other formats. A Japanese and an
 * English report of one story disagree on the number of GPUs (「5万台のGPU」
 * against "60,000 GPUs"); a Korean and an English report of another story
 * agree once normalised (3조 원 = 3 trillion won) and must show no conflict.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { createContext } from '../src/context.js';
import type { Digest } from '../src/digest/index.js';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store/index.js';
import { startWebServer } from '../src/web/index.js';
import { ROOT } from './support/fixtures.js';

const run = promisify(execFile);
const BIN = join(ROOT, 'bin', 'kiji.js');

async function kijiBin(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, KIJI_LOG_LEVEL: 'silent', KIJI_TZ: 'Asia/Tokyo' }, maxBuffer: 32 * 1024 * 1024 });
}

function page(o: { lang: string; site: string; url: string; date: string; title: string; paragraphs: string[] }): string {
  return `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><title>${o.title}</title>
<meta property="og:site_name" content="${o.site}"><meta property="og:title" content="${o.title}">
<link rel="canonical" href="${o.url}"><meta property="article:published_time" content="${o.date}"></head>
<body><article><h1>${o.title}</h1>${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

const GPU_EN = page({
  lang: 'en', site: 'Circuit Wire', url: 'https://circuitwire.example.com/nvidia-korea-gpus', date: '2025-10-31T08:00:00Z',
  title: 'Nvidia to supply 60,000 GPUs to South Korea',
  paragraphs: [
    'Nvidia will supply 60,000 GPUs to South Korea for its national AI computing centre, the chipmaker said on Friday at the APEC summit in Gyeongju.',
    'Samsung Electronics, SK Group and Hyundai Motor Group will build AI factories with the chips, and Hyundai Motor Group will invest $3 billion in a physical AI cluster.',
    'Nvidia chief executive Jensen Huang said South Korea could become a leading AI nation, and that the country would train its own language models on the new systems.',
  ],
});
const GPU_JA = page({
  lang: 'ja', site: 'テック日報', url: 'https://tech-nippo.example.jp/articles/nvidia-korea', date: '2025-10-31T18:00:00+09:00',
  title: 'エヌビディア、韓国にGPU5万台を供給',
  paragraphs: [
    'エヌビディアは31日、韓国の国家AIコンピューティングセンター向けに5万台のGPUを供給すると発表した。慶州で開かれたAPEC首脳会議の場で明らかにした。',
    'サムスン電子、SKグループ、現代自動車グループがこのGPUでAIファクトリーを構築し、現代自動車グループはフィジカルAIのクラスターに30億ドルを投資する。',
    'エヌビディアのジェンスン・フアンCEOは、韓国がAI大国になり得ると述べ、新しいシステムで韓国独自の言語モデルを訓練すると語った。',
  ],
});
const CHIP_KO = page({
  lang: 'ko', site: '반도체경제', url: 'https://bandoche.example.kr/news/samsung-line', date: '2025-11-03T09:00:00+09:00',
  title: '삼성전자, 천안에 3조 원 투자해 패키징 라인 신설',
  paragraphs: [
    '삼성전자는 천안에 3조 원을 투자해 반도체 패키징 라인을 새로 짓는다고 3일 밝혔다. 이 라인에는 약 1,000명이 근무하게 된다.',
    '삼성전자는 새 라인에서 고대역폭메모리(HBM) 패키징 물량을 두 배로 늘릴 계획이라고 설명했다.',
    '업계에서는 이번 투자로 삼성전자가 SK하이닉스와의 HBM 경쟁에서 반격에 나설 것으로 보고 있다.',
  ],
});
const CHIP_EN = page({
  lang: 'en', site: 'Seoul Business Daily', url: 'https://seoulbiz.example.com/samsung-packaging', date: '2025-11-03T03:00:00Z',
  title: 'Samsung to invest 3 trillion won in new chip packaging line',
  paragraphs: [
    'Samsung Electronics will invest 3 trillion won in a new chip packaging line in Cheonan, the company said on Monday. The line will employ about 1,000 people.',
    'Samsung Electronics plans to double its high-bandwidth memory (HBM) packaging output at the new line.',
    'Analysts see the investment as Samsung Electronics fighting back against SK Hynix in the race for HBM chips.',
  ],
});

describe('kiji digest names conflicts between sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-conflicts-'));
  const db = join(dir, 'kiji.db');
  let digest: Digest;

  beforeAll(async () => {
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'gpu-en.html'), GPU_EN);
    writeFileSync(join(docs, 'gpu-ja.html'), GPU_JA);
    writeFileSync(join(docs, 'chip-ko.html'), CHIP_KO);
    writeFileSync(join(docs, 'chip-en.html'), CHIP_EN);
    const ingest = await kijiBin(['ingest', docs, '--db', db]);
    expect(ingest.stderr).toMatch(/4 stored/);
    digest = JSON.parse((await kijiBin(['digest', '--all', '--format', 'json', '--db', db])).stdout) as Digest;
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stories = () => digest.topics.flatMap((t) => t.stories);
  const storyWith = (lang: string, site: string) => stories().find((s) => s.sources.some((x) => x.lang === lang && x.siteName === site))!;

  it('folds each pair into one story and gives every story a conflicts list', () => {
    for (const s of stories()) expect(Array.isArray(s.conflicts)).toBe(true);
    expect(storyWith('ja', 'テック日報').sources.map((x) => x.siteName).sort()).toEqual(['Circuit Wire', 'テック日報']);
    expect(storyWith('ko', '반도체경제').sources.map((x) => x.siteName).sort()).toEqual(['Seoul Business Daily', '반도체경제']);
  });

  it('names the GPU conflict of the ja/en pair, with each value, its text and its source', () => {
    const gpu = storyWith('ja', 'テック日報');
    expect(gpu.conflicts).toHaveLength(1);
    const [c] = gpu.conflicts;
    expect(c!).toMatchObject({ kind: 'count', what: expect.stringContaining('GPU') });
    const byLang = Object.fromEntries(c!.claims.map((x) => [x.lang, x]));
    expect(byLang.en).toMatchObject({ value: 60000, text: '60,000', source: 'Circuit Wire', display: '60,000 GPUs' });
    expect(byLang.ja).toMatchObject({ value: 50000, text: '5万台', source: 'テック日報', display: '50,000 GPUs' });
    // The $3 billion both report is no conflict.
    expect(gpu.conflicts.some((x) => x.kind === 'money')).toBe(false);
  });

  it('names none for the ko/en pair whose figures agree (3조 원 = 3 trillion won, 약 1,000명 = about 1,000)', () => {
    expect(storyWith('ko', '반도체경제').conflicts).toEqual([]);
  });

  it('shows the conflict in Markdown, HTML, JSON Feed and RSS', { timeout: 180_000 }, async () => {
    const [mdOut, htmlOut, feedOut, rssOut] = await Promise.all(['md', 'html', 'jsonfeed', 'rss'].map((format) => kijiBin(['digest', '--all', '--format', format, '--db', db])));
    const md = mdOut!.stdout;
    expect(md).toMatch(/\*\*Sources differ on supply \(GPUs\):\*\* 60,000 GPUs — Circuit Wire \(en\) · 50,000 GPUs \(5万台\) — テック日報 \(ja\)/);
    const html = htmlOut!.stdout;
    expect(html).toContain('<p class="conflict"><strong>Sources differ on supply (GPUs)</strong>');
    expect(html).toContain('<span class="claim" title="5万台">50,000 GPUs</span>');
    const feed = JSON.parse(feedOut!.stdout) as { items: Array<{ content_text: string; _kiji: { conflicts: unknown[] } }> };
    const item = feed.items.find((i) => i._kiji.conflicts.length)!;
    expect(item.content_text).toContain('Sources differ on supply (GPUs): 60,000 GPUs (Circuit Wire (en)) vs 50,000 GPUs (テック日報 (ja))');
    const rss = rssOut!.stdout;
    expect(rss).toContain('Sources differ on supply (GPUs)');
  });

  it("shows the conflict on the web reader's article page, linked to the other report", { timeout: 120_000 }, async () => {
    const ctx = createContext(loadConfig({ file: null, env: {}, cwd: ROOT, overrides: { store: { db } } }), { log: createLogger({ level: 'silent' }) });
    const store = await openStore(db);
    const server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 0, cwd: ROOT });
    try {
      const gpu = storyWith('ja', 'テック日報');
      const ja = gpu.sources.find((x) => x.lang === 'ja')!;
      const en = gpu.sources.find((x) => x.lang === 'en')!;
      const res = await fetch(`${server.url}/articles/${ja.articleId}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<h2>Sources differ</h2>');
      expect(body).toMatch(/<strong>supply \(GPUs\)<\/strong>: this report says <a href="#fig-\d+"><span lang="ja">5万台<\/span><\/a> \(50,000 GPUs\)/);
      expect(body).toContain(`<a href="/articles/${en.articleId}">Circuit Wire</a> says <span lang="en">60,000</span> (60,000 GPUs)`);
      const agreeing = storyWith('ko', '반도체경제').sources[0]!;
      expect(await (await fetch(`${server.url}/articles/${agreeing.articleId}`)).text()).not.toContain('Sources differ');
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('does not let a summary line pick one side silently', () => {
    const gpu = storyWith('ja', 'テック日報');
    const lines = [gpu.headline, ...gpu.bullets];
    for (const line of lines) {
      const one = /60,000|5万台|50,000/.test(line);
      if (one) expect(line).toMatch(/(?:60,000|６万).*(?:5万|50,000)|(?:5万|50,000).*(?:60,000|6万)/);
    }
  });
});
