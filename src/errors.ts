import type { FetchErrorCode } from './fetch/http/errors.js';
import type { ProviderErrorCode } from './summarise/llm/client.js';

/**
 * kiji's errors. Every error names the stage it came from, a stable code and
 * whether trying again could help. Errors cross process boundaries (BullMQ
 * jobs), so they are matched by `name` and `code`, never by `instanceof` alone.
 */
export type Stage =
  | 'config'
  | 'fetch'
  | 'extract'
  | 'normalise'
  | 'tokenize'
  | 'dedupe'
  | 'enrich'
  | 'summarise'
  | 'link'
  | 'store'
  /** The ingestion loop itself (src/ingest), outside any one stage. */
  | 'ingest'
  | 'digest'
  | 'queue'
  /** The web reader (`kiji serve`). */
  | 'web'
  | 'cli';

/**
 * Every error code kiji raises, one closed union per kind of failure, so a
 * code in a log line, a failed job or the failures table is one of a known
 * set. Skip reasons (src/outcome.ts) are not error codes and never share a
 * column with them.
 */
export type ErrorCode = InputErrorCode | FetchErrorCode | ProviderErrorCode | StoreErrorCode | QueueErrorCode | ConfigErrorCode | 'internal';

/** The store failed to open, migrate, read or write. */
export type StoreErrorCode = 'unavailable' | 'migration_failed' | 'read_failed' | 'save_failed';
/** Redis could not be reached, or its URL cannot be used. */
export type QueueErrorCode = 'redis_unavailable' | 'bad_url';
/** Configuration, and the resources it names, checked at start. */
export type ConfigErrorCode = 'invalid_config' | 'dictionary_unavailable' | 'model_unavailable';

export class KijiError extends Error {
  readonly stage: Stage;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** The input the error is about (a path, URL or job id), when there is one. */
  readonly input: string | null;

  constructor(
    stage: Stage,
    code: ErrorCode,
    message: string,
    opts: { retryable?: boolean; input?: string | null; cause?: unknown } = {},
  ) {
    super(`${stage}: ${message}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.stage = stage;
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.input = opts.input ?? null;
  }

  /** A plain object for logs, the store and JSON output. */
  toJSON(): ErrorRecord {
    return { stage: this.stage, code: this.code, message: this.message, retryable: this.retryable };
  }
}

export interface ErrorRecord {
  stage: Stage;
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** Codes for input that cannot be read as a document. Never retryable. */
export type InputErrorCode =
  | 'not_found'
  | 'not_a_file'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'bad_encoding'
  | 'too_large'
  | 'bad_front_matter'
  | 'unsupported_format'
  | 'bad_request'
  /** The document took more than its CPU budget to analyse (`documentCpuBudgetMs`). */
  | 'too_complex';

/** The input itself is bad: retrying cannot help. */
export class InputError extends KijiError {
  constructor(stage: Stage, code: InputErrorCode, message: string, opts: { input?: string | null; cause?: unknown } = {}) {
    super(stage, code, message, { ...opts, retryable: false });
  }
}

/** Configuration is invalid; raised at start only, listing every problem. */
export class ConfigError extends KijiError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config', 'invalid_config', `invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/** The store failed (connection, constraint, migration). Connection problems are retryable. */
export class StoreError extends KijiError {
  constructor(code: StoreErrorCode, message: string, opts: { retryable?: boolean; cause?: unknown } = {}) {
    super('store', code, message, opts);
  }
}

/**
 * Run one stage's work so that whatever it throws names the stage: a kiji
 * error keeps its own stage and code, anything else (a bug, a library's
 * TypeError) becomes `internal` in this stage, with the original as cause.
 *
 * @example
 * const out = await withStage('enrich', () => enrich(cleaned, ctx));
 */
export async function withStage<T>(stage: Stage, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof KijiError || err instanceof AggregateError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new KijiError(stage, 'internal', message, { cause: err });
  }
}

/** Turn anything thrown into an ErrorRecord without losing its message. */
export function toErrorRecord(err: unknown, fallbackStage: Stage): ErrorRecord {
  if (err instanceof KijiError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { stage: fallbackStage, code: 'internal', message: `${fallbackStage}: ${message}`, retryable: false };
}
