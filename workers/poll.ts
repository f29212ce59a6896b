/**
 * `kiji.poll`: read a scheduled source — a feed URL (a conditional GET, only
 * the items not seen before), an OPML list (each of its feeds), a feed file,
 * a folder of articles — through the same `acquireForIngest` `kiji ingest`
 * uses, and put every document on `kiji.analyze`. A feed's items are marked
 * seen only once they are safely on the queue. The schedule's last result is
 * kept in Redis for `kiji schedule list`.
 */
import type { Job } from 'bullmq';
import { toErrorRecord } from '../src/errors.js';
import { acquireForIngest, classifyInput, expandPaths } from '../src/fetch/index.js';
import { recordFailure } from '../src/ingest.js';
import { PollJob } from '../src/queue/jobs.js';
import { enqueueDocuments } from '../src/queue/queues.js';
import { recordScheduleResult } from '../src/queue/schedules.js';
import { parseJob } from './errors.js';
import type { JobReport, WorkerDeps } from './runner.js';

/**
 * @example
 * await processPoll(job, deps); // { result: 'polled', documents: 12, failed: 0 }
 */
export async function processPoll(job: Job, deps: WorkerDeps): Promise<JobReport> {
  const { source, scheduleId } = parseJob(PollJob, job.data, job.id);
  const { ctx } = deps;
  const record = (r: Parameters<typeof recordScheduleResult>[2]) => (scheduleId ? recordScheduleResult(deps.queues, scheduleId, r) : Promise.resolve());
  try {
    const store = await deps.store();
    const inputs = await expandPaths([source]);
    let documents = 0;
    let failed = 0;
    for (const input of inputs) {
      try {
        const acquired = await acquireForIngest(classifyInput(input), ctx, store, {
          // One feed of an OPML list failing is recorded against that feed; the others go on.
          onError: async (origin, err) => {
            await recordFailure(err, origin, ctx, store);
            failed++;
          },
        });
        for (const a of acquired) {
          documents += (await enqueueDocuments(deps.queues, a.docs)).length;
          await a.commit?.();
        }
      } catch (err) {
        // One source is the whole job: let it fail (and retry when that can help).
        if (inputs.length === 1) throw err;
        // In a folder, one bad file is recorded and the rest go on, as with `kiji ingest`.
        await recordFailure(err, input, ctx, store);
        failed++;
      }
    }
    await record({ at: ctx.clock().toISOString(), ok: true, documents, failed, error: null });
    return { result: 'polled', source, documents, failed };
  } catch (err) {
    await record({ at: ctx.clock().toISOString(), ok: false, documents: 0, failed: 1, error: toErrorRecord(err, 'fetch').message }).catch(() => {});
    throw err;
  }
}
