/**
 * The command line's rough edges, as a new user hits them: help that is
 * aligned and answered without loading any command, the command or option
 * meant for a misspelt one, usage errors as exit 2, a closed pipe as a
 * normal end, plurals, digests that link where they are published, and
 * `kiji show` printing date figures as dates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, formatRate, progressBar } from '../src/cli/progress.js';
import { kiji } from './support/cli.js';
import { FIXTURES, ROOT } from './support/fixtures.js';
import { cleanupQueues, testConfig, testQueueConfig } from './support/queue.js';

const BIN = join(ROOT, 'bin', 'kiji.js');
let dir: string;
let db: string;
const ids: string[] = [];

/** The real bin in a shell, so pipes behave as on a terminal. */
const sh = (cmd: string) => spawnSync('bash', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KIJI_LOG_LEVEL: 'silent' } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiji-cli-edges-'));
  db = join(dir, 'kiji.db');
  const slugs = ['en-samsung-foundry-results', 'ja-innovatopia-nvidia-korea-gpus', 'ko-hbm-export-outlook'];
  const r = await kiji(['ingest', ...slugs.map((s) => join(FIXTURES, s)), '--db', db]);
  expect(r.code).toBe(0);
  for (const a of JSON.parse((await kiji(['list', '--format', 'json', '--db', db])).stdout) as { id: string }[]) ids.push(a.id);
  expect(ids).toHaveLength(3);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help and usage errors', () => {
  it('lists every command with its summary in one aligned column, from the bin', () => {
    const r = sh(`node ${BIN} --help`);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}[a-z]+ {2,}\S/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['analyze', 'digest', 'ingest', 'jobs', 'list', 'review', 'run', 'schedule', 'serve', 'show', 'start', 'worker']);
    expect(new Set(rows.map((l) => l.search(/(?<=^ {2}[a-z]+ +)\S/))).size).toBe(1);
  });

  it('aligns the subcommands of jobs and schedule with what each does', async () => {
    for (const name of ['jobs', 'schedule']) {
      const r = await kiji([name, '--help']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => /^(usage:| {7})kiji /.test(l) && / {2,}\S/.test(l.slice(12)));
      expect(lines.length, name).toBeGreaterThanOrEqual(3);
      expect(new Set(lines.map((l) => l.search(/(?<=\S {2,})\S[^]*$/))).size, `${name}:\n${lines.join('\n')}`).toBe(1);
    }
  });

  it('suggests the command or the option meant, exit 2', async () => {
    const cmd = await kiji(['analyse', 'a.md']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('did you mean "kiji analyze"?');
    const opt = await kiji(['list', '--fromat', 'json']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('did you mean --format?');
    expect((await kiji(['frobnicate'])).stderr).not.toContain('did you mean');
  });

  it('reports bad option values as usage errors, every one of them, before loading anything', async () => {
    const r = await kiji(['digest', '--format', 'pdf', '--limit', '0', '--lang', 'fr', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be md, html, json, jsonfeed or rss, not "pdf"');
    expect(r.stderr).toContain('--limit must be at least 1');
    expect(r.stderr).toContain('--lang must be ja, ko or en, not "fr"');
    expect((await kiji(['worker', '--concurrency', 'lots'])).code).toBe(2);
    expect((await kiji(['show'])).code).toBe(2);
  });
});

describe('pipes', () => {
  it('ends quietly with exit 0 when the reader closes the pipe', () => {
    for (const cmd of [`list --db ${db}`, `digest --all --db ${db}`]) {
      // `true` exits at once: every write kiji makes hits a closed pipe.
      const r = sh(`node ${BIN} ${cmd} | true; echo "exit=\${PIPESTATUS[0]}"`);
      expect(r.stdout.trim(), cmd).toBe('exit=0');
      expect(r.stderr, cmd).not.toMatch(/EPIPE|internal error|\n\s+at /);
    }
  }, 60_000);
});

describe('digests that link where they are published', () => {
  it('RSS: the channel link is --base-url, never an article; without it there is none', async () => {
    const bare = await kiji(['digest', '--all', '--format', 'rss', '--db', db]);
    expect(bare.code).toBe(0);
    const channel = bare.stdout.slice(0, bare.stdout.indexOf('<item>'));
    expect(channel).not.toMatch(/<link>/);
    expect(bare.stderr).toContain('no --base-url');
    const published = await kiji(['digest', '--all', '--format', 'rss', '--base-url', 'https://news.example/kiji/', '--db', db]);
    const head = published.stdout.slice(0, published.stdout.indexOf('<item>'));
    expect(head).toContain('<link>https://news.example/kiji/</link>');
    expect(head).toContain('<atom:link href="https://news.example/kiji/feed.xml" rel="self"');
  });

  it('JSON Feed: feed_url is where the feed is published, by --out name or feed.json', async () => {
    const feed = JSON.parse((await kiji(['digest', '--all', '--format', 'jsonfeed', '--base-url', 'https://news.example/kiji', '--db', db])).stdout) as Record<string, unknown>;
    expect(feed).toMatchObject({ home_page_url: 'https://news.example/kiji', feed_url: 'https://news.example/kiji/feed.json' });
    const out = join(dir, 'morning digest.json');
    const r = await kiji(['digest', '--all', '--format', 'jsonfeed', '--base-url', 'https://news.example/', '--out', out, '--db', db]);
    expect(r.stderr).toMatch(/kiji digest: \d+ stor(y|ies) → /);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { feed_url: string }).feed_url).toBe('https://news.example/morning%20digest.json');
    expect((await kiji(['digest', '--all', '--format', 'jsonfeed', '--base-url', 'news.example', '--db', db])).code).toBe(2);
  });
});

describe('kiji show', () => {
  it('prints a year, a day or a date range as a date, never "null"', async () => {
    for (const id of ids) {
      const r = await kiji(['show', id, '--db', db]);
      expect(r.code).toBe(0);
      const figures = r.stdout.slice(r.stdout.indexOf('Figures:'));
      expect(figures).not.toMatch(/null/);
    }
    const all = (await Promise.all(ids.map((id) => kiji(['show', id, '--db', db])))).map((r) => r.stdout).join('\n');
    expect(all).toMatch(/^ {2}2025 → 2025\b/m);
  });
});

describe('queue commands', () => {
  it('jobs add: a missing file fails the command (exit 1), in the singular', async () => {
    const cfg = testConfig(testQueueConfig()).queue;
    try {
      const r = await kiji(['jobs', 'add', join(dir, 'no-such-article.md')], { env: { REDIS_URL: cfg.redis, KIJI_QUEUE_PREFIX: cfg.prefix } });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('1 input failed');
      expect(r.stderr).toContain('no-such-article.md');
    } finally {
      await cleanupQueues(cfg);
    }
  });
});

describe('the progress bar', () => {
  it('shows the rate and the time left on a terminal', () => {
    const out: string[] = [];
    let t = 0;
    const tty = Object.assign({ write: (s: string) => out.push(s) }, { isTTY: true, columns: 120 }) as unknown as NodeJS.WritableStream & { isTTY: boolean; columns: number };
    const bar = progressBar(tty, 10, () => t);
    for (let i = 0; i < 4; i++) {
      t += 500;
      bar.tick(`ko-${i}.md`);
    }
    expect(out.at(-1)).toMatch(/\] 4\/10 2\.0\/s ETA 3s {2}ko-3\.md/);
    expect(formatRate(0.25)).toBe('15/min');
    expect(formatDuration(125)).toBe('2m05s');
  });
});
