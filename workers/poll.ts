/**
 * `kiji.poll`: read a source — a feed URL (a conditional GET, only the items
 * not seen before), an OPML list (a poll job per feed), a page URL, a feed
 * file, a folder — through the one ingestion loop `kiji ingest` uses, with
 * the queue sink: documents in hand go to `kiji.analyze`, feed items that
 * need their article page to `kiji.fetch`. The schedule's last result is
 * kept in Redis for `kiji schedule list`.
 */
import type { Job } from 'bullmq';
import { toErrorRecord } from '../src/errors.js';
import { ingestSource } from '../src/ingest/index.js';
import { PollJob } from '../src/queue/jobs.js';
import { recordScheduleResult } from '../src/queue/schedules.js';
import { queueSink } from '../src/queue/sink.js';
import { JobFailedError, parseJob } from './errors.js';
import type { JobReport, StageProcessor, WorkerDeps } from './runner.js';

/**
 * @example
 * await pollProcessor.run(job, deps); // { result: 'polled', queued: 12, failed: 0 }
 */
export const pollProcessor: StageProcessor = {
  async run(job: Job, deps: WorkerDeps): Promise<JobReport> {
    const { source, scheduleId, fullText } = parseJob(PollJob, job.data, job.id);
    const { ctx } = deps;
    const record = (r: Parameters<typeof recordScheduleResult>[2]) => (scheduleId ? recordScheduleResult(deps.queues, scheduleId, r) : Promise.resolve());
    try {
      const store = await deps.store();
      const sink = queueSink(deps.queues, ctx, { store, defer: 'nested', scheduleId, fullText });
      const report = await ingestSource(source, deps.rt, sink, fullText ? { fullText } : {});
      const queued = report.results.filter((r) => r.result.status === 'queued').length;
      const failed = report.results.filter((r) => r.result.status === 'failed');
      // The source itself could not be read (a missing file, a feed that answers 503): the job fails
      // with it, so `kiji jobs failed` lists it, and the queue tries again when that can help.
      const whole = report.results.length === 1 && report.results[0]!.input === source ? failed[0] : undefined;
      if (whole?.result.status === 'failed') throw new JobFailedError(whole.result.error);
      await record({ at: ctx.clock().toISOString(), ok: true, documents: queued, failed: failed.length, error: null });
      return { result: 'polled', source, queued, failed: failed.length, left_for_next_poll: report.leftForNextPoll };
    } catch (err) {
      await record({ at: ctx.clock().toISOString(), ok: false, documents: 0, failed: 1, error: toErrorRecord(err, 'fetch').message }).catch((e: Error) =>
        ctx.log.warn('cannot record the schedule result', { stage: 'queue', schedule_id: scheduleId, error: e.message }),
      );
      throw err;
    }
  },
};
