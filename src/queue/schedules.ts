/**
 * Ingestion schedules on BullMQ job schedulers: each schedule is a scheduler
 * on `kiji.poll` whose job template names the source. They live in Redis,
 * so they survive restarts and any worker may run them; `syncSchedules`
 * makes a YAML file (config/feeds.yaml) the source of truth, so schedules
 * can be reviewed in git.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, InputError } from '../errors.js';
import { FullTextMode } from '../fetch/config.js';
import { ownKey, pollJobId } from './names.js';
import { jobOptions, type KijiQueues } from './queues.js';

/** One schedule as a user writes it (command line or feeds.yaml). */
export const ScheduleSpec = z
  .object({
    /** Defaults to a slug of the source. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dot, dash and underscore only')
      .optional(),
    /** A feed URL, an OPML list, or a file or folder the workers can read. */
    source: z.string().min(1),
    /** `90s`, `15m`, `2h`, `1d`. */
    every: z.string().optional(),
    /** Five or six cron fields, e.g. `*\/30 * * * *`. */
    cron: z.string().optional(),
    /** IANA zone the cron pattern is read in. */
    tz: z.string().optional(),
    /** Whether the feed's items are followed to their article pages (`fetch.fullText`): auto, always or never. */
    fullText: FullTextMode.optional(),
  })
  .refine((s) => (s.every === undefined) !== (s.cron === undefined), { message: 'give exactly one of every or cron' });
export type ScheduleSpec = z.infer<typeof ScheduleSpec>;

/** config/feeds.yaml: `feeds: [{ source, every | cron, tz?, id?, fullText? }]`. */
export const FeedsFile = z.object({ feeds: z.array(ScheduleSpec).default([]) });

export interface ScheduleResult {
  at: string;
  ok: boolean;
  documents: number;
  failed: number;
  error: string | null;
}

export interface ScheduleInfo {
  id: string;
  source: string;
  every: number | null;
  cron: string | null;
  tz: string | null;
  fullText: FullTextMode | null;
  /** Epoch ms of the next run. */
  next: number | null;
  last: ScheduleResult | null;
}

/**
 * @example
 * parseEvery('15m') // 900000
 * parseEvery('1h30m') // 5400000
 */
export function parseEvery(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text.trim()))) {
    total += Number(m[1]) * units[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (consumed !== text.trim().length || total < 1000) {
    throw new InputError('queue', 'bad_request', `"${text}" is not an interval of at least 1s (e.g. 90s, 15m, 2h, 1d)`);
  }
  return Math.round(total);
}

/**
 * A readable, stable id for a source.
 *
 * @example
 * scheduleIdFor('https://www.nhk.or.jp/rss/news/cat0.xml') // 'www.nhk.or.jp-rss-news-cat0.xml'
 */
export function scheduleIdFor(source: string): string {
  const slug = source
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return slug || 'schedule';
}

const lastKey = (q: KijiQueues) => ownKey(q.config, 'schedules', 'last');

/**
 * Create or replace a schedule.
 *
 * @example
 * await addSchedule(q, { source: 'https://www.yna.co.kr/rss/news.xml', every: '15m' });
 * await addSchedule(q, { source: 'feeds.opml', cron: '*\/30 * * * *', tz: 'Asia/Tokyo' });
 */
export async function addSchedule(q: KijiQueues, input: ScheduleSpec): Promise<ScheduleInfo> {
  const parsed = ScheduleSpec.safeParse(input);
  if (!parsed.success) throw new InputError('queue', 'bad_request', `schedule: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const spec = parsed.data;
  const id = spec.id ?? scheduleIdFor(spec.source);
  if (spec.tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: spec.tz });
    } catch {
      throw new InputError('queue', 'bad_request', `schedule: unknown time zone "${spec.tz}"`);
    }
  }
  const repeat = spec.every !== undefined ? { every: parseEvery(spec.every) } : { pattern: spec.cron!, ...(spec.tz ? { tz: spec.tz } : {}) };
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptions(q.config);
  try {
    await q.queues.poll.upsertJobScheduler(id, repeat, {
      name: 'poll',
      data: { source: spec.source, scheduleId: id, fullText: spec.fullText ?? null },
      opts: { attempts, backoff, removeOnComplete, removeOnFail },
    });
  } catch (err) {
    // BullMQ rejects a bad cron pattern here; say which.
    if (spec.cron !== undefined && !/ECONN|Connection/i.test((err as Error).message)) {
      throw new InputError('queue', 'bad_request', `schedule: bad cron pattern "${spec.cron}": ${(err as Error).message}`);
    }
    throw err;
  }
  return (await getSchedule(q, id))!;
}

/** @example (await getSchedule(q, 'nhk-news'))?.next // epoch ms of the next poll */
export async function getSchedule(q: KijiQueues, id: string): Promise<ScheduleInfo | null> {
  const s = await q.queues.poll.getJobScheduler(id);
  if (!s) return null;
  const last = await q.redis.hget(lastKey(q), id);
  return toInfo(s, last);
}

/** Every schedule, soonest first. @example for (const s of await listSchedules(q)) console.log(s.id, s.last?.ok) */
export async function listSchedules(q: KijiQueues): Promise<ScheduleInfo[]> {
  const all = await q.queues.poll.getJobSchedulers(0, -1, true);
  const lasts = all.length ? await q.redis.hmget(lastKey(q), ...all.map((s) => s.key)) : [];
  return all.map((s, i) => toInfo(s, lasts[i] ?? null));
}

function toInfo(s: Awaited<ReturnType<KijiQueues['queues']['poll']['getJobScheduler']>> & object, last: string | null): ScheduleInfo {
  const data = (s.template?.data ?? {}) as { source?: string; fullText?: FullTextMode | null };
  return {
    id: s.key,
    source: data.source ?? '',
    fullText: data.fullText ?? null,
    every: s.every ? Number(s.every) : null,
    cron: s.pattern ?? null,
    tz: s.tz ?? null,
    next: s.next ?? null,
    last: last ? (JSON.parse(last) as ScheduleResult) : null,
  };
}

/** @returns whether a schedule by that id existed. @example await removeSchedule(q, 'nhk-news') // true */
export async function removeSchedule(q: KijiQueues, id: string): Promise<boolean> {
  const removed = await q.queues.poll.removeJobScheduler(id);
  await q.redis.hdel(lastKey(q), id);
  return removed;
}

/** Poll a schedule's source now, outside its rhythm. @example await runScheduleNow(q, 'nhk-news') // 'poll-…' */
export async function runScheduleNow(q: KijiQueues, id: string, now: Date = new Date()): Promise<string> {
  const s = await getSchedule(q, id);
  if (!s) throw new InputError('queue', 'not_found', `schedule: no schedule "${id}"`);
  const { attempts, backoff } = jobOptions(q.config);
  const job = await q.queues.poll.add('poll', { source: s.source, scheduleId: id, fullText: s.fullText }, { jobId: pollJobId(id, now), attempts, backoff });
  return job.id!;
}

/** Written by the poll worker after each run. */
export async function recordScheduleResult(q: KijiQueues, id: string, result: ScheduleResult): Promise<void> {
  await q.redis.hset(lastKey(q), id, JSON.stringify(result));
}

/**
 * Make Redis hold exactly the schedules of a feeds file (unless `keepOthers`).
 *
 * @example
 * await syncSchedules(q, 'config/feeds.yaml'); // { added: ['…'], updated: [], removed: ['…'] }
 */
export async function syncSchedules(q: KijiQueues, file: string, opts: { keepOthers?: boolean } = {}): Promise<{ upserted: string[]; removed: string[] }> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError([`${file}: ${(err as Error).message.split('\n')[0]}`]);
  }
  const parsed = FeedsFile.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${file}: feeds.${i.path.join('.')}: ${i.message}`));
  const upserted: string[] = [];
  for (const spec of parsed.data.feeds) upserted.push((await addSchedule(q, spec)).id);
  const dupes = upserted.filter((id, i) => upserted.indexOf(id) !== i);
  if (dupes.length) throw new ConfigError([`${file}: schedule ids used twice: ${[...new Set(dupes)].join(', ')}`]);
  const removed: string[] = [];
  if (!opts.keepOthers) {
    for (const s of await listSchedules(q)) {
      if (!upserted.includes(s.id) && (await removeSchedule(q, s.id))) removed.push(s.id);
    }
  }
  return { upserted, removed };
}
