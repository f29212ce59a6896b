/**
 * What `kiji serve` mounts from the queue side: `/metrics` (Prometheus text
 * format, kiji's own counters and live job counts) and `/queues`, the Bull
 * Board dashboard over kiji's queues. The reader decides who may change
 * jobs: `queues(req, { write })` serves a read-only board to everyone and the
 * full one (retry, clean, promote…) only to a reviewer signed in with the
 * token. Redis being away gives a 503 on `/metrics`, never a hung request or
 * a crashed reader.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Logger } from '../log.js';
import type { QueueConfig } from './config.js';
import { connectRedis } from './connection.js';
import { renderMetrics } from './metrics.js';
import { STAGES } from './names.js';
import { openQueues } from './queues.js';

export interface QueueWeb {
  /** GET /metrics */
  metrics(req: Request): Promise<Response>;
  /** Everything under /queues: the dashboard's page, assets and API. `write` allows the board's actions. */
  queues(req: Request, access: { write: boolean }): Promise<Response>;
  close(): Promise<void>;
}

/** Where the dashboard lives in the reader. */
export const BOARD_PATH = '/queues';

/**
 * @example
 * const web = createQueueWeb(config.queue, { log });
 * app.get('/metrics', (c) => web.metrics(c.req.raw));
 * app.all('/queues/*', (c) => web.queues(c.req.raw, { write: signedIn(c) }));
 * // on shutdown: await web.close();
 */
export function createQueueWeb(cfg: QueueConfig, opts: { timeoutMs?: number; log?: Logger } = {}): QueueWeb {
  // A reader's connection: a command fails after one reconnect attempt instead of waiting for Redis;
  // an outage is logged once (connectRedis) and answered per request.
  const redis = connectRedis(cfg.redis, { name: `kiji-web-${process.pid}`, maxRetriesPerRequest: 1, ...(opts.log ? { log: opts.log } : {}) });
  const q = openQueues(cfg, redis, opts.log);
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const board = (readOnlyMode: boolean): Hono => {
    const adapter = new HonoAdapter(serveStatic).setBasePath(BOARD_PATH);
    createBullBoard({
      queues: STAGES.map((s) => new BullMQAdapter(q.queues[s], { readOnlyMode, allowRetries: !readOnlyMode, description: descriptions[s] })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: readOnlyMode ? 'kiji queues (read-only)' : 'kiji queues' } },
    });
    return new Hono().route(BOARD_PATH, adapter.registerPlugin());
  };
  const readOnly = board(true);
  const full = board(false);
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
      opts.log?.warn(`${what} unavailable`, { stage: 'queue', code: 'redis_unavailable', error: (err as Error).message });
      return new Response(`${what}: queue: ${(err as Error).message}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    metrics: () => guarded('metrics', async () => new Response(await renderMetrics(q), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } })),
    queues: async (req, access) => (access.write ? full : readOnly).fetch(req),
    async close() {
      await q.close();
      redis.disconnect();
    },
  };
}

const descriptions = {
  poll: 'sources to read: feeds, OPML lists, page URLs, files',
  fetch: 'feed items whose article page is fetched',
  analyze: 'documents analysed, linked and stored',
} as const;
