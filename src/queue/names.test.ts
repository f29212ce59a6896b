import { describe, expect, it } from 'vitest';
import { QueueConfig } from './config.js';
import { documentJobId, ownKey, pageJobId, pollJobId, queueName, queuePrefix } from './names.js';
import { parseEvery, scheduleIdFor } from './schedules.js';

describe('queue names and keys', () => {
  it('names queues kiji.<stage> and keeps every key under the prefix', () => {
    expect(queueName('analyze')).toBe('kiji.analyze');
    expect(ownKey({ prefix: 'news', hashTag: false }, 'host', 'www.yna.co.kr')).toBe('news:kiji:host:www.yna.co.kr');
  });

  it('gives each queue and each group of own keys a hash tag of its own on a cluster, so they spread over slots', () => {
    expect(queuePrefix({ prefix: 'kiji', hashTag: true }, 'poll')).toBe('{kiji.poll}');
    expect(queuePrefix({ prefix: 'kiji', hashTag: true }, 'analyze')).toBe('{kiji.analyze}');
    expect(queuePrefix({ prefix: 'kiji', hashTag: false }, 'poll')).toBe('kiji');
    // A prefix that already holds a tag keeps everything in its one slot, as before.
    expect(queuePrefix({ prefix: '{kiji}', hashTag: true }, 'fetch')).toBe('{kiji}');
    expect(ownKey({ prefix: '{kiji}', hashTag: true }, 'metrics')).toBe('{kiji}:kiji:metrics');
    expect(ownKey({ prefix: 'kiji', hashTag: true }, 'metrics')).toBe('{kiji.metrics}');
    expect(ownKey({ prefix: 'kiji', hashTag: true }, 'host', 'www.yna.co.kr')).toBe('{kiji.host}:www.yna.co.kr');
    expect(QueueConfig.parse({}).hashTag).toBe(false);
    // A cluster URL turns the tags on by itself.
    expect(QueueConfig.parse({ redis: 'redis+cluster://127.0.0.1:7001,127.0.0.1:7002' }).hashTag).toBe(true);
  });

  it('refuses a Redis URL it cannot use when the configuration is read', () => {
    for (const bad of ['redis+cluster://', 'redis+cluster://a:6379,b', 'localhost:6379', 'http://127.0.0.1:6379']) expect(QueueConfig.safeParse({ redis: bad }).success, bad).toBe(false);
    for (const good of ['redis://127.0.0.1:6379', 'rediss://:pw@redis.example:6380/2', 'redis+cluster://10.0.0.1:6379', 'redis+cluster://:pw@a.example:7000,[::1]:7001']) expect(QueueConfig.safeParse({ redis: good }).success, good).toBe(true);
  });

  it('derives job ids from content and URL, in the characters BullMQ accepts', () => {
    const ja = '---\ntitle: エヌビディア、韓国にGPU26万個\n---\n本文';
    expect(documentJobId(ja)).toBe(documentJobId(ja));
    expect(documentJobId(ja)).not.toBe(documentJobId(ja + ' '));
    expect(documentJobId('삼성전자 HBM 수출 전망')).toMatch(/^doc-[0-9a-f]{32}$/);
    expect(pageJobId('https://www.reuters.com/rss/technology', 'guid:nvidia-korea-2025-10-31')).toMatch(/^page-[0-9a-f]{32}$/);
    expect(pageJobId('https://a.example/feed', 'guid:1')).not.toBe(pageJobId('https://b.example/feed', 'guid:1'));
    const t = new Date('2026-01-01T09:00:10Z');
    expect(pollJobId('nhk-news', t)).toBe(pollJobId('nhk-news', new Date('2026-01-01T09:00:50Z')));
    expect(pollJobId('nhk-news', t)).not.toBe(pollJobId('nhk-news', new Date('2026-01-01T09:01:00Z')));
    for (const id of [documentJobId('x'), pageJobId(null, 'https://a.example/'), pollJobId('a', t)]) expect(id).not.toMatch(/:|^\d+$/);
  });
});

describe('schedule intervals and ids', () => {
  it('reads intervals with units, alone or combined', () => {
    expect(parseEvery('15m')).toBe(900_000);
    expect(parseEvery('1h30m')).toBe(5_400_000);
    expect(parseEvery('90s')).toBe(90_000);
    expect(parseEvery('1d')).toBe(86_400_000);
  });

  it('refuses what is not an interval, or under a second', () => {
    for (const bad of ['15', '15 minutes', 'm', '500ms', '', '1h 30m', '-5m']) expect(() => parseEvery(bad), bad).toThrow(/not an interval/);
  });

  it('makes readable ids from sources', () => {
    expect(scheduleIdFor('https://www3.nhk.or.jp/rss/news/cat0.xml')).toBe('www3.nhk.or.jp-rss-news-cat0.xml');
    expect(scheduleIdFor('https://www.hani.co.kr/rss/')).toBe('www.hani.co.kr-rss');
    expect(scheduleIdFor('feeds/korea.opml')).toBe('feeds-korea.opml');
  });
});
