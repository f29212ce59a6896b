/**
 * robots.txt against RFC 9309's rules and the cases Google publishes for its
 * parser, as fixtures of our own (testdata/robots/): which group a crawler
 * obeys, how groups merge, which rule wins, and how sloppy files are read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRobots, productToken } from './robots.js';

const KIJI = 'kiji/0.1 (+https://github.com/kiji-news/kiji)';
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', 'robots', name), 'utf8');
const check = (file: string, agent: string, cases: Record<string, boolean>) => {
  const rules = parseRobots(fixture(file), agent);
  for (const [path, allowed] of Object.entries(cases)) expect(rules.allowed(path), `${agent} ${path}`).toBe(allowed);
};

describe('the group a crawler obeys', () => {
  it('takes its product token from its User-Agent', () => {
    expect(productToken(KIJI)).toBe('kiji');
    expect(productToken('Mozilla/5.0 (compatible; FeedBot/2.1)')).toBe('mozilla');
    expect(productToken('read_er-bot/1')).toBe('read_er-bot');
  });

  it('obeys its own group alone when one names it, not the * group', () => {
    check('groups.txt', KIJI, { '/news/today.html': true, '/news/chart.png': true, '/news/other.html': false, '/archive/public/a': false, '/': false });
  });

  it('gives every agent of a multi-agent group the same rules, and them only', () => {
    for (const bot of ['readerbot/3.0', 'FeedBot']) check('groups.txt', bot, { '/news/today.html': false, '/archive/x': true, '/img.png': true });
  });

  it('lets a crawler whose group is empty fetch everything, without falling back to *', () => {
    check('groups.txt', 'quietbot', { '/archive/x': true, '/a.png': true });
  });

  it('falls back to the * group for anyone unnamed', () => {
    check('groups.txt', 'otherbot/1.0', { '/archive/x': false, '/archive/public/x': true, '/a.png': false, '/a.png?x=1': true, '/news/today.html': true });
  });

  it('merges every group that names it, matching names without regard to case', () => {
    const rules = parseRobots(fixture('merge.txt'), KIJI);
    expect(rules.allowed('/drafts/a')).toBe(false);
    expect(rules.allowed('/private/a')).toBe(false);
    expect(rules.allowed('/news/a')).toBe(true);
    expect(rules.crawlDelayMs).toBe(2000);
  });

  it('takes no group of another product, however its name starts (the old startsWith match did)', () => {
    check('prefixes.txt', KIJI, { '/k/a': true, '/kijibot/a': true, '/news/a': true, '/everyone/a': false });
    check('prefixes.txt', 'kiji-news/1.0', { '/news/a': false, '/everyone/a': true });
  });
});

describe('the rule that wins', () => {
  it('is the longest match, Allow on a tie, with * and $ as the RFC defines them', () => {
    check('longest.txt', KIJI, {
      '/': true,
      '/about': false,
      '/fish': true,
      '/fish.html': true,
      '/fish/salmon': false,
      '/fish/salmon/wild/alaska': true,
      '/tie': true,
      '/page.php': false,
      '/page.php?x=1': false, // only Disallow: / matches: $ anchors .php at the very end
      '/index.php': true,
      '/search?q=chips': false,
      '/robots.txt': true,
    });
  });

  it('compares percent-encoded and raw UTF-8 paths as the same path, in Japanese and Korean', () => {
    check('longest.txt', KIJI, {
      '/ニュース/2025/1': true,
      '/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/2025/1': true,
      '/%e3%83%8b%e3%83%a5%e3%83%bc%e3%82%b9/2025/1': true,
      '/뉴스/1': true,
      '/%EB%89%B4%EC%8A%A4/1': true,
      '/news/1': false,
    });
  });
});

describe('sloppy files', () => {
  it('reads keys in any case and common misspellings, forgives a missing colon, skips rules before any group and a BOM', () => {
    check('sloppy.txt', KIJI, { '/typo/a': false, '/no-colon/a': false, '/upper/a': false, '/upper/ok/a': true, '/before-any-group/a': true, '/other': true });
    check('sloppy.txt', 'feedbot', { '/typo/a': false, '/other': true });
    check('sloppy.txt', 'someone', { '/other': false });
  });
});
