/**
 * What `kiji serve` mounts from the queue side: `/metrics` (Prometheus text
 * format) and `/queues` (a read-only dashboard: jobs per queue and state,
 * schedules, recent failures with their reason and input). Both are plain
 * `(Request) => Promise<Response>` handlers, so any server (hono,
 * node:http through an adapter) can mount them. Redis being away gives a
 * 503 on these two routes, never a hung request or a crashed reader.
 */
import { Redis } from 'ioredis';
import type { QueueConfig } from './config.js';
import { listFailedJobs } from './failed.js';
import { renderMetrics } from './metrics.js';
import { queueName, STAGES } from './names.js';
import { openQueues, type KijiQueues } from './queues.js';
import { listSchedules } from './schedules.js';

export interface QueueWeb {
  /** GET /metrics */
  metrics(req: Request): Promise<Response>;
  /** GET /queues (HTML), /queues?format=json */
  queues(req: Request): Promise<Response>;
  close(): Promise<void>;
}

/**
 * @example
 * const web = createQueueWeb(config.queue);
 * app.get('/metrics', (c) => web.metrics(c.req.raw));
 * app.get('/queues', (c) => web.queues(c.req.raw));
 * // on shutdown: await web.close();
 */
export function createQueueWeb(cfg: QueueConfig, opts: { timeoutMs?: number } = {}): QueueWeb {
  // A reader's connection: fail a command after one reconnect attempt instead of waiting for Redis forever.
  const redis = new Redis(cfg.redis, { maxRetriesPerRequest: 1, connectionName: `kiji-web-${process.pid}`, retryStrategy: (n) => Math.min(500 * n, 5_000) });
  redis.on('error', () => {}); // reported per request as a 503
  const q = openQueues(cfg, redis);
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const guarded = async (what: string, fn: () => Promise<Response>): Promise<Response> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      return new Response(`${what}: queue: ${(err as Error).message}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    metrics: () =>
      guarded('metrics', async () => new Response(await renderMetrics(q), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } })),
    queues: (req) =>
      guarded('queues', async () => {
        const state = await dashboardState(q);
        if (new URL(req.url).searchParams.get('format') === 'json') return Response.json(state);
        return new Response(renderDashboard(state), { headers: { 'content-type': 'text/html; charset=utf-8' } });
      }),
    async close() {
      await q.close();
      redis.disconnect();
    },
  };
}

export interface DashboardState {
  counts: Record<string, Record<string, number>>;
  schedules: Awaited<ReturnType<typeof listSchedules>>;
  failed: Awaited<ReturnType<typeof listFailedJobs>>;
}

/** @example const state = await dashboardState(q); state.counts['kiji.analyze'].failed */
export async function dashboardState(q: KijiQueues): Promise<DashboardState> {
  const counts: DashboardState['counts'] = {};
  for (const s of STAGES) counts[queueName(s)] = await q.queues[s].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
  return { counts, schedules: await listSchedules(q), failed: await listFailedJobs(q, STAGES, 25) };
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @example new Response(renderDashboard(await dashboardState(q)), { headers: { 'content-type': 'text/html' } }) */
export function renderDashboard(s: DashboardState): string {
  const states = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'];
  const rows = Object.entries(s.counts)
    .map(([name, c]) => `<tr><th>${esc(name)}</th>${states.map((st) => `<td class="${st}">${c[st] ?? 0}</td>`).join('')}</tr>`)
    .join('');
  const schedules = s.schedules.length
    ? s.schedules
        .map(
          (x) =>
            `<tr><td>${esc(x.id)}</td><td>${esc(x.source)}</td><td>${x.every ? `every ${x.every / 1000}s` : esc(`${x.cron}${x.tz ? ` (${x.tz})` : ''}`)}</td><td>${x.next ? new Date(x.next).toISOString() : '—'}</td><td>${x.last ? esc(x.last.ok ? `${x.last.at}: ${x.last.documents} documents` : `${x.last.at}: ${x.last.error}`) : 'never'}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="5">no schedules</td></tr>';
  const failed = s.failed.length
    ? s.failed.map((f) => `<tr><td>${esc(f.queue)}</td><td><code>${esc(f.id)}</code></td><td>${esc(f.input)}</td><td>${esc(f.reason)}</td><td>${f.attempts}</td><td>${esc(f.failedAt)}</td></tr>`).join('')
    : '<tr><td colspan="6">no failed jobs</td></tr>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kiji queues</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:2rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}td.failed{color:#b00}</style></head>
<body><h1>kiji queues</h1>
<table><thead><tr><th>queue</th>${states.map((st) => `<th>${st}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<h2>Schedules</h2><table><thead><tr><th>id</th><th>source</th><th>rhythm</th><th>next run</th><th>last result</th></tr></thead><tbody>${schedules}</tbody></table>
<h2>Failed jobs</h2><p>Retry with <code>kiji jobs retry &lt;id&gt;</code>.</p><table><thead><tr><th>queue</th><th>job</th><th>input</th><th>reason</th><th>attempts</th><th>failed at</th></tr></thead><tbody>${failed}</tbody></table>
</body></html>
`;
}
