/**
 * Prometheus metrics for a deployment of many processes. Each worker counts
 * in memory and adds its counts to one Redis hash every few seconds (one
 * round trip per flush, not per job); `kiji serve` renders that hash, plus
 * live job counts per queue and state, in the Prometheus text format.
 */
import { redisPersistence, type RedisClient } from './connection.js';
import type { QueueConfig } from './config.js';
import { ownKey, queueName, STAGES } from './names.js';
import type { KijiQueues } from './queues.js';

type Labels = Record<string, string>;

/** Every metric family kiji exports, with its help text. */
export const FAMILIES = {
  kiji_jobs: { type: 'gauge', help: 'Jobs per queue and state, read from Redis when scraped.' },
  kiji_jobs_processed_total: { type: 'counter', help: 'Job attempts finished, by queue and outcome (completed, retrying, failed).' },
  kiji_job_duration_seconds: { type: 'histogram', help: 'Time a job attempt took, by queue (the stage group).' },
  kiji_articles_total: { type: 'counter', help: 'Documents through ingest, by result (stored, duplicate, skipped, failed).' },
  kiji_paragraphs_dropped_total: { type: 'counter', help: 'Paragraphs and sentences dedupe removed from stored articles, by reason.' },
  kiji_fetch_errors_total: { type: 'counter', help: 'Fetch failures, by error code.' },
  kiji_llm_tokens_total: { type: 'counter', help: 'LLM tokens spent on summaries, by kind (prompt, completion).' },
  kiji_redis_persistence: { type: 'gauge', help: 'Whether Redis persists the queues, by mode (aof, rdb): 1 on, 0 off. Both 0: queued jobs are lost when Redis restarts.' },
} as const;
export type Family = keyof typeof FAMILIES;

/** Upper bounds of the duration buckets, in seconds: a poll may take a while, an analysis tens of ms. */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * A metric sample's name as stored: `name{a="x",b="y"}` with labels sorted, as Prometheus prints it.
 *
 * @example
 * sampleKey('kiji_fetch_errors_total', { code: 'timeout' }) // 'kiji_fetch_errors_total{code="timeout"}'
 */
export function sampleKey(name: string, labels: Labels = {}): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

export interface MetricsRecorder {
  inc(name: Exclude<Family, 'kiji_jobs' | 'kiji_job_duration_seconds'>, labels: Labels, by?: number): void;
  observe(name: 'kiji_job_duration_seconds', labels: Labels, seconds: number): void;
  /** Add what was counted since the last flush to the shared hash. */
  flush(): Promise<void>;
  /** Counts not yet flushed (for tests and the shutdown path). */
  pending(): ReadonlyMap<string, number>;
}

/**
 * @example
 * const m = createMetricsRecorder(redis, config.queue);
 * m.inc('kiji_articles_total', { result: 'stored' });
 * m.observe('kiji_job_duration_seconds', { queue: 'kiji.analyze' }, 0.042);
 * await m.flush();
 */
export function createMetricsRecorder(redis: RedisClient, cfg: Pick<QueueConfig, 'prefix' | 'hashTag'>): MetricsRecorder {
  const key = ownKey(cfg, 'metrics');
  let deltas = new Map<string, number>();
  const add = (k: string, by: number) => deltas.set(k, (deltas.get(k) ?? 0) + by);
  return {
    inc(name, labels, by = 1) {
      add(sampleKey(name, labels), by);
    },
    observe(name, labels, seconds) {
      for (const le of BUCKETS) if (seconds <= le) add(sampleKey(`${name}_bucket`, { ...labels, le: String(le) }), 1);
      add(sampleKey(`${name}_bucket`, { ...labels, le: '+Inf' }), 1);
      add(sampleKey(`${name}_sum`, labels), seconds);
      add(sampleKey(`${name}_count`, labels), 1);
    },
    async flush() {
      if (deltas.size === 0) return;
      const batch = deltas;
      deltas = new Map();
      const multi = redis.multi();
      for (const [k, v] of batch) multi.hincrbyfloat(key, k, v);
      try {
        await multi.exec();
      } catch (err) {
        // Redis is away: keep the counts for the next flush rather than lose them.
        for (const [k, v] of batch) add(k, v);
        throw err;
      }
    },
    pending: () => deltas,
  };
}

/**
 * The whole exposition: shared counters from Redis and live queue counts.
 *
 * @example
 * const text = await renderMetrics(q); // → 'kiji_jobs{queue="kiji.analyze",state="failed"} 2\n…'
 */
export async function renderMetrics(q: KijiQueues): Promise<string> {
  const stored = await q.redis.hgetall(ownKey(q.config, 'metrics'));
  const byFamily = new Map<string, string[]>();
  for (const [sample, value] of Object.entries(stored).sort(([a], [b]) => compareSamples(a, b))) {
    const family = familyOf(sample);
    if (!family) continue;
    const list = byFamily.get(family) ?? [];
    list.push(`${sample} ${formatNumber(Number(value))}`);
    byFamily.set(family, list);
  }
  const jobLines: string[] = [];
  for (const stage of STAGES) {
    const counts = await q.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    for (const [state, n] of Object.entries(counts)) jobLines.push(`${sampleKey('kiji_jobs', { queue: queueName(stage), state })} ${n}`);
  }
  byFamily.set('kiji_jobs', jobLines);
  // Read at scrape time, so an alert fires whichever process started against a Redis that keeps nothing.
  const persistence = await redisPersistence(q.redis).catch(() => null);
  if (persistence)
    byFamily.set(
      'kiji_redis_persistence',
      (['aof', 'rdb'] as const).filter((m) => persistence[m] !== null).map((m) => `${sampleKey('kiji_redis_persistence', { mode: m })} ${persistence[m] ? 1 : 0}`),
    );
  const out: string[] = [];
  for (const [name, f] of Object.entries(FAMILIES)) {
    out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
    out.push(...(byFamily.get(name) ?? []));
  }
  return out.join('\n') + '\n';
}

/** Buckets in increasing `le` (Prometheus wants them so), then `_sum` and `_count`. */
function compareSamples(a: string, b: string): number {
  const split = (s: string) => {
    const le = /,?le="([^"]+)"/.exec(s);
    const rest = s.replace(/,?le="[^"]+"/, '').replace(/\{,/, '{');
    const order = /_bucket\{/.test(s) ? 0 : /_sum(\{|$)/.test(s) ? 1 : 2;
    return { base: rest.replace(/_(bucket|sum|count)(\{|$)/, '$2'), order, le: le ? (le[1] === '+Inf' ? Infinity : Number(le[1])) : 0 };
  };
  const x = split(a);
  const y = split(b);
  return x.base.localeCompare(y.base, 'en') || x.order - y.order || x.le - y.le;
}

function familyOf(sample: string): Family | null {
  const name = sample.replace(/\{.*$/, '').replace(/_(bucket|sum|count)$/, '');
  return name in FAMILIES ? (name as Family) : null;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/** The Redis key metrics accumulate under (for cleanup and tests). */
export function metricsKey(cfg: Pick<QueueConfig, 'prefix' | 'hashTag'>): string {
  return ownKey(cfg, 'metrics');
}
