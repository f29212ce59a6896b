import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDigest,
  inertDigest,
  formatFigure,
  renderDigest,
  resolveWindow,
  type Digest,
  type DigestArticle,
} from '../src/digest/index.js';
import type { Analysis, Figure } from '../src/records.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';

const ctx = fixtureContext();
let articles: DigestArticle[];
let digest: Digest;

const fig = (over: Partial<Figure>): Figure => ({
  text: '', kind: 'count', value: null, low: null, high: null, unit: null, qualifier: 'exact', start: 0, end: 0, counted: null, iso: null, change: null, ...over,
});

beforeAll(async () => {
  const wanted = ['ko-nvidia-apec-gpu', 'en-blackrock-korea-ai-hub', 'ja-innovatopia-nvidia-korea-gpus'];
  const fixtures = listFixtures().filter((f) => wanted.includes(f.slug));
  const analyses: Analysis[] = [];
  for (const f of fixtures) analyses.push(await analyzeFixture(f, ctx));
  // A hostile title and link, as a scraped page could carry them.
  const en = analyses.find((a) => a.lang === 'en')!;
  const hostile = { ...en, title: `${en.title} <script>alert("x")</script> & more`, url: 'javascript:alert(1)' };
  articles = analyses.map((a) => ({ id: a.id, analysis: a === en ? hostile : a, publishedAt: a.publishedAt, ingestedAt: '2025-11-01T00:00:00.000Z', duplicateOf: null, clusterId: null }));
  digest = buildDigest(articles, { timeZone: 'Asia/Tokyo', now: new Date('2025-11-01T00:00:00Z'), title: 'Korea AI watch' });
}, 60_000);

describe('formatFigure', () => {
  it('reads money in English number style whatever the source wrote', () => {
    expect(formatFigure(fig({ text: '約30億ドル', kind: 'money', value: 3e9, unit: 'USD', qualifier: 'approx' }))).toBe('about $3 billion');
    expect(formatFigure(fig({ text: '30억 달러', kind: 'money', value: 3e9, unit: 'USD' }))).toBe('$3 billion');
    expect(formatFigure(fig({ text: '1조 4,600억 원', kind: 'money', value: 1.46e12, unit: 'KRW' }))).toBe('₩1.46 trillion');
    expect(formatFigure(fig({ text: '7.5bn euros', kind: 'money', value: 7.5e9, unit: 'EUR' }))).toBe('€7.5 billion');
  });

  it('keeps the precision the source gave, no more and no less', () => {
    expect(formatFigure(fig({ text: '$53 million', kind: 'money', value: 5.3e7, unit: 'USD' }))).toBe('$53 million');
    expect(formatFigure(fig({ text: '$53.0 million', kind: 'money', value: 5.3e7, unit: 'USD' }))).toBe('$53.0 million');
    expect(formatFigure(fig({ text: '3조 원', kind: 'money', value: 3e12, unit: 'KRW' }))).toBe('₩3 trillion');
    expect(formatFigure(fig({ text: '9조 1,834억 원', kind: 'money', value: 9.1834e12, unit: 'KRW' }))).toBe('₩9.1834 trillion');
    expect(formatFigure(fig({ text: '$78.40', kind: 'money', value: 78.4, unit: 'USD' }))).toBe('$78.40');
    expect(formatFigure(fig({ text: '２ドル３セント', kind: 'money', value: 2.03, unit: 'USD' }))).toBe('$2.03');
    expect(formatFigure(fig({ text: '1億2,380万人', kind: 'count', value: 1.238e8, unit: '人' }))).toBe('123.8 million');
  });

  it('names what a count counts, never the counter word', () => {
    expect(formatFigure(fig({ text: '26万台', value: 260000, unit: '台', counted: 'GPU', qualifier: 'atLeast' }))).toBe('at least 260,000 GPUs');
    expect(formatFigure(fig({ text: '5만 장', value: 50000, unit: '장' }))).toBe('50,000');
    expect(formatFigure(fig({ text: '数十万台', value: null, low: 200000, high: 900000, unit: '台', counted: 'GPU', qualifier: 'range' }))).toBe('200,000–900,000 GPUs');
  });

  it('keeps percentages and dates readable', () => {
    expect(formatFigure(fig({ text: '22.0%', kind: 'percent', value: 22 }))).toBe('22%');
    expect(formatFigure(fig({ text: '2025年10月31日', kind: 'date', iso: '2025-10-31' }))).toBe('2025-10-31');
  });
});

describe('resolveWindow', () => {
  const now = new Date('2025-11-01T03:00:00Z');
  it('--since counts back from now', () => {
    expect(resolveWindow({ since: '24h' }, 'UTC', now)).toEqual({ from: '2025-10-31T03:00:00.000Z', to: '2025-11-01T03:00:00.000Z' });
    expect(resolveWindow({ since: '7d' }, 'UTC', now).from).toBe('2025-10-25T03:00:00.000Z');
  });
  it('a bare date is a whole day in the configured zone', () => {
    expect(resolveWindow({ from: '2025-10-31', to: '2025-10-31' }, 'Asia/Seoul', now)).toEqual({ from: '2025-10-30T15:00:00.000Z', to: '2025-10-31T15:00:00.000Z' });
    expect(resolveWindow({ from: '2025-10-31', to: '2025-10-31' }, 'UTC', now)).toEqual({ from: '2025-10-31T00:00:00.000Z', to: '2025-11-01T00:00:00.000Z' });
  });
  it('rejects what it cannot read', () => {
    expect(() => resolveWindow({ since: 'yesterday' }, 'UTC', now)).toThrow(/digest: --since/);
    expect(() => resolveWindow({ from: 'soon' }, 'UTC', now)).toThrow(/digest: --from/);
    expect(() => resolveWindow({ since: '1d', from: '2025-10-01' }, 'UTC', now)).toThrow(/not both/);
  });
});

describe('renderDigest', () => {
  it('Markdown: topic, story headline, bullets, figures, sources with language and local time', () => {
    const md = renderDigest(digest, 'md');
    expect(md).toMatch(/^# Korea AI watch/);
    expect(md).toContain('## ');
    expect(md).toContain('**Key figures:**');
    // 19:12 in Seoul is 19:12 in Tokyo too (both UTC+9); the source said 2025.10.31 19:12.
    expect(md).toContain('— 테크인사이드코리아, ko, 2025-10-31 19:12');
    expect(md).not.toContain('<script>');
  });

  it('HTML: a complete page with every article string escaped and only http(s) links', () => {
    const html = renderDigest(digest, 'html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('javascript:');
    expect(html).toMatch(/<article class="story" lang="(en|ja|ko)"/);
  });

  it('JSON round-trips the digest, less its unsafe links', () => {
    const json = JSON.parse(renderDigest(digest, 'json')) as Digest;
    expect(json).toEqual(JSON.parse(JSON.stringify(inertDigest(digest))));
    const sources = json.topics.flatMap((t) => t.stories.flatMap((s) => s.sources));
    expect(sources.some((s) => s.title.includes('<script>'))).toBe(true);
    expect(sources.every((s) => s.url === null || /^https?:\/\//.test(s.url))).toBe(true);
    expect(renderDigest(digest, 'json')).not.toContain('javascript:');
  });

  it('JSON Feed 1.1: one item per story with id, title, content and date', () => {
    const feed = JSON.parse(renderDigest(digest, 'jsonfeed'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items).toHaveLength(digest.storyCount);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.content_html.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
      expect(['ja', 'ko', 'en']).toContain(item.language);
    }
  });

  it('RSS 2.0 that a feed parser reads back', async () => {
    const xml = renderDigest(digest, 'rss', { baseUrl: 'https://news.example/', feedUrl: 'https://news.example/digest.rss' });
    const feed = await new Parser().parseString(xml);
    expect(feed.items).toHaveLength(digest.storyCount);
    const headlines = digest.topics.flatMap((t) => t.stories.map((s) => s.headline));
    expect(feed.items.map((i) => i.title)).toEqual(headlines);
    for (const i of feed.items) expect(Number.isNaN(Date.parse(i.pubDate!))).toBe(false);
  });

  it('an empty window renders as such in every format', async () => {
    const empty = buildDigest(articles, { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z', timeZone: 'UTC', now: new Date('2025-11-01T00:00:00Z') });
    expect(empty.storyCount).toBe(0);
    expect(renderDigest(empty, 'md')).toContain('No articles in this window');
    expect(JSON.parse(renderDigest(empty, 'jsonfeed')).items).toEqual([]);
    expect((await new Parser().parseString(renderDigest(empty, 'rss'))).items).toEqual([]);
  });
});

describe('buildDigest', () => {
  it("what dedupe's cluster id puts together stays together; folding only adds to it", () => {
    // Dedupe (hypothetically) put the English BlackRock report with the Korean NVIDIA one.
    const ko = articles.find((a) => a.analysis.lang === 'ko')!;
    const en = articles.find((a) => a.analysis.lang === 'en')!;
    const ja = articles.find((a) => a.analysis.lang === 'ja')!;
    const forced = [{ ...ko, clusterId: 'c-1' }, { ...en, clusterId: 'c-1' }, { ...ja, clusterId: 'c-2' }];
    const d = buildDigest(forced, { timeZone: 'UTC', now: new Date('2025-11-01T00:00:00Z') });
    // c-1 stays one story; the Japanese NVIDIA report folds into it through the Korean one.
    expect(d.storyCount).toBe(1);
    expect(d.topics[0]!.stories[0]!.sources.map((s) => s.lang).sort()).toEqual(['en', 'ja', 'ko']);
  });

  it('folds an article dedupe marked as a duplicate into its original', () => {
    const [a, b] = articles;
    const d = buildDigest([a!, { ...b!, duplicateOf: a!.id }], { timeZone: 'UTC', now: new Date('2025-11-01T00:00:00Z') });
    expect(d.storyCount).toBe(1);
    expect(d.topics[0]!.stories[0]!.duplicatesFolded).toBe(1);
  });

  it('sums LLM token usage over the digest', () => {
    const withUsage = articles.map((a, i) => ({
      ...a,
      analysis: { ...a.analysis, summary: { ...a.analysis.summary, method: 'llm' as const, usage: { promptTokens: 100 * (i + 1), completionTokens: 10, model: 'm', cached: false } } },
    }));
    const d = buildDigest(withUsage, { timeZone: 'UTC', now: new Date('2025-11-01T00:00:00Z') });
    expect(d.usage).toEqual({ promptTokens: 600, completionTokens: 30, llmSummaries: 3 });
  });
});
