import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { Config } from './schema.js';

export interface LoadConfigOptions {
  /** The config file; default `config/kiji.yaml` under `cwd` when it exists. */
  file?: string | null;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Values from the command line; they win over file and environment. */
  overrides?: DeepPartial<z.input<typeof Config>>;
}
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/**
 * Read configuration once at start: file, then environment, then overrides.
 * Throws a ConfigError listing every problem, never only the first.
 *
 * @example
 * const config = loadConfig({ overrides: { store: { db: ':memory:' } } });
 */
export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];

  let fromFile: unknown = {};
  const file = opts.file === undefined ? defaultFile(cwd, env) : opts.file;
  if (file) {
    try {
      fromFile = parseYaml(readFileSync(file, 'utf8')) ?? {};
      if (typeof fromFile !== 'object' || Array.isArray(fromFile)) {
        problems.push(`${file}: expected a mapping at the top level`);
        fromFile = {};
      }
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  const merged = deepMerge(deepMerge(fromFile as Record<string, unknown>, fromEnv(env)), (opts.overrides ?? {}) as Record<string, unknown>);
  const parsed = Config.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

function defaultFile(cwd: string, env: NodeJS.ProcessEnv): string | null {
  if (env.KIJI_CONFIG) return resolve(cwd, env.KIJI_CONFIG);
  const candidate = resolve(cwd, 'config/kiji.yaml');
  return existsSync(candidate) ? candidate : null;
}

/** The environment variables of CONTRACT.md and the README, mapped onto config paths. */
function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  const set = (path: string[], value: unknown) => {
    let node = out as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
  };
  if (env.KIJI_DB) set(['store', 'db'], env.KIJI_DB);
  if (env.REDIS_URL) set(['queue', 'redis'], env.REDIS_URL);
  if (env.KIJI_QUEUE_PREFIX) set(['queue', 'prefix'], env.KIJI_QUEUE_PREFIX);
  if (env.KIJI_FETCH_ALLOW !== undefined)
    set(['fetch', 'allow'], env.KIJI_FETCH_ALLOW.split(',').map((s) => s.trim()).filter(Boolean));
  if (env.KIJI_LOG_LEVEL) set(['logLevel'], env.KIJI_LOG_LEVEL);
  if (env.KIJI_TZ) set(['timeZone'], env.KIJI_TZ);
  // The LLM summariser: any OpenAI-compatible server (summarise helper).
  if (env.OPENAI_API_KEY) set(['summarise', 'llm', 'apiKey'], env.OPENAI_API_KEY);
  if (env.OPENAI_BASE_URL) set(['summarise', 'llm', 'baseUrl'], env.OPENAI_BASE_URL);
  if (env.KIJI_LLM_MODEL) set(['summarise', 'llm', 'model'], env.KIJI_LLM_MODEL);
  if (env.KIJI_SUMMARY_LANGS !== undefined)
    set(['summarise', 'readerLangs'], env.KIJI_SUMMARY_LANGS.split(',').map((s) => s.trim()).filter(Boolean));
  return out as Record<string, unknown>;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] =
      isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
