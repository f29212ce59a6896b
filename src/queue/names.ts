/**
 * Queue names, the Redis key prefix and job ids. Job ids come from what a job
 * is about (a document's bytes, a URL), so enqueueing the same thing twice
 * while the first job is still known to BullMQ adds nothing.
 */
import { createHash } from 'node:crypto';
import type { QueueConfig } from './config.js';

/**
 * The stage groups that have a queue: `poll` reads a source (feed, OPML list,
 * page URL, folder) through the ingestion loop, `fetch` downloads one feed
 * item's article page, `analyze` runs `ingestDocument` (every in-process
 * stage, then link and store).
 */
export const STAGES = ['poll', 'fetch', 'analyze'] as const;
export type QueueStage = (typeof STAGES)[number];

/**
 * @example
 * queueName('analyze') // 'kiji.analyze'
 */
export function queueName(stage: QueueStage): string {
  return `kiji.${stage}`;
}

type KeyConfig = Pick<QueueConfig, 'prefix' | 'hashTag'>;

const hasTag = (prefix: string) => /\{[^}]+\}/.test(prefix);

/**
 * The prefix BullMQ puts before every key of one queue. With `hashTag` (and
 * always on a Redis Cluster) each queue gets a hash tag of its own, so all
 * keys of a queue share a slot — BullMQ's scripts need that — while the
 * queues spread over the cluster. A prefix that already holds a tag is used
 * as it is: everything then shares its one slot.
 *
 * @example
 * queuePrefix({ prefix: 'kiji', hashTag: false }, 'poll')  // 'kiji'
 * queuePrefix({ prefix: 'kiji', hashTag: true }, 'poll')   // '{kiji.poll}'
 * queuePrefix({ prefix: '{kiji}', hashTag: true }, 'poll') // '{kiji}'
 */
export function queuePrefix(cfg: KeyConfig, stage: QueueStage): string {
  if (!cfg.hashTag || hasTag(cfg.prefix)) return cfg.prefix;
  return `{${cfg.prefix}.${stage}}`;
}

/**
 * A key of kiji's own (the per-host schedule, metrics, schedule results)
 * under the prefix. With `hashTag` each group (`host`, `metrics`,
 * `schedules`) gets its own tag, by the same rule as the queues: the keys a
 * script or transaction touches together share a slot.
 *
 * @example
 * ownKey({ prefix: 'kiji', hashTag: false }, 'host', 'example.com') // 'kiji:kiji:host:example.com'
 * ownKey({ prefix: 'kiji', hashTag: true }, 'host', 'example.com')  // '{kiji.host}:example.com'
 */
export function ownKey(cfg: KeyConfig, group: string, ...parts: string[]): string {
  if (!cfg.hashTag || hasTag(cfg.prefix)) return [cfg.prefix, 'kiji', group, ...parts].join(':');
  return [`{${cfg.prefix}.${group}}`, ...parts].join(':');
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Job ids: BullMQ refuses ids with `:` and purely numeric ones, hence the
 * letter prefix and the hex digest.
 *
 * @example
 * documentJobId('本文…') === documentJobId('本文…') // the same bytes, the same job
 */
export function documentJobId(body: string): string {
  return `doc-${digest(body)}`;
}

/**
 * The article page of a feed item: one job per item of a feed (or per page
 * URL), so a second poll while the first one's pages are still queued adds nothing.
 *
 * @example
 * pageJobId('https://www.yna.co.kr/rss/news.xml', 'guid:AKR2025…') // 'page-…'
 */
export function pageJobId(feedUrl: string | null, keyOrUrl: string): string {
  return `page-${digest(`${feedUrl ?? ''}\n${keyOrUrl}`)}`;
}

/** A manual poll of a schedule now (`kiji schedule run`): one per schedule per minute. */
export function pollJobId(scheduleId: string, at: Date): string {
  return `poll-${digest(`${scheduleId}\n${at.toISOString().slice(0, 16)}`)}`;
}
