/**
 * The seam between the reader and the queue stage. When src/queue/web.ts
 * exists and exports `createQueueWeb(ctx)`, its handlers are mounted at
 * `/queues` (the dashboard) and `/metrics`; until then those routes answer
 * 404. Loaded by name so the reader builds and runs without the queue stage.
 */
import type { StageContext } from '../context.js';
import type { FetchHandler, WebMounts } from './app.js';

/** What src/queue/web.ts is expected to export. */
export interface QueueWeb {
  queues?: FetchHandler;
  metrics?: FetchHandler;
  /** Close Redis connections and the like when the server stops. */
  close?: () => Promise<void>;
}

export type CreateQueueWeb = (ctx: StageContext) => Promise<QueueWeb>;

/**
 * @example
 * const queueWeb = await loadQueueMounts(ctx);
 * createWebApp({ store, ctx, exposed: false, mounts: queueWeb });
 */
export async function loadQueueMounts(ctx: StageContext): Promise<WebMounts & { close?: () => Promise<void> }> {
  const candidates = ['../queue/web.ts', '../queue/web.js'].map((p) => new URL(p, import.meta.url));
  let mod: { createQueueWeb?: CreateQueueWeb } | null = null;
  for (const url of candidates) {
    try {
      mod = (await import(url.href)) as { createQueueWeb?: CreateQueueWeb };
      break;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ENOENT') {
        ctx.log.warn('queue web mounts failed to load', { error: (err as Error).message });
        return {};
      }
    }
  }
  if (!mod || typeof mod.createQueueWeb !== 'function') return {};
  try {
    return await mod.createQueueWeb(ctx);
  } catch (err) {
    // Redis down must not keep the reader from serving articles.
    ctx.log.warn('queue dashboard unavailable', { error: (err as Error).message });
    return {};
  }
}
