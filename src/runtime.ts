/**
 * The runtime: everything a run needs, built once, eagerly, where the
 * configuration is parsed — the stage context, the store (with the LLM
 * summary cache that lives in it), the host scheduler, the gazetteer, the
 * kuromoji dictionary, the entity tagger's weights and the LLM client. The CLI, the web reader and the
 * queue workers each build one at start and hand it to the one ingestion
 * loop (src/ingest); a broken gazetteer or an unreadable dictionary is
 * reported before the first document, not on it.
 */
import type { Config } from './config/schema.js';
import { createContext, provideResource, useResource, type StageContext } from './context.js';
import { gazetteerResource } from './enrich/entities/gazetteer.js';
import { entityTaggerResource } from './enrich/entities/tagger/index.js';
import { hostSchedulerResource, type HostScheduler } from './fetch/http/index.js';
import type { Logger } from './log.js';
import { openStore, type Store } from './store/index.js';
import { llmEnabled, llmResource, storeSummaryCache, summaryCacheResource, type SummaryCache } from './summarise/index.js';
import type { IpadicDictionary } from './tokenize/ipadic/dictionary.js';
import { JapaneseTokenizer, japaneseTokenizerResource } from './tokenize/japanese.js';

export interface Runtime {
  readonly ctx: StageContext;
  /** The store. Opened at start (`store: 'now'`), or on first use and again after a failed open (`'lazy'`). */
  store(): Promise<Store>;
  /** Close what the runtime opened (a store handed in is the caller's to close). */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  clock?: () => Date;
  /**
   * `'now'`: open `config.store.db` at start, and fail the run if it cannot
   * be opened; `'lazy'`: open it on first use and try again after a failure
   * (a worker outlives a database restart); a Store: use that one; `false`:
   * the run has no store (`kiji analyze`).
   */
  store?: 'now' | 'lazy' | Store | false;
  /** Load what analysis needs (dictionary, gazetteer, LLM client) before the first document. */
  analysis?: boolean;
  /** Space requests per host with this scheduler (the workers share one in Redis); default: one per process. */
  hostScheduler?: HostScheduler;
  /** The IPADIC dictionary, already loaded (an analysis thread gets its pool's shared one), instead of loading it. */
  ipadic?: IpadicDictionary;
}

/**
 * @example
 * const rt = await createRuntime(loadConfig(), { store: 'now', analysis: true });
 * try { await ingestSource('fixtures/articles', rt, storeSink(rt)); } finally { await rt.close(); }
 */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const ctx = createContext(config, { ...(opts.log ? { log: opts.log } : {}), ...(opts.clock ? { clock: opts.clock } : {}) });
  if (opts.hostScheduler) provideResource(ctx, hostSchedulerResource, opts.hostScheduler);
  if (opts.ipadic) provideResource(ctx, japaneseTokenizerResource, new JapaneseTokenizer(opts.ipadic));

  const given = typeof opts.store === 'object' ? opts.store : null;
  let opened: Promise<Store> | null = given ? Promise.resolve(given) : null;
  const store = (): Promise<Store> => {
    if (!opened) {
      if (opts.store === false || opts.store === undefined) return Promise.reject(new Error('runtime: this run has no store'));
      opened = openStore(config.store.db, { log: ctx.log, durability: config.store.durability });
      opened.catch(() => (opened = null));
    }
    return opened;
  };
  if (opts.store !== false && opts.store !== undefined) {
    // The summary cache lives in the store, so every worker and every restart reuses what the model wrote.
    provideResource(ctx, summaryCacheResource, lazySummaryCache(store, ctx.clock));
  }

  try {
    if (opts.store === 'now') await store();
    else if (opts.store === 'lazy') store().catch((err: Error) => ctx.log.warn('store not reachable yet; trying again on the first job', { stage: 'store', error: err.message }));
    if (opts.analysis) await preload(ctx);
  } catch (err) {
    if (opened && !given) await (await opened.catch(() => null))?.close();
    throw err;
  }

  return {
    ctx,
    store,
    async close() {
      if (!opened || given) return;
      const s = await opened.catch(() => null);
      opened = null;
      await s?.close();
    },
  };
}

/** Everything analysis loads once per process, loaded now so that a problem shows at start. */
async function preload(ctx: StageContext): Promise<void> {
  const started = performance.now();
  await Promise.all([
    useResource(ctx, japaneseTokenizerResource),
    useResource(ctx, gazetteerResource),
    useResource(ctx, entityTaggerResource),
    ...(llmEnabled(ctx.config.summarise) ? [useResource(ctx, llmResource)] : []),
  ]);
  ctx.log.debug('resources loaded', { duration_ms: Math.round(performance.now() - started) });
}

function lazySummaryCache(store: () => Promise<Store>, clock: () => Date): SummaryCache {
  return {
    get: async (k) => storeSummaryCache(await store(), clock).get(k),
    put: async (k, v) => storeSummaryCache(await store(), clock).put(k, v),
  };
}

/**
 * Run `fn` with a runtime, closing it however `fn` ends.
 *
 * @example
 * await withRuntime(config, { store: 'now' }, (rt) => rt.store().then((s) => s.listArticles()));
 */
export async function withRuntime<T>(config: Config, opts: RuntimeOptions, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await createRuntime(config, opts);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
