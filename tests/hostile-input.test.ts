/**
 * Hostile input through the command line, as the red-team pass of issue 17
 * sent it: terminal escapes and bidi overrides in pages, front matter and
 * scraped text; `javascript:` and `data:` feed links; stored rows from before
 * normalisation stripped anything; 200,000 nested <div>s; a Shift_JIS page
 * sent as ISO-8859-1; allow-list entries with a port. Every input is made
 * here; timeouts are hang guards only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/records.js';
import { kiji } from './support/cli.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';
import { encodeLegacy } from './support/legacy-encode.js';
import { sqliteStore, type TestStore } from './support/stores.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const dir = mkdtempSync(join(tmpdir(), 'kiji-hostile-'));

const EN = 'The central bank held its policy rate at 5.25% on Tuesday, citing inflation in services that has proved persistent.';
const JA = '日本銀行は２０日、政策金利を０．５％に引き上げると発表した。市場では円高が進み、株価は下落した。';
const KO = '한국은행은 20일 기준금리를 연 3.5%로 동결했다고 밝혔다. 시장은 차분하게 반응했고 원화는 강세를 보였다.';

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe('a document cannot write to the operator\u2019s terminal', () => {
  let db: TestStore;
  const files = join(dir, 'escapes');
  beforeAll(async () => {
    mkdirSync(files, { recursive: true });
    writeFileSync(
      join(files, 'en-escape.html'),
      `<html><head><title>Rates &#27;]0;owned&#7; held</title></head><body><article><h1>Rates &#27;]0;owned&#7; held</h1><p>${EN} &#27;[2J&#27;[H \u202Egpj.exe</p><p>${EN.replace('Tuesday', 'Wednesday')}</p></article></body></html>`,
    );
    writeFileSync(join(files, 'ja-escape.md'), `---\ntitle: "日銀が利上げ \\e]0;owned\\a"\nauthor: "山田\\e[31m太郎"\ntags: ["金利\\e", "\\u202e日銀"]\n---\n\n${JA}\u001b[2J\n\n${JA.replace('２０日', '２１日')}\u202egpj.exe\n`);
    writeFileSync(join(files, 'ko-escape.txt'), Buffer.from(`한국은행 금리 동결\u001b]0;owned\u0007\n\n${KO}\u001b[2J\u202egpj.exe\n\n${KO.replace('20일', '21일')}\u0007\n`, 'utf8'));
    db = await sqliteStore();
    const r = await kiji(['ingest', files, '--db', db.url]);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => db?.cleanup());

  for (const file of ['en-escape.html', 'ja-escape.md', 'ko-escape.txt']) {
    it(`analyze ${file}: no control character or bidi override in any string`, async () => {
      const r = await kiji(['analyze', join(files, file)]);
      expect(r.code, r.stderr).toBe(0);
      const a = JSON.parse(r.stdout) as Analysis;
      expect(strings(a).filter((s) => UNSAFE.test(s))).toEqual([]);
      expect(r.stdout).toContain('gpj.exe');
    }, 120_000);
  }

  it('list, show, digest and review print nothing a terminal would obey', async () => {
    const list = await kiji(['list', '--db', db.url]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(3);
    const ids = list.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]!);
    const outputs = [list.stdout];
    for (const id of ids) {
      outputs.push((await kiji(['show', id, '--db', db.url])).stdout);
      outputs.push((await kiji(['review', id, '--db', db.url])).stdout);
    }
    outputs.push((await kiji(['digest', '--all', '--db', db.url])).stdout);
    for (const out of outputs) {
      expect(out.length).toBeGreaterThan(0);
      expect(UNSAFE.test(out), out.slice(0, 200)).toBe(false);
    }
    expect(outputs.join('\n')).toContain('owned');
  }, 120_000);
});

describe('rows stored before normalisation made them inert', () => {
  let db: TestStore;
  let id: string;
  beforeAll(async () => {
    db = await sqliteStore();
    const ctx = fixtureContext();
    const fixture = listFixtures().find((f) => f.slug === 'en-samsung-foundry-results')!;
    const a = await analyzeFixture(fixture, ctx);
    // What an older kiji could have stored from a hostile feed item.
    const legacy: Analysis = {
      ...a,
      title: `Samsung \u001b]0;owned\u0007 results \u202Egpj.exe`,
      url: 'javascript:alert(document.cookie)',
      siteName: 'Wire\u009b31m',
      text: `${a.text}\u001b[2J`,
      paragraphs: a.paragraphs,
      summary: { ...a.summary, headline: `Samsung \u001b[31mred\u001b[0m \u202Eheadline`, bullets: [...a.summary.bullets, 'bell \u0007'] },
    };
    id = legacy.id;
    await db.store.saveArticle(legacy, { duplicateOf: null, similarity: null, clusterId: null }, new Date('2025-11-01T00:00:00Z'));
  }, 120_000);
  afterAll(async () => db?.cleanup());

  it('list, show and review escape them visibly', async () => {
    for (const args of [['list'], ['show', id], ['review', id]]) {
      const r = await kiji([...args, '--db', db.url]);
      expect(r.code, r.stderr).toBe(0);
      expect(UNSAFE.test(r.stdout), args[0]).toBe(false);
      expect(r.stdout, args[0]).toContain('\\x1b]0;owned\\x07');
    }
  });

  it('no digest format carries the controls or the javascript: link', async () => {
    for (const format of ['md', 'html', 'json', 'jsonfeed', 'rss']) {
      const r = await kiji(['digest', '--all', '--format', format, '--db', db.url, '--base-url', 'https://news.example/']);
      expect(r.code, r.stderr).toBe(0);
      expect(UNSAFE.test(r.stdout), format).toBe(false);
      expect(r.stdout, format).not.toContain('javascript:');
      expect(r.stdout, format).toContain('owned');
      if (format === 'json' || format === 'jsonfeed') expect(strings(JSON.parse(r.stdout)).filter((s) => UNSAFE.test(s)), format).toEqual([]);
    }
  });
});

describe('feed items with javascript: and data: links', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await sqliteStore();
    const item = (title: string, link: string, body: string, day: number) =>
      `<item><title>${title}</title><link>${link}</link><guid isPermaLink="false">hostile-${day}</guid><pubDate>Sat, 0${day} Nov 2025 09:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${body}</p><p>${body}</p>]]></content:encoded></item>`;
    const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>https://wire.example/</link>
${item('Rates held', 'javascript:alert(document.cookie)', EN, 1)}
${item('日銀が利上げ', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', JA, 2)}
${item('한국은행 금리 동결', ' JaVaScRiPt:alert(1)', KO, 3)}
</channel></rss>`;
    writeFileSync(join(dir, 'hostile-links.rss'), rss);
    // The items' own text is the article here (--full-text never): their links are hostile, not pages to follow.
    const r = await kiji(['ingest', join(dir, 'hostile-links.rss'), '--full-text', 'never', '--db', db.url]);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => db?.cleanup());

  it('the Markdown digest, like every other format, links none of them', async () => {
    const md = await kiji(['digest', '--all', '--format', 'md', '--db', db.url]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('Rates held');
    const targets = [...md.stdout.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);
    expect(targets.filter((t) => !/^https?:\/\//.test(t))).toEqual([]);
    for (const format of ['md', 'html', 'json', 'jsonfeed', 'rss']) {
      const r = await kiji(['digest', '--all', '--format', format, '--db', db.url]);
      expect(r.stdout, format).not.toMatch(/javascript:|data:text/i);
    }
  });
});

describe('hostile markup and transport', () => {
  let server: http.Server;
  let port = 0;
  const sjisPage = encodeLegacy(`<html><head><title>日銀が利上げ</title></head><body><article><h1>日銀が利上げ</h1><p>${JA}</p><p>${JA.replace('２０日', '２１日')}</p></article></body></html>`, 'shift_jis');
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/sjis') return void res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(sjisPage);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('analyze reads a page of 200,000 nested <div>s and keeps its main text', async () => {
    const n = 200_000;
    const file = join(dir, 'nested.html');
    writeFileSync(file, `<html><head><title>Rates held</title></head><body><article><h1>Rates held</h1><p>${EN}</p>${'<div>'.repeat(n)}<p>${EN.replace('Tuesday', 'Friday')}</p>${'</div>'.repeat(n)}</article></body></html>`);
    const r = await kiji(['analyze', file]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as Analysis;
    expect(a.text).toContain('on Tuesday');
    expect(a.text).toContain('on Friday');
  }, 180_000);

  it('reads a Shift_JIS page sent as ISO-8859-1 as Japanese', async () => {
    const r = await kiji(['analyze', `http://127.0.0.1:${port}/sjis`], { env: { KIJI_FETCH_ALLOW: `127.0.0.1:${port}` } });
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as Analysis;
    expect(a.lang).toBe('ja');
    expect(a.title).toBe('日銀が利上げ');
    expect(a.text).toContain('政策金利');
  }, 120_000);

  it('KIJI_FETCH_ALLOW with a port allows that port only; IPv6 wrappings of loopback stay refused', async () => {
    const other = port === 65535 ? 1 : port + 1;
    const wrong = await kiji(['analyze', `http://127.0.0.1:${port}/sjis`], { env: { KIJI_FETCH_ALLOW: `127.0.0.1:${other}` } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/loopback/);
    for (const host of ['[::127.0.0.1]', '[64:ff9b::127.0.0.1]', '[2002:7f00:1::1]']) {
      const r = await kiji(['analyze', `http://${host}:${port}/sjis`], { env: { KIJI_FETCH_ALLOW: '' } });
      expect(r.code, host).toBe(1);
      expect(r.stderr, host).toMatch(/loopback \(in /);
    }
    const bad = await kiji(['analyze', `http://127.0.0.1:${port}/sjis`], { env: { KIJI_FETCH_ALLOW: '127.0.0.1:http' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('127.0.0.1:http');
  }, 120_000);
});
