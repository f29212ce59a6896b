/**
 * `kiji.fetch`: download one feed item's article page — through the polite,
 * SSRF-safe fetcher, spaced per host by the Redis schedule the runner put in
 * the context, so spacing holds across every worker — and put the page,
 * with the feed's metadata, on `kiji.analyze`.
 */
import type { Job } from 'bullmq';
import { fetchPage, settleItem } from '../src/fetch/index.js';
import { recordFailure } from '../src/ingest/index.js';
import { FetchJob } from '../src/queue/jobs.js';
import { enqueueDocuments } from '../src/queue/queues.js';
import { parseJob } from './errors.js';
import type { JobReport, StageProcessor, WorkerDeps } from './runner.js';

/**
 * @example
 * await fetchProcessor.run(job, deps); // { result: 'fetched', url: '…', analyze_job: 'doc-…' }
 */
export const fetchProcessor: StageProcessor = {
  async run(job: Job, deps: WorkerDeps): Promise<JobReport> {
    const { page, item } = parseJob(FetchJob, job.data, job.id);
    const doc = await fetchPage(page, deps.ctx);
    const [analyzeJob] = await enqueueDocuments(deps.queues, [doc], {}, item);
    return { result: 'fetched', url: page.url, analyze_job: analyzeJob ?? null };
  },
  /** Failed for good (a 404, a PDF, retries used up): a failure row naming the item, and the item counts as handled. */
  async settle(job, deps, err) {
    const parsed = FetchJob.safeParse(job.data);
    if (!parsed.success) return;
    const store = await deps.store();
    await recordFailure(err, parsed.data.page.url, deps.ctx, store, 'fetch');
    if (parsed.data.item) await settleItem(store, parsed.data.item, deps.ctx.clock());
  },
};
