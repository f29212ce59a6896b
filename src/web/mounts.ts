/**
 * The seam between the reader and the queue stage. When src/queue/web.ts
 * exists and exports `createQueueWeb(queueConfig)` (returning Fetch-API
 * handlers `queues`, `metrics` and a `close`), they are mounted at `/queues`
 * and `/metrics`; until then those routes answer 404. Loaded by path so the
 * reader builds and runs without the queue stage.
 */
import type { StageContext } from '../context.js';
import type { FetchHandler, WebMounts } from './app.js';

/** What the queue stage's `createQueueWeb` returns. */
export interface QueueWeb {
  queues?: WebMounts['queues'];
  metrics?: FetchHandler;
  /** Close Redis connections when the server stops. */
  close?: () => Promise<void>;
}

type CreateQueueWeb = (cfg: StageContext['config']['queue'], opts: { log: StageContext['log'] }) => QueueWeb | Promise<QueueWeb>;

/**
 * @example
 * const queueWeb = await loadQueueMounts(ctx);
 * createWebApp({ store, ctx, exposed: false, mounts: queueWeb });
 */
export async function loadQueueMounts(ctx: StageContext): Promise<WebMounts & { close?: () => Promise<void> }> {
  let mod: { createQueueWeb?: CreateQueueWeb } | null = null;
  for (const file of ['../queue/web.ts', '../queue/web.js']) {
    try {
      mod = (await import(new URL(file, import.meta.url).href)) as { createQueueWeb?: CreateQueueWeb };
      break;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ENOENT') {
        ctx.log.warn('queue web mounts failed to load', { stage: 'web', code: 'queue_unavailable', error: (err as Error).message });
        return {};
      }
    }
  }
  if (!mod || typeof mod.createQueueWeb !== 'function') return {};
  try {
    const web = await mod.createQueueWeb(ctx.config.queue, { log: ctx.log });
    return {
      ...(web.queues ? { queues: web.queues.bind(web) } : {}),
      ...(web.metrics ? { metrics: web.metrics.bind(web) } : {}),
      ...(web.close ? { close: web.close.bind(web) } : {}),
    };
  } catch (err) {
    // Redis down must not keep the reader from serving articles.
    ctx.log.warn('queue dashboard unavailable', { stage: 'web', code: 'queue_unavailable', error: (err as Error).message });
    return {};
  }
}
