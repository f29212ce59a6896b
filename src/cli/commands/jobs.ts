import type { Job } from 'bullmq';
import { ingestSource } from '../../ingest/index.js';
import { queueName, STAGES, type QueueStage } from '../../queue/names.js';
import { listFailedJobs, type FailedJob } from '../../queue/failed.js';
import { withQueues, type KijiQueues } from '../../queue/queues.js';
import { queueSink } from '../../queue/sink.js';
import { EXIT, plural, type CliIO, type Command } from '../command.js';
import { contextFor, redisOverride, withRuntime } from '../setup.js';

export const command: Command<'jobs'> = {
  name: 'jobs',
  async run({ values, positionals }, io) {
    const [sub, ...args] = positionals;
    const stages: QueueStage[] = values.queue ? [values.queue] : [...STAGES];
    const json = values.format === 'json';
    const ctx = contextFor(values, io, redisOverride(values));
    const cfg = ctx.config.queue;
    const fullText = values['full-text'] ?? null;
    switch (sub) {
      case 'add':
        // The same ingestion loop as `kiji ingest`, into the queues: files are read here, every URL
        // (a feed, a page, the feeds of an OPML list) gets a poll job, so fetching happens in the
        // workers, with the feed's seen items and the per-host spacing they share.
        return withRuntime(
          values,
          io,
          { store: false },
          (rt) =>
            withQueues(cfg, async (q) => {
              const sink = queueSink(q, rt.ctx, { store: null, defer: 'remote', fullText });
              const counts: Record<string, number> = { [queueName('poll')]: 0, [queueName('fetch')]: 0, [queueName('analyze')]: 0 };
              let failed = 0;
              for (const input of args) {
                const report = await ingestSource(input, rt, sink, { stdin: io.stdin, ...(fullText ? { fullText } : {}) });
                for (const { input: name, result } of report.results) {
                  if (result.status === 'queued') counts[result.queue] = (counts[result.queue] ?? 0) + 1;
                  else if (result.status === 'failed') {
                    failed++;
                    io.stderr.write(`kiji jobs add: ${name}: ${result.error.message.split('\n')[0]}\n`);
                  }
                }
              }
              if (json) io.stdout.write(JSON.stringify({ queued: counts, failed }) + '\n');
              else {
                const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([queue, n]) => `${n} on ${queue}`);
                io.stdout.write(`enqueued ${parts.length ? parts.join(', ') : 'nothing'}${failed ? `; ${plural(failed, 'input')} failed` : ''}\n`);
              }
              // Nothing is recorded for an input that could not be enqueued: the command fails with it.
              return failed ? EXIT.failed : EXIT.ok;
            }, rt.ctx.log),
          redisOverride(values),
        );
      case 'counts':
        return withQueues(cfg, async (q) => {
          const counts: Record<string, Record<string, number>> = {};
          for (const s of stages) counts[queueName(s)] = await q.queues[s].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
          if (json) io.stdout.write(JSON.stringify(counts) + '\n');
          else for (const [name, c] of Object.entries(counts)) io.stdout.write(`${name.padEnd(14)} ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join('  ')}\n`);
          return EXIT.ok;
        });
      case 'failed':
        return withQueues(cfg, async (q) => {
          const failed = await listFailedJobs(q, stages, values.limit);
          if (json) io.stdout.write(JSON.stringify(failed, null, 2) + '\n');
          else printFailed(failed, io);
          return EXIT.ok;
        });
      default:
        // retry (the schema allows no other subcommand)
        return withQueues(cfg, async (q) => {
          if (args.length === 0) {
            let n = 0;
            for (const s of stages) {
              n += await q.queues[s].getFailedCount();
              await q.queues[s].retryJobs({ state: 'failed', count: 1000 });
            }
            io.stdout.write(`retrying ${plural(n, 'failed job')}\n`);
            return EXIT.ok;
          }
          let missing = 0;
          for (const id of args) {
            const job = await findJob(q, stages, id);
            if (!job || !(await job.isFailed())) {
              io.stderr.write(`kiji jobs retry: no failed job "${id}"\n`);
              missing++;
              continue;
            }
            await job.retry('failed');
            io.stdout.write(`retrying ${job.queueName} ${id}\n`);
          }
          return missing ? EXIT.failed : EXIT.ok;
        });
    }
  },
};

async function findJob(q: KijiQueues, stages: readonly QueueStage[], id: string): Promise<Job | null> {
  for (const s of stages) {
    const job = (await q.queues[s].getJob(id)) as Job | undefined;
    if (job) return job;
  }
  return null;
}

function printFailed(failed: FailedJob[], io: CliIO): void {
  if (failed.length === 0) {
    io.stdout.write('no failed jobs\n');
    return;
  }
  for (const f of failed) {
    io.stdout.write(`${f.queue} ${f.id}  attempts ${f.attempts}  ${f.failedAt ?? ''}\n  input: ${f.input ?? '(unknown)'}\n  reason: ${f.reason}\n`);
  }
}
