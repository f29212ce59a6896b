/**
 * Fetch failures as a closed set of codes, each saying whether a retry could
 * help and, when the server said so, how long to wait first.
 */
import { KijiError } from '../../errors.js';

export const FETCH_ERROR_CODES = [
  'timeout',
  'dns',
  'tls',
  'http_4xx',
  'http_5xx',
  'rate_limited',
  'too_large',
  'blocked',
  'robots',
  'not_modified',
  'bad_encoding',
  'not_a_feed',
  /** A feed item's link leads to a feed or an OPML list, not to an article page. */
  'not_a_page',
  'empty',
] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/** Codes worth another attempt later, unless a status says otherwise. */
const RETRYABLE: ReadonlySet<FetchErrorCode> = new Set(['timeout', 'dns', 'http_5xx', 'rate_limited']);

/**
 * @example
 * throw new FetchError('rate_limited', 'https://a.example/feed: 429 too many requests', { input: url, retryAfterMs: 30_000 });
 * // message: 'fetch: https://a.example/feed: 429 too many requests'
 */
export class FetchError extends KijiError {
  declare readonly code: FetchErrorCode;
  /** Milliseconds the server asked us to wait (Retry-After), or null. */
  readonly retryAfterMs: number | null;
  /** The HTTP status, when the failure came with one. */
  readonly status: number | null;

  constructor(
    code: FetchErrorCode,
    message: string,
    opts: { input?: string | null; cause?: unknown; retryable?: boolean; retryAfterMs?: number | null; status?: number | null } = {},
  ) {
    super('fetch', code, message, { input: opts.input ?? null, cause: opts.cause, retryable: opts.retryable ?? RETRYABLE.has(code) });
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.status = opts.status ?? null;
  }
}

/** True for a FetchError, also one rebuilt from JSON on another process (matched by name). */
export function isFetchError(err: unknown): err is FetchError {
  return err instanceof FetchError || (err instanceof Error && err.name === 'FetchError');
}
