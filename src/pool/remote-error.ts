/**
 * Errors across the thread boundary. A structured clone keeps an Error's
 * message but not its class or kiji's fields, so a stage error is sent as a
 * plain record and rebuilt on the other side with the same name, stage,
 * code, retryable flag and message: whoever catches it (the `--jsonl` error
 * line, the failures table, the queue's retry decision) sees what the
 * single-thread path would have thrown.
 */
import { ConfigError, KijiError, type ErrorCode, type Stage } from '../errors.js';

/** An error as it crosses a `postMessage`. */
export type WireError =
  | {
      kiji: true;
      name: string;
      stage: Stage;
      code: ErrorCode;
      message: string;
      retryable: boolean;
      input: string | null;
      extra: Record<string, string | number | boolean | null>;
      /** A ConfigError's list of problems. */
      problems?: string[];
    }
  | { kiji: false; name: string; message: string };

/**
 * @example
 * port.postMessage({ type: 'failed', id, error: toWire(err) });
 */
export function toWire(err: unknown): WireError {
  if (err instanceof KijiError) {
    // Fields a subclass adds (retryAfterMs, status): kept when they are plain values.
    const extra: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(err)) {
      if (['stage', 'code', 'retryable', 'input', 'name', 'message', 'cause', 'stack', 'problems'].includes(k)) continue;
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) extra[k] = v as string | number | boolean | null;
    }
    const problems = err instanceof ConfigError ? { problems: [...err.problems] } : {};
    return { kiji: true, name: err.name, stage: err.stage, code: err.code, message: err.message, retryable: err.retryable, input: err.input, extra, ...problems };
  }
  return { kiji: false, name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
}

/** A kiji error rebuilt from another thread: its message as thrown there, its stage, code and retryable flag. */
export class RemoteKijiError extends KijiError {
  constructor(w: Extract<WireError, { kiji: true }>) {
    super(w.stage, w.code, '', { retryable: w.retryable, input: w.input });
    // The message already carries its stage prefix; the name is the thrower's (FetchError, ProviderError …), matched by name.
    this.message = w.message;
    this.name = w.name;
    Object.assign(this, w.extra);
  }
}

/**
 * @example
 * task.reject(fromWire(msg.error));
 */
export function fromWire(w: WireError): Error {
  // A configuration problem found while a thread loaded its runtime is the usage error (exit 2) it is in one thread.
  if (w.kiji && w.name === 'ConfigError') {
    const err = new ConfigError(w.problems ?? []);
    err.message = w.message;
    return err;
  }
  if (w.kiji) return new RemoteKijiError(w);
  const err = new Error(w.message);
  err.name = w.name;
  return err;
}
