/**
 * What each queue's jobs carry, validated with zod at the worker's edge: a
 * payload that does not parse is bad input (failed at once, kept for
 * inspection), never retried.
 *
 *   kiji.poll    a source to read (a feed URL, an OPML list, a page URL, a file or folder)
 *   kiji.fetch   one article page of a feed item, with what the feed said of it
 *   kiji.analyze one document in hand: analysed, linked and stored
 */
import { z } from 'zod';
import { FullTextMode } from '../fetch/config.js';
import { PageRequest, SeenItemRef } from '../fetch/units.js';
import { RawDocument } from '../records.js';
import type { QueueStage } from './names.js';

/** Read a source through the ingestion loop and hand on what it holds. */
export const PollJob = z.object({
  source: z.string().min(1),
  /** The schedule that produced the job, when one did; its last result is recorded under it. */
  scheduleId: z.string().nullable().default(null),
  /** Overrides `fetch.fullText` for the feeds of this source (a schedule's `fullText`). */
  fullText: FullTextMode.nullable().default(null),
});
export type PollJob = z.infer<typeof PollJob>;

/** Fetch a feed item's article page and put it on `kiji.analyze`. */
export const FetchJob = z.object({
  page: PageRequest,
  /** The feed item the page settles (marked seen once stored or failed for good). */
  item: SeenItemRef.nullable().default(null),
});
export type FetchJob = z.infer<typeof FetchJob>;

/** One fetched document: analysed, linked and stored by `ingestDocument`; `item` is the feed item it settles. */
export const AnalyzeJob = RawDocument.extend({ item: SeenItemRef.nullable().default(null) });
export type AnalyzeJob = z.infer<typeof AnalyzeJob>;

export const JOB_SCHEMAS = { poll: PollJob, fetch: FetchJob, analyze: AnalyzeJob } satisfies Record<QueueStage, z.ZodType>;
