/**
 * `kiji.fetch`: download one URL (an article page, or a feed whose items
 * are then analysed one by one) and put its documents on `kiji.analyze`.
 * Per-host spacing comes from the Redis host schedule the runner registered
 * in the context, so it holds across every worker.
 */
import type { Job } from 'bullmq';
import { acquire } from '../src/fetch/index.js';
import { FetchJob } from '../src/queue/jobs.js';
import { enqueueDocuments } from '../src/queue/queues.js';
import { parseJob } from './errors.js';
import type { JobReport, WorkerDeps } from './runner.js';

/**
 * @example
 * await processFetch(job, deps); // { result: 'fetched', documents: 1 }
 */
export async function processFetch(job: Job, deps: WorkerDeps): Promise<JobReport> {
  const { url } = parseJob(FetchJob, job.data, job.id);
  const docs = await acquire({ kind: 'url', url }, deps.ctx);
  const ids = await enqueueDocuments(deps.queues, docs);
  return { result: 'fetched', url, documents: ids.length };
}
