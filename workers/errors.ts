/**
 * From kiji's errors to what BullMQ should do with the job: bad input and
 * other permanent failures fail at once (`UnrecoverableError`; the payload
 * stays on the failed job for `kiji jobs failed`), retryable ones are thrown
 * as they are so BullMQ retries them with exponential backoff, and anything
 * unknown is retried too (a worker restarting, a dropped connection), within
 * the job's attempts.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { InputError, KijiError, type ErrorRecord, type Stage } from '../src/errors.js';

/** A failure `ingestDocument` reported as a record rather than threw, raised again for the queue. */
export class JobFailedError extends KijiError {
  constructor(record: ErrorRecord) {
    // The record's message already starts with its stage.
    super(record.stage, record.code, record.message.replace(new RegExp(`^${record.stage}: `), ''), { retryable: record.retryable });
  }
}

/**
 * Parse a job's payload at the worker's edge; a payload that does not fit is bad input.
 *
 * @example
 * const raw = parseJob(AnalyzeJob, job.data, job.id); // throws InputError('queue', 'bad_request', …)
 */
export function parseJob<S extends z.ZodType>(schema: S, data: unknown, jobId: string | undefined): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ');
  throw new InputError('queue', 'bad_request', `job ${jobId ?? '?'}: bad payload: ${issues}`, { input: jobId ?? null });
}

/**
 * @example
 * try { await work(job) } catch (err) { throw toJobError(err) }
 */
export function toJobError(err: unknown): Error {
  if (err instanceof UnrecoverableError) return err;
  if (isKijiError(err)) {
    if (err.retryable) return err;
    const e = new UnrecoverableError(`${err.message} [${err.code}]`);
    (e as Error & { cause?: unknown }).cause = err;
    return e;
  }
  if (err instanceof AggregateError && err.errors.some((e) => isKijiError(e) && !e.retryable) && !err.errors.some((e) => !isKijiError(e) || e.retryable)) {
    return new UnrecoverableError(err.message);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Matched by shape as well as class: errors may come back from another process. */
export function isKijiError(err: unknown): err is KijiError {
  if (err instanceof KijiError) return true;
  const e = err as { stage?: unknown; code?: unknown; retryable?: unknown } | null;
  return !!e && err instanceof Error && typeof e.stage === 'string' && typeof e.code === 'string' && typeof e.retryable === 'boolean';
}

export function errorStage(err: unknown): Stage | null {
  const cause = err instanceof UnrecoverableError ? (err as Error & { cause?: unknown }).cause : err;
  return isKijiError(cause) ? cause.stage : null;
}

export function errorCode(err: unknown): string {
  const cause = err instanceof UnrecoverableError ? ((err as Error & { cause?: unknown }).cause ?? err) : err;
  if (isKijiError(cause)) return cause.code;
  return (cause as { code?: unknown })?.code ? String((cause as { code: unknown }).code) : 'internal';
}
