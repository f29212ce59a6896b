/**
 * What a stage returns. A skip is a normal result (the document is a
 * duplicate, not an article, or in a language kiji does not handle), not an
 * exception: the pipeline records it and moves on.
 */
import type { Stage } from './errors.js';

export type SkipReason = 'duplicate' | 'not-an-article' | 'unsupported-language' | 'empty';

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  /** `stage` is the stage that decided to skip, so a recorded skip says where it happened. */
  | { kind: 'skip'; stage: Stage; reason: SkipReason; detail: string };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const skip = <T = never>(stage: Stage, reason: SkipReason, detail: string): Outcome<T> => ({ kind: 'skip', stage, reason, detail });
