import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createContext, type StageContext } from '../context.js';
import { openStore, type Store } from '../store/index.js';
import { provideSummaryCache, storeSummaryCache } from '../summarise/index.js';
import type { CliIO, Values } from './command.js';

/**
 * Configuration and context for a command: file, environment, then the
 * common flags (--db, --config, --log-level, --tz). Parsed once, here.
 */
export function contextFor(values: Values, io: CliIO, extra: NonNullable<Parameters<typeof loadConfig>[0]>['overrides'] = {}): StageContext {
  const overrides = {
    ...extra,
    ...(values.db ? { store: { db: String(values.db) } } : {}),
    ...(values['log-level'] ? { logLevel: String(values['log-level']) as Config['logLevel'] } : {}),
    ...(values.tz ? { timeZone: String(values.tz) } : {}),
  };
  const config = loadConfig({ env: io.env, cwd: io.cwd, file: values.config ? String(values.config) : undefined, overrides });
  return createContext(config);
}

/**
 * Open the configured store and give the context the ports that live in it
 * (the LLM summary cache, shared across runs and workers); the caller closes it.
 */
export async function storeFor(ctx: StageContext): Promise<Store> {
  const store = await openStore(ctx.config.store.db);
  provideSummaryCache(ctx, storeSummaryCache(store, ctx.clock));
  return store;
}

/** Run `fn` with the store open, closing it however `fn` ends. */
export async function withStore<T>(ctx: StageContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await storeFor(ctx);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
