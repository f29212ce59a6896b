/**
 * The done-when of digests on the repository's fixture articles: the two seed
 * stories (BlackRock's AI hub agreement, September 2025; NVIDIA's GPU deal at
 * APEC, October 2025) are two stories under one topic, and the Korean,
 * English and syndicated versions fold into the story they report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, renderDigest, type Digest, type DigestArticle } from '../src/digest/index.js';
import type { Analysis } from '../src/records.js';
import { kiji } from './support/cli.js';
import { analyzeFixture, fixtureContext, listFixtures } from './support/fixtures.js';
import { sqliteStore, type TestStore } from './support/stores.js';

const ctx = fixtureContext();
const analyses = new Map<string, Analysis>();
let digest: Digest;
let db: TestStore;

const storyOf = (slug: string) => {
  const id = analyses.get(slug)!.id;
  for (const t of digest.topics) for (const s of t.stories) if (s.sources.some((x) => x.articleId === id)) return { topic: t, story: s };
  throw new Error(`${slug} is in no story`);
};

beforeAll(async () => {
  for (const f of listFixtures()) analyses.set(f.slug, await analyzeFixture(f, ctx));
  const articles: DigestArticle[] = [...analyses.values()].map((a) => ({
    id: a.id, analysis: a, publishedAt: a.publishedAt, ingestedAt: '2026-01-01T00:00:00.000Z', duplicateOf: null, clusterId: null,
  }));
  digest = buildDigest(articles, { timeZone: 'Asia/Seoul', now: new Date('2026-01-01T00:00:00Z') });
  db = await sqliteStore();
  // The real ingest, with dedupe linking duplicates and story clusters across documents.
  const ingest = await kiji(['ingest', 'fixtures/articles', '--db', db.url]);
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
}, 180_000);

afterAll(async () => db?.cleanup());

describe('digest of the fixture articles', () => {
  it('keeps the two seed events apart, as two stories', () => {
    const nvidia = storyOf('ja-innovatopia-nvidia-korea-gpus');
    const blackrock = storyOf('ja-allforces-blackrock-korea-ai-hub');
    expect(nvidia.story.id).not.toBe(blackrock.story.id);
  });

  it('puts both seed stories under one shared topic about Korea and AI', () => {
    const nvidia = storyOf('ja-innovatopia-nvidia-korea-gpus');
    const blackrock = storyOf('ja-allforces-blackrock-korea-ai-hub');
    expect(nvidia.topic.id).toBe(blackrock.topic.id);
    expect(nvidia.topic.entities).toContain('South Korea');
    expect(nvidia.topic.label).toMatch(/AI/);
  });

  it('folds the Korean and English reports of the NVIDIA deal into its story', () => {
    const { story } = storyOf('ja-innovatopia-nvidia-korea-gpus');
    for (const slug of ['ko-nvidia-apec-gpu', 'en-nvidia-korea-gpus-html']) expect(storyOf(slug).story.id).toBe(story.id);
    expect(story.languages).toEqual(['en', 'ja', 'ko']);
    expect(story.duplicatesFolded).toBe(2);
    expect(story.keyFigures.map((f) => f.display).join(' ')).toMatch(/260,000/);
  });

  it('folds the syndicated, Korean and English reports of the BlackRock agreement into its story', () => {
    const { story } = storyOf('ja-allforces-blackrock-korea-ai-hub');
    for (const slug of ['en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated', 'ko-blackrock-ai-hub-html'])
      expect(storyOf(slug).story.id).toBe(story.id);
    expect(story.entities.map((e) => e.canonical)).toContain('BlackRock');
  });

  it('keeps the chip-market stories out of the AI-infrastructure topic', () => {
    const topic = storyOf('ja-innovatopia-nvidia-korea-gpus').topic;
    for (const slug of ['en-samsung-foundry-results', 'ko-hbm-export-outlook']) expect(storyOf(slug).topic.id).not.toBe(topic.id);
  });

  it('the NVIDIA story, reported in three languages, ranks above single-source stories', () => {
    const all = digest.topics.flatMap((t) => t.stories);
    const nvidia = storyOf('ja-innovatopia-nvidia-korea-gpus').story;
    const single = all.filter((s) => s.sources.length === 1);
    expect(single.length).toBeGreaterThan(0);
    for (const s of single) expect(nvidia.score).toBeGreaterThan(s.score);
  });

  it('--lang ko makes the Korean report speak for each story', () => {
    const ko = buildDigest(
      [...analyses.values()].map((a) => ({ id: a.id, analysis: a, publishedAt: a.publishedAt, ingestedAt: '2026-01-01T00:00:00.000Z', duplicateOf: null, clusterId: null })),
      { timeZone: 'Asia/Seoul', now: new Date('2026-01-01T00:00:00Z'), lang: 'ko' },
    );
    const stories = ko.topics.flatMap((t) => t.stories);
    expect(stories.length).toBeGreaterThan(0);
    for (const s of stories) expect(s.lang).toBe('ko');
    expect(stories.map((s) => s.headline)).toContain(analyses.get('ko-nvidia-apec-gpu')!.title);
  });

  it('kiji digest over what kiji ingest stored (with the dedupe links) tells the same two seed stories under one topic', async () => {
    const out = await kiji(['digest', '--all', '--db', db.url, '--format', 'json', '--tz', 'Asia/Seoul']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const fromCli = JSON.parse(out.stdout) as Digest;
    const storyWith = (slug: string) => {
      const id = analyses.get(slug)!.id;
      for (const t of fromCli.topics) for (const s of t.stories) if (s.sources.some((x) => x.articleId === id)) return { topic: t.id, story: s.id };
      throw new Error(`${slug} is in no story`);
    };
    const nvidia = storyWith('ja-innovatopia-nvidia-korea-gpus');
    const blackrock = storyWith('ja-allforces-blackrock-korea-ai-hub');
    expect(nvidia.story).not.toBe(blackrock.story);
    expect(nvidia.topic).toBe(blackrock.topic);
    for (const slug of ['ko-nvidia-apec-gpu', 'en-nvidia-korea-gpus-html']) expect(storyWith(slug)).toEqual(nvidia);
    for (const slug of ['en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated', 'ko-blackrock-ai-hub-html'])
      expect(storyWith(slug)).toEqual(blackrock);
    const md = await kiji(['digest', '--from', '2025-09-01', '--to', '2025-09-30', '--db', db.url, '--tz', 'Asia/Seoul']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('BlackRock');
    // The NVIDIA deal is an October story: outside a September window.
    expect(md.stdout).not.toContain('APEC');
    expect(md.stdout).toContain('2025-09-01 – 2025-09-30 (Asia/Seoul)');
  });

  it('kiji digest refuses what it cannot do, with exit code 2', async () => {
    for (const args of [['--format', 'pdf'], ['--since', 'lately'], ['--lang', 'fr'], ['--all', '--since', '24h']]) {
      const out = await kiji(['digest', '--db', db.url, ...args]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^kiji digest: /);
    }
  });

  it('kiji digest --out writes the file', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kiji-digest-')), 'digest.html');
    const out = await kiji(['digest', '--all', '--db', db.url, '--format', 'html', '--out', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('<!doctype html>');
  });

  it('renders the fixture digest in every format', () => {
    for (const f of ['md', 'html', 'json', 'jsonfeed', 'rss'] as const) expect(renderDigest(digest, f)).toContain('BlackRock');
  });
});
