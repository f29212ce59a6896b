/**
 * What a stage returns. A skip is a normal result (the document is a
 * duplicate, not an article, or in a language kiji does not handle), not an
 * exception: the pipeline records it and moves on.
 */
export type SkipReason = 'duplicate' | 'not-an-article' | 'unsupported-language' | 'empty';

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'skip'; reason: SkipReason; detail: string };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const skip = <T = never>(reason: SkipReason, detail: string): Outcome<T> => ({ kind: 'skip', reason, detail });
