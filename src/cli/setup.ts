import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createContext, type StageContext } from '../context.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';
import type { CliIO, Values } from './command.js';

type Overrides = NonNullable<Parameters<typeof loadConfig>[0]>['overrides'];

/**
 * Configuration for a command: file, environment, then the common flags
 * (--db, --config, --log-level, --tz). Parsed once, here; every problem is
 * listed at once (ConfigError, exit 2).
 */
export function configFor(values: Values, io: CliIO, extra: Overrides = {}): Config {
  const overrides = {
    ...extra,
    ...(values.db ? { store: { db: String(values.db) } } : {}),
    ...(values['log-level'] ? { logLevel: String(values['log-level']) as Config['logLevel'] } : {}),
    ...(values.tz ? { timeZone: String(values.tz) } : {}),
  };
  return loadConfig({ env: io.env, cwd: io.cwd, file: values.config ? String(values.config) : undefined, overrides });
}

/** A bare context, for commands that run no stage and open no store (the queue commands). */
export function contextFor(values: Values, io: CliIO, extra: Overrides = {}): StageContext {
  return createContext(configFor(values, io, extra));
}

/**
 * Run `fn` with the runtime a command needs (src/runtime.ts), built at start
 * and closed however `fn` ends.
 *
 * @example
 * return withRuntime(values, io, { store: 'now' }, async (rt) => (await rt.store()).listArticles());
 */
export async function withRuntime<T>(values: Values, io: CliIO, opts: RuntimeOptions, fn: (rt: Runtime) => Promise<T>, extra: Overrides = {}): Promise<T> {
  const rt = await createRuntime(configFor(values, io, extra), opts);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
