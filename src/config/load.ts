import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { Config } from './schema.js';
import { closest } from '../suggest.js';

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
 * Throws a ConfigError listing every problem, never only the first: values
 * that do not fit and keys the schema does not know (with the key meant, when
 * one is close: `dedupe.sentenceNaer` → `dedupe.sentenceNear`).
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
  // A misspelt key would otherwise be dropped without a word and its default used.
  for (const p of unknownKeys(Config, fromFile, [])) problems.push(`${file}: ${p}`);

  const env_ = fromEnv(env, problems);
  const merged = deepMerge(deepMerge(fromFile as Record<string, unknown>, env_), (opts.overrides ?? {}) as Record<string, unknown>);
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
function fromEnv(env: NodeJS.ProcessEnv, problems: string[]): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  const set = (path: string[], value: unknown) => {
    let node = out as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
  };
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const integer = (name: string, v: string): number | undefined => {
    if (/^\s*\d+\s*$/.test(v)) return Number(v);
    problems.push(`${name}: expected a whole number, not "${v}"`);
    return undefined;
  };
  if (env.KIJI_DB) set(['store', 'db'], env.KIJI_DB);
  if (env.REDIS_URL) set(['queue', 'redis'], env.REDIS_URL);
  if (env.KIJI_QUEUE_PREFIX) set(['queue', 'prefix'], env.KIJI_QUEUE_PREFIX);
  if (env.KIJI_FETCH_ALLOW !== undefined) set(['fetch', 'allow'], list(env.KIJI_FETCH_ALLOW));
  if (env.KIJI_LOG_LEVEL) set(['logLevel'], env.KIJI_LOG_LEVEL);
  if (env.KIJI_TZ) set(['timeZone'], env.KIJI_TZ);
  // The web reader (`kiji serve`).
  if (env.KIJI_PORT) set(['web', 'port'], integer('KIJI_PORT', env.KIJI_PORT));
  if (env.KIJI_HOST) set(['web', 'host'], env.KIJI_HOST);
  if (env.KIJI_WEB_HOSTS !== undefined) set(['web', 'hosts'], list(env.KIJI_WEB_HOSTS));
  if (env.KIJI_WEB_TOKEN) set(['web', 'token'], env.KIJI_WEB_TOKEN);
  // The LLM summariser: any OpenAI-compatible server (summarise helper).
  if (env.OPENAI_API_KEY) set(['summarise', 'llm', 'apiKey'], env.OPENAI_API_KEY);
  if (env.OPENAI_BASE_URL) set(['summarise', 'llm', 'baseUrl'], env.OPENAI_BASE_URL);
  if (env.KIJI_LLM_MODEL) set(['summarise', 'llm', 'model'], env.KIJI_LLM_MODEL);
  if (env.KIJI_SUMMARY_LANGS !== undefined) set(['summarise', 'readerLangs'], list(env.KIJI_SUMMARY_LANGS));
  return out as Record<string, unknown>;
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schema under defaults, optionals and transforms, or null when `s` is not one. */
function objectShape(s: z.ZodType): Record<string, z.ZodType> | null {
  let d = defOf(s);
  for (let i = 0; i < 10; i++) {
    if (d.type === 'object') return d.shape ?? null;
    const inner = d.innerType ?? d.in;
    if (!inner) return null;
    d = defOf(inner);
  }
  return null;
}

function arrayElement(s: z.ZodType): z.ZodType | null {
  let d = defOf(s);
  for (let i = 0; i < 10; i++) {
    if (d.type === 'array') return d.element ?? null;
    const inner = d.innerType ?? d.in;
    if (!inner) return null;
    d = defOf(inner);
  }
  return null;
}

/**
 * Keys in `value` the schema has no place for, each with the closest known
 * key when there is one.
 *
 * @example
 * unknownKeys(Config, { dedupe: { sentenceNaer: 0.8 } }, []) // ['dedupe.sentenceNaer: unknown key (did you mean dedupe.sentenceNear?)']
 */
export function unknownKeys(schema: z.ZodType, value: unknown, path: string[]): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) {
    const el = arrayElement(schema);
    return el ? value.flatMap((v, i) => unknownKeys(el, v, [...path, String(i)])) : [];
  }
  const shape = objectShape(schema);
  // A record (feedTimeZones) or a free-form value: any key goes.
  if (!shape) return [];
  const known = Object.keys(shape);
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k in shape) out.push(...unknownKeys(shape[k]!, v, [...path, k]));
    else {
      const near = closest(k, known);
      const where = [...path, k].join('.');
      out.push(`${where}: unknown key${near ? ` (did you mean ${[...path, near].join('.')}?)` : ''}`);
    }
  }
  return out;
}

/**
 * Every key path the schema knows, down to the leaves (a record such as
 * `fetch.feedTimeZones` is a leaf): what config/kiji.example.yaml must list.
 *
 * @example
 * configKeys(Config).includes('dedupe.across.docNear') // true
 */
export function configKeys(schema: z.ZodType, path: string[] = []): string[] {
  const shape = objectShape(schema);
  if (!shape) return [path.join('.')];
  return Object.entries(shape).flatMap(([k, v]) => configKeys(v, [...path, k]));
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
