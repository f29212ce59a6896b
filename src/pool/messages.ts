/**
 * What the main thread and an analysis thread say to each other. Records
 * travel by structured clone (plain data: the same JSON on both sides);
 * errors as `WireError`. A thread asks the main thread for what lives there
 * (a reviewer's overrides and the summary cache, both in the store) with a
 * `call`, answered by a `reply`.
 */
import type { Config } from '../config/schema.js';
import type { Outcome } from '../outcome.js';
import type { Analysis, RawDocument } from '../records.js';
import type { CacheKey, CachedReply } from '../summarise/llm/cache.js';
import type { IpadicDictionary } from '../tokenize/ipadic/dictionary.js';
import type { WireError } from './remote-error.js';

/** What a thread starts with (`workerData`). */
export interface ThreadInit {
  config: Config;
  /** The thread's number, for its log lines (`pool_thread`). */
  index: number;
  /** The IPADIC dictionary in SharedArrayBuffers: every thread reads the main thread's one copy. */
  ipadic: IpadicDictionary;
}

export type ToThread =
  | { type: 'analyze'; task: number; raw: RawDocument; keep: boolean }
  | { type: 'reply'; call: number; ok: true; value: unknown }
  | { type: 'reply'; call: number; ok: false; error: WireError };

/** The ports a thread reaches through the main thread. */
export type PortCall =
  | { port: 'keep'; task: number; articleId: string }
  | { port: 'cache.get'; key: CacheKey }
  | { port: 'cache.put'; key: CacheKey; value: CachedReply };

export type FromThread =
  /** Loaded and waiting for documents; `loadMs` is what the start cost. */
  | { type: 'ready'; loadMs: number }
  | { type: 'start-failed'; error: WireError }
  /** The thread began this document: its CPU budget runs from here. */
  | { type: 'started'; task: number }
  | { type: 'done'; task: number; outcome: Outcome<Analysis> }
  | { type: 'failed'; task: number; error: WireError }
  | ({ type: 'call'; call: number } & PortCall);
