import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../fetch/feed/index.js';
import { extractHtml } from './index.js';
import { capHtml, HTML_LIMITS } from './limits.js';

const page = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const bodyText = (x: ReturnType<typeof extractHtml>) => x.blocks.map((b) => b.text).join('\n');

// A realistic article in each language, to be buried under hostile markup.
const ARTICLES = {
  en: ['Central bank raises rates', 'The central bank raised its policy rate by a quarter point on Tuesday, citing inflation in services that has proved more persistent than expected.'],
  ja: ['日銀が利上げ', '日本銀行は２０日、金融政策決定会合で政策金利を０．５％に引き上げることを決めた。サービス価格の上昇が続いていると説明した。'],
  ko: ['한국은행 금리 동결', '한국은행은 20일 기준금리를 연 3.5%로 동결했다. 서비스 물가 상승세가 예상보다 오래 이어지고 있다고 설명했다.'],
} as const;
const article = (lang: keyof typeof ARTICLES, inner: string) => {
  const [title, para] = ARTICLES[lang];
  return `<html lang="${lang}"><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${para}</p><p>${para}</p>${inner}</article></body></html>`;
};

describe('capHtml', () => {
  it('returns real pages unchanged, the same string', () => {
    for (const name of ['en-news.html', 'ja-news.html', 'ko-news.html']) {
      const html = page(name);
      const c = capHtml(html);
      expect(c.markup).toBe(html);
      expect(c.droppedTags).toBe(0);
    }
  });

  it('keeps 256 levels of 200,000 nested <div>s and all of their text', () => {
    const n = 200_000;
    const c = capHtml(`<body>${'<div>'.repeat(n)}deep text${'</div>'.repeat(n)}<p>after</p></body>`);
    expect(c.reached).toEqual(['depth']);
    expect(c.droppedTags).toBe(2 * (n - HTML_LIMITS.maxDepth + 1));
    expect(c.markup).toContain('deep text');
    expect(c.markup.endsWith('<p>after</p></body>')).toBe(true);
    expect(c.markup.split('<div>').length - 1).toBe(HTML_LIMITS.maxDepth - 1);
  });

  it('counts what parse5 nests: <div/> is an open <div>; void, raw-text and implied ends are not depth', () => {
    expect(capHtml(`<body>${'<div/>'.repeat(10_000)}x</body>`).reached).toEqual(['depth']);
    // <br>, <img>, sibling <p>s and <li>s, and tags inside <script> or <textarea> never pile up.
    const flat = `<body>${'<br><img src=a.png><p>para'.repeat(2000)}<ul>${'<li>item'.repeat(2000)}</ul><script>${'<div>'.repeat(2000)}</script><textarea>${'<b>'.repeat(2000)}</textarea></body>`;
    expect(capHtml(flat).droppedTags).toBe(0);
    // In SVG, /> does close an element.
    expect(capHtml(`<body><svg>${'<g/>'.repeat(5000)}</svg></body>`).droppedTags).toBe(0);
  });

  it('caps elements (text kept) and attributes per tag', () => {
    const spans = capHtml(`<body>${'<span>ab</span>'.repeat(150_000)}</body>`);
    expect(spans.reached).toEqual(['elements']);
    expect(spans.markup.split('ab').length - 1).toBe(150_000);
    const attrs = capHtml(`<body><div ${Array.from({ length: 5000 }, (_, i) => `data-a${i}="v>${i}"`).join(' ')}>text</div></body>`);
    expect(attrs.reached).toEqual(['attributes']);
    expect(attrs.markup).toContain(`data-a${HTML_LIMITS.maxAttributes - 1}="v>`);
    expect(attrs.markup).not.toContain(`data-a${HTML_LIMITS.maxAttributes}=`);
    expect(attrs.markup).toContain('>text</div>');
  });
});

describe('extractHtml under hostile nesting', () => {
  // Hang guards, not speed checks: before the cap, 200k levels took parse5 over five minutes.
  for (const lang of ['en', 'ja', 'ko'] as const) {
    it(`keeps the ${lang} main text of a page with 200,000 nested <div>s`, () => {
      const n = 200_000;
      const x = extractHtml(article(lang, `${'<div>'.repeat(n)}${ARTICLES[lang][1]}${'</div>'.repeat(n)}`), { baseUrl: null });
      expect(x.title).toBe(ARTICLES[lang][0]);
      expect(bodyText(x)).toContain(ARTICLES[lang][1]);
    }, 120_000);
  }

  it('reads a page of 1,000,000 <span>s and 100,000 stray </p>s', () => {
    const x = extractHtml(article('en', `<p>${'<span>word </span>'.repeat(1_000_000)}</p>${'</p>'.repeat(100_000)}`), { baseUrl: null });
    expect(bodyText(x)).toContain(ARTICLES.en[1]);
  }, 120_000);

  it('reads a feed nested 100,000 levels deep, with a warning', async () => {
    const n = 100_000;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>${ARTICLES.ko[0]}</title><link>https://news.example/1</link><description>${'<x>'.repeat(n)}${ARTICLES.ko[1]}${'</x>'.repeat(n)}</description></item></channel></rss>`;
    const feed = await parseFeed(xml, { url: 'https://news.example/rss', timeZone: 'Asia/Seoul' });
    expect(feed.items[0]!.title).toBe(ARTICLES.ko[0]);
    expect(feed.warnings.join(' ')).toMatch(/depth limit/);
  }, 120_000);
});
