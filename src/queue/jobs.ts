/**
 * What each queue's jobs carry, validated with zod at the worker's edge: a
 * payload that does not parse is bad input (failed at once, kept for
 * inspection), never retried.
 */
import { z } from 'zod';
import { RawDocument } from '../records.js';
import type { QueueStage } from './names.js';

/** Expand a source (feed URL, OPML list, file or folder) into documents. */
export const PollJob = z.object({
  source: z.string().min(1),
  /** The schedule that produced the job, when one did; its last result is recorded under it. */
  scheduleId: z.string().nullable().default(null),
});
export type PollJob = z.infer<typeof PollJob>;

/** Download one URL (an article page or a feed) and enqueue what it holds. */
export const FetchJob = z.object({
  url: z.string().regex(/^https?:\/\//i, 'url must be http(s)'),
  scheduleId: z.string().nullable().default(null),
});
export type FetchJob = z.infer<typeof FetchJob>;

/** One fetched document: analysed, linked and stored by `ingestDocument`. */
export const AnalyzeJob = RawDocument;
export type AnalyzeJob = z.infer<typeof AnalyzeJob>;

export const JOB_SCHEMAS = { poll: PollJob, fetch: FetchJob, analyze: AnalyzeJob } satisfies Record<QueueStage, z.ZodType>;
