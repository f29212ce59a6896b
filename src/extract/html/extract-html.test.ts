import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractHtml } from './index.js';
import { datelineDate, readDate } from './dates.js';
import { decodeEntities, stripSiteName, trimSiteName, urlDate } from './metadata.js';
import { collapseSpace, weightedLength } from './text.js';

const page = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
const bodyText = (x: ReturnType<typeof extractHtml>) => x.blocks.map((b) => b.text).join('\n');

describe('extractHtml on a Japanese news page', () => {
  const x = extractHtml(page('ja-news.html'), { baseUrl: 'https://toto.example/articles/2025/02/06/x' });

  it('reads metadata from JSON-LD and Open Graph', () => {
    expect(x.title).toBe('半導体大手、熊本に第2工場 総投資額は約2兆円');
    expect(x.publishedAt).toBe('2025-02-06T00:30:00.000Z');
    expect(x.author).toBe('山田 太郎');
    expect(x.siteName).toBe('東都新聞デジタル');
    expect(x.lang).toBe('ja');
    expect(x.tags).toEqual(['半導体', '熊本', '設備投資']);
    expect(x.url).toBe('https://toto.example/articles/2025/02/06/semiconductor-kumamoto');
  });

  it('keeps paragraphs, headings, list items and quotes in order, without the headline', () => {
    expect(x.blocks.map((b) => b.kind)).toEqual([
      'paragraph', 'paragraph', 'heading', 'paragraph', 'list', 'list', 'list', 'quote', 'paragraph',
    ]);
    expect(x.blocks[2]!.text).toBe('地元経済への波及効果');
    expect(x.blocks[4]!.text).toBe('総投資額：約2兆円');
  });

  it('joins Japanese lines that the HTML source wrapped, without inventing a space', () => {
    expect(x.blocks[0]!.text).toContain('約2兆円に上り、日本政府が最大7320億円を補助する。');
  });

  it('drops navigation, share buttons, related links, ranking, comments and footer, and says so', () => {
    const text = bodyText(x);
    for (const chrome of ['関連記事', 'アクセスランキング', 'ツイート', '地元の雇用', '無断転載', 'テクノロジー'])
      expect(text).not.toContain(chrome);
    const details = new Map(x.dropped.map((d) => [d.detail, d.text]));
    expect(details.get('comments')).toContain('地元の雇用が増える');
    expect(details.get('related')).toContain('補助金の是非を問う');
    expect(details.get('share')).toContain('LINEで送る');
    expect(details.get('footer')).toContain('無断転載');
  });
});

describe('extractHtml on a Korean news page', () => {
  const x = extractHtml(page('ko-news.html'), { baseUrl: 'https://hanbit.example/news/1' });

  it('splits text written straight into a div at double <br>', () => {
    expect(x.blocks).toHaveLength(4);
    expect(x.blocks[0]!.text).toMatch(/^정부가 반도체 산업 경쟁력 강화를 위해 26조원/);
    expect(x.blocks[3]!.text).toBe('정부는 다음 달까지 세부 시행 계획을 확정하고 하반기부터 지원을 시작할 계획이다.');
  });

  it('reads article:* meta tags and falls back to the base URL', () => {
    expect(x.publishedAt).toBe('2024-05-23T05:05:00.000Z');
    expect(x.author).toBe('김민수 기자');
    expect(x.tags).toEqual(['반도체', '산업정책']);
    expect(x.url).toBe('https://hanbit.example/news/1');
  });

  it('reports the reporter line, share links, ads and most-read list as dropped', () => {
    const text = bodyText(x);
    expect(text).not.toContain('minsu@hanbit.example');
    expect(text).not.toContain('카카오톡');
    expect(text).not.toContain('많이 본 뉴스');
    expect(x.dropped.find((d) => d.detail === 'byline')?.text).toContain('김민수 기자');
    expect(x.dropped.find((d) => d.detail === 'ads')?.text).toBe('지금 가입하면 첫 달 무료!');
    expect(x.dropped.find((d) => d.detail === 'related')?.text).toContain('코스피 2700 회복');
  });
});

describe('extractHtml on an English news page', () => {
  const x = extractHtml(page('en-news.html'), { baseUrl: 'https://ledger.example/business/story' });

  it('resolves the canonical URL against <base href>', () => {
    expect(x.url).toBe('https://ledger.example/business/2024/11/21/chipmaker-record-revenue');
  });

  it('takes the author from the byline and the site name from the <title>', () => {
    expect(x.author).toBe('Jane Doe');
    expect(x.siteName).toBe('The Daily Ledger');
    expect(x.title).toBe('Chipmaker posts record quarterly revenue on AI demand');
    expect(x.publishedAt).toBe('2024-11-21T21:15:00.000Z');
    expect(x.excerpt).toBe('Revenue rose 94% to $35.1bn in the three months to October.');
  });

  it('drops the figure caption (rule caption), keeps the sub-heading, drops a link-only paragraph and the cookie banner', () => {
    const text = bodyText(x);
    expect(text).not.toContain('newest accelerator went into full production');
    expect(x.dropped.find((d) => d.detail === 'caption')?.text).toContain('newest accelerator went into full production');
    expect(x.blocks.find((b) => b.kind === 'heading')?.text).toBe('Supply constraints');
    expect(text).not.toContain('Sign up for our business newsletter');
    expect(text).not.toContain('cookies');
    expect(text).not.toContain('Most read');
    expect(x.dropped.map((d) => d.detail)).toEqual(expect.arrayContaining(['popup', 'links', 'comments', 'sidebar', 'related']));
  });
});

describe('extractHtml edge cases', () => {
  it('uses JSON-LD articleBody when the page shows only a teaser', () => {
    const body = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the full story, which the page renders with script, goes on at some length about the market.`).join('\n');
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Teaser page', articleBody: body,
    })}</script></head><body><article><p>Subscribe to read the full story about the market.</p></article></body></html>`;
    const x = extractHtml(html, { baseUrl: null });
    expect(x.blocks).toHaveLength(6);
    expect(x.blocks[5]!.text).toMatch(/^Paragraph 6 of the full story/);
  });

  it('ignores hidden elements and scripts', () => {
    const html = `<html><body><article>
      <p>日本銀行は金融政策決定会合で、政策金利を0.5％程度に引き上げることを決めた。利上げは昨年7月以来となる。</p>
      <p style="display:none">非表示のテキストです。読者には見えません。</p>
      <div hidden>隠された段落。</div>
      <script>var x = "スクリプトの中身";</script>
      <p>植田総裁は記者会見で、賃金と物価の好循環が強まっていると説明した。</p></article></body></html>`;
    const text = bodyText(extractHtml(html, { baseUrl: null }));
    expect(text).toContain('政策金利を0.5％程度に引き上げる');
    expect(text).toContain('植田総裁は記者会見で');
    expect(text).not.toMatch(/非表示|隠された|スクリプト/);
  });

  it('drops in-article ad slots and bare ad labels in every language', () => {
    const html = `<html><body><article class="article-body">
      <p>반도체 수출이 9개월 연속 증가했다. 산업통상자원부는 1일 이같이 밝혔다.</p>
      <div class="ad-inarticle"><span>광고</span><ins class="adsbygoogle"></ins></div>
      <p>広告</p><p>Advertisement</p>
      <p>메모리 가격 상승이 수출 증가를 이끌었다고 분석했다.</p></article></body></html>`;
    const x = extractHtml(html, { baseUrl: null });
    expect(x.blocks.map((b) => b.text)).toEqual([
      '반도체 수출이 9개월 연속 증가했다. 산업통상자원부는 1일 이같이 밝혔다.',
      '메모리 가격 상승이 수출 증가를 이끌었다고 분석했다.',
    ]);
    expect(x.dropped.filter((d) => d.detail === 'ads').map((d) => d.text).sort()).toEqual(['Advertisement', '広告', '광고'].sort());
  });

  it('returns no blocks and no error for an empty document', () => {
    const x = extractHtml('', { baseUrl: null });
    expect(x.blocks).toEqual([]);
    expect(x.title).toBeNull();
  });
});

describe('text helpers', () => {
  it('collapseSpace keeps spaces between words and drops line breaks inside CJK text', () => {
    expect(collapseSpace('日本の\n  経済  is \n big')).toBe('日本の経済 is big');
    expect(collapseSpace('한국 경제가\n성장했다')).toBe('한국 경제가 성장했다');
  });
  it('weightedLength weighs CJK and Hangul above Latin letters', () => {
    expect(weightedLength('abc')).toBe(3);
    expect(weightedLength('日本')).toBe(6);
    expect(weightedLength('한국')).toBe(4);
  });
  it('readDate converts zoned dates to UTC and reads unzoned ones in the page zone', () => {
    expect(readDate('2025-02-06T09:30:00+09:00', 'UTC')?.iso).toBe('2025-02-06T00:30:00.000Z');
    expect(readDate('2025-02-06 09:30', 'Asia/Tokyo')?.iso).toBe('2025-02-06T00:30:00.000Z');
    expect(readDate('2025-02-06 09:30', '+05:30')?.iso).toBe('2025-02-06T04:00:00.000Z');
    expect(readDate('2025-02-06', 'Asia/Seoul')?.iso).toBe('2025-02-05T15:00:00.000Z');
    expect(readDate('Thu, 21 Nov 2024 21:15:00 GMT', 'Asia/Tokyo')?.iso).toBe('2024-11-21T21:15:00.000Z');
    expect(readDate('Nov. 18, 2019 10:00 AM ET', 'UTC')?.iso).toBe('2019-11-18T15:00:00.000Z');
    expect(readDate('someday', 'UTC')).toBeNull();
    expect(readDate('Nov 18', 'UTC')).toBeNull();
    expect(readDate('1970-01-01T00:00:00Z', 'UTC')).toBeNull();
  });
  it('trimSiteName keeps the headline part of a <title>', () => {
    expect(trimSiteName('Chipmaker posts record revenue | The Daily Ledger')).toBe('Chipmaker posts record revenue');
    expect(trimSiteName('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网')).toBe('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶');
    expect(trimSiteName('Home')).toBe('Home');
  });
});

describe('titles and dates', () => {
  it('strips a site name only where it matches the site', () => {
    expect(stripSiteName('Leafs edge Canucks 3-2 in overtime - Rinkside', ['Rinkside.ca'], 'www.rinkside.ca')).toBe('Leafs edge Canucks 3-2 in overtime');
    expect(stripSiteName('The Japan Times | Yen slides past 150', [], 'www.japantimes.co.jp')).toBe('Yen slides past 150');
    expect(stripSiteName('日銀、緩和修正を決定｜みなと経済新聞', ['みなと経済新聞'], null)).toBe('日銀、緩和修正を決定');
    // A dash inside the headline is not a site separator.
    expect(stripSiteName('Kim Jong-un - what next for North Korea', ['Daily Ledger'], 'ledger.example')).toBe('Kim Jong-un - what next for North Korea');
  });
  it('decodes entities left in JSON-LD, twice escaped too', () => {
    expect(decodeEntities('It doesn&#8217;t&nbsp;stop')).toBe('It doesn’t stop');
    expect(decodeEntities('Q&amp;amp;A &mdash; chips')).toBe('Q&A — chips');
  });
  it('prefers the <h1> that matches the title and passes over an encyclopedia description', () => {
    const html = `<html lang="en"><head><title>Shibuya Crossing - Openpedia</title><script type="application/ld+json">{"@type":"Article","name":"Shibuya Crossing","headline":"scramble crossing in Shibuya, Tokyo, Japan"}</script></head>
      <body><h1>Shibuya Crossing</h1><p>Shibuya Crossing is a scramble crossing outside Shibuya Station in Tokyo, where pedestrians cross from every side at once.</p></body></html>`;
    expect(extractHtml(html, { baseUrl: 'https://en.openpedia.example/wiki/Shibuya_Crossing' }).title).toBe('Shibuya Crossing');
  });
  it('reads dates from JSON-LD graphs, multi-valued itemprop, article:* variants and the URL, in the page zone', () => {
    const page = (head: string, url: string) => extractHtml(`<html><head>${head}</head><body><article><p>本文です。日本銀行は金融政策決定会合で政策金利を据え置いた。</p></article></body></html>`, { baseUrl: url }).publishedAt;
    expect(page('<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"x","datePublished":["2019-11-18T10:00:00+09:00"]}]}</script>', 'https://a.example/x')).toBe('2019-11-18T01:00:00.000Z');
    expect(page('<meta itemprop="datePublished dateCreated" content="2019-11-18T10:00:00">', 'https://a.example.co.jp/x')).toBe('2019-11-18T01:00:00.000Z');
    expect(page('<meta property="article:published" content="2019-11-18 10:00">', 'https://a.example.co.kr/x')).toBe('2019-11-18T01:00:00.000Z');
    expect(page('<meta property="article:modified_time" content="2019-11-19T08:00:00+09:00">', 'https://a.example/2019/11/18/x')).toBe('2019-11-17T15:00:00.000Z');
    expect(page('', 'https://a.example/x')).toBeNull();
  });
  it('finds a date in a URL path and a dateline in ja/ko/en text', () => {
    expect(urlDate('https://news.example/world/2019/11/18/story')).toBe('2019-11-18');
    expect(urlDate('https://news.example/a/20191118-story.html')).toBe('2019-11-18');
    expect(urlDate('https://news.example/a/2019/11/story')).toBeNull();
    expect(datelineDate(['입력 2019.11.18 10:00 | 수정 2019.11.18 11:30'], 'Asia/Seoul')).toBe('2019-11-18T01:00:00.000Z');
    expect(datelineDate(['社会部 鈴木 健太 2019年11月18日 15時30分'], 'Asia/Tokyo')).toBe('2019-11-18T06:30:00.000Z');
    expect(datelineDate(['Updated November 19, 2019', 'Published November 18, 2019 10:30 AM HKT'], 'UTC')).toBe('2019-11-18T02:30:00.000Z');
    expect(datelineDate(['The meeting on November 18, 2019 was short.'], 'UTC')).toBeNull();
  });
});

describe('extractHtml robustness', () => {
  it('survives pathological nesting without blowing the stack', () => {
    const depth = 3000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>深い入れ子の中の本文です。깊은 중첩 속의 본문입니다. Deeply nested text, still read.</p>${'</div>'.repeat(depth)}</body></html>`;
    const x = extractHtml(html, { baseUrl: null });
    expect(x.blocks.map((b) => b.text).join(' ')).toContain('Deeply nested text, still read.');
  });

  it('never throws and returns trimmed, non-empty blocks for arbitrary markup', async () => {
    const fc = await import('fast-check');
    const tag = fc.constantFrom('p', 'div', 'li', 'ul', 'h2', 'blockquote', 'span', 'a', 'nav', 'aside', 'table', 'td', 'br', 'script', 'article');
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('日本語の文章です。', '한국어 문장입니다.', 'An English sentence, with commas.', '&nbsp;', '&amp;', '<!-- c -->', '<![CDATA[x]]>'),
      tag.map((t) => `<${t} class="content">`),
      tag.map((t) => `</${t}>`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const x = extractHtml(parts.join(''), { baseUrl: 'https://example.com/a' });
        for (const b of x.blocks) {
          expect(b.text).toBe(b.text.trim());
          expect(b.text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
