import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createContext, type StageContext } from '../context.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';
import type { CliIO, CommonValues } from './command.js';

type Overrides = NonNullable<Parameters<typeof loadConfig>[0]>['overrides'];

/**
 * Configuration for a command: file, environment, then the common flags
 * (--db, --config, --log-level, --tz). Parsed once, here; every problem is
 * listed at once (ConfigError, exit 2).
 */
export function configFor(values: CommonValues, io: CliIO, extra: Overrides = {}): Config {
  const overrides = {
    ...extra,
    ...(values.db ? { store: { db: values.db } } : {}),
    ...(values['log-level'] ? { logLevel: values['log-level'] } : {}),
    ...(values.tz ? { timeZone: values.tz } : {}),
  };
  return loadConfig({ env: io.env, cwd: io.cwd, file: values.config, overrides });
}

/** `--redis` as a config override, for the queue commands. */
export const redisOverride = (values: { redis?: string | undefined }): Overrides => (values.redis ? { queue: { redis: values.redis } } : {});

/** A bare context, for commands that run no stage and open no store (the queue commands). */
export function contextFor(values: CommonValues, io: CliIO, extra: Overrides = {}): StageContext {
  return createContext(configFor(values, io, extra));
}

/**
 * Run `fn` with the runtime a command needs (src/runtime.ts), built at start
 * and closed however `fn` ends.
 *
 * @example
 * return withRuntime(values, io, { store: 'now' }, async (rt) => (await rt.store()).listArticles());
 */
export async function withRuntime<T>(values: CommonValues, io: CliIO, opts: RuntimeOptions, fn: (rt: Runtime) => Promise<T>, extra: Overrides = {}): Promise<T> {
  const rt = await createRuntime(configFor(values, io, extra), opts);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
