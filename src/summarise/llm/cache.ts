/**
 * The summary cache port: validated LLM replies by content id, reader
 * language, model and prompt version. The same content (the same id, also
 * when it arrives again from another URL) is never sent to the model twice.
 * In memory per context by default; `storeSummaryCache` keeps it in the
 * store so it survives restarts and is shared by workers.
 */
import { defineResource, type StageContext } from '../../context.js';
import type { Lang } from '../../records.js';
import type { LlmSummary } from './schema.js';

export interface CacheKey {
  contentId: string;
  lang: Lang;
  model: string;
  promptVersion: number;
}

export interface CachedReply {
  summary: LlmSummary;
  promptTokens: number;
  completionTokens: number;
  model: string;
}

export interface SummaryCache {
  get(key: CacheKey): Promise<CachedReply | null>;
  put(key: CacheKey, value: CachedReply): Promise<void>;
}

export const cacheKeyString = (k: CacheKey) => `${k.contentId}\u0000${k.lang}\u0000${k.model}\u0000${k.promptVersion}`;

/**
 * @example
 * const cache = memorySummaryCache();
 * await cache.put(key, reply); (await cache.get(key))?.summary.headline;
 */
export function memorySummaryCache(): SummaryCache {
  const m = new Map<string, CachedReply>();
  return {
    get: async (k) => m.get(cacheKeyString(k)) ?? null,
    put: async (k, v) => void m.set(cacheKeyString(k), v),
  };
}

/** The context's summary cache: in memory unless `provideSummaryCache` set another first. */
export const summaryCacheResource = defineResource<SummaryCache>('summarise.cache', async () => memorySummaryCache());

/**
 * Make `cache` the context's summary cache (call before the first summary).
 *
 * @example
 * const store = await openStore(url);
 * provideSummaryCache(ctx, storeSummaryCache(store));
 */
export function provideSummaryCache(ctx: StageContext, cache: SummaryCache): void {
  void ctx.resources.once(summaryCacheResource.key, async () => cache);
}

/** Requests in flight by cache key, per context: two copies of one article arriving together cost one call. */
export const inflightResource = defineResource<Map<string, Promise<unknown>>>('summarise.inflight', async () => new Map());
