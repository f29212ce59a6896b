/**
 * The explicit context every stage receives: configuration, a logger, a
 * clock, shared expensive resources, and ports for I/O. Nothing in a stage
 * reads `process.env` or module-level state.
 */
import type { Config } from './config/schema.js';
import { createLogger, type Logger } from './log.js';

/**
 * Expensive, read-only resources (the kuromoji dictionary, the entity
 * gazetteer), loaded at most once per context and shared by every stage and
 * every document that context serves.
 */
export interface Resources {
  /** Load `key` with `load` the first time, and return the same promise after. */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** A resource a stage declares once and loads through the context. */
export interface ResourceDef<T> {
  key: string;
  load: (ctx: StageContext) => Promise<T>;
}

/**
 * @example
 * const kuromoji = defineResource('kuromoji', () => buildTokenizer(dictPath));
 * const tokenizer = await useResource(ctx, kuromoji);
 */
export function defineResource<T>(key: string, load: (ctx: StageContext) => Promise<T>): ResourceDef<T> {
  return { key, load };
}

export function useResource<T>(ctx: StageContext, def: ResourceDef<T>): Promise<T> {
  return ctx.resources.once(def.key, () => def.load(ctx));
}

/**
 * Make `value` the context's instance of a resource (a store-backed cache, a
 * shared scheduler): call before anything uses it.
 *
 * @example
 * provideResource(ctx, hostSchedulerResource, createRedisHostScheduler(redis, cfg));
 */
export function provideResource<T>(ctx: StageContext, def: ResourceDef<T>, value: T): void {
  void ctx.resources.once(def.key, async () => value);
}

export function createResources(): Resources {
  const cache = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let p = cache.get(key) as Promise<T> | undefined;
      if (!p) {
        p = load();
        // A failed load must not poison the cache: the next caller tries again.
        p.catch(() => cache.delete(key));
        cache.set(key, p);
      }
      return p;
    },
  };
}

export interface StageContext {
  config: Config;
  log: Logger;
  clock: () => Date;
  resources: Resources;
}

/**
 * @example
 * const ctx = createContext(loadConfig());
 * const analysis = await analyzeDocument(raw, ctx);
 */
export function createContext(
  config: Config,
  opts: { log?: Logger; clock?: () => Date; resources?: Resources } = {},
): StageContext {
  return {
    config,
    log: opts.log ?? createLogger({ level: config.logLevel }),
    clock: opts.clock ?? (() => new Date()),
    resources: opts.resources ?? createResources(),
  };
}
