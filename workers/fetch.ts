/**
 * `kiji.fetch`: download one URL — an article page, or a feed or OPML list
 * whose new items are then analysed one by one — through `acquireForIngest`,
 * and put its documents on `kiji.analyze`. Per-host spacing comes from the
 * Redis host schedule the runner registered in the context, so it holds
 * across every worker.
 */
import type { Job } from 'bullmq';
import { acquireForIngest } from '../src/fetch/index.js';
import { recordFailure } from '../src/ingest.js';
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
  const store = await deps.store();
  let documents = 0;
  let failed = 0;
  const acquired = await acquireForIngest({ kind: 'url', url }, deps.ctx, store, {
    onError: async (origin, err) => {
      await recordFailure(err, origin, deps.ctx, store);
      failed++;
    },
  });
  for (const a of acquired) {
    documents += (await enqueueDocuments(deps.queues, a.docs)).length;
    await a.commit?.();
  }
  return { result: 'fetched', url, documents, failed };
}
