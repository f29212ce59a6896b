import type { Job } from 'bullmq';
import { FullTextMode } from '../../fetch/config.js';
import { ingestSource } from '../../ingest/index.js';
import { queueName, STAGES, type QueueStage } from '../../queue/names.js';
import { listFailedJobs, type FailedJob } from '../../queue/failed.js';
import { withQueues, type KijiQueues } from '../../queue/queues.js';
import { queueSink } from '../../queue/sink.js';
import { EXIT, type CliIO, type Command } from '../command.js';
import { contextFor, withRuntime } from '../setup.js';

const USAGE = [
  'kiji jobs add <path|url>... [--full-text auto|always|never]   enqueue files (read here) and URLs, feeds and OPML lists (read by the workers)',
  'kiji jobs counts [--format json]     jobs per queue and state',
  'kiji jobs failed [--queue Q] [--limit N] [--format json]   failed jobs with their reason and payload',
  'kiji jobs retry [job-id...] [--queue Q]   retry failed jobs (all of them when no id is given)',
].join('\n       ');

export const command: Command = {
  name: 'jobs',
  summary: 'inspect and feed the queues: add work, count jobs, list and retry failed jobs',
  usage: USAGE,
  options: { queue: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' }, redis: { type: 'string' }, 'full-text': { type: 'string' } },
  async run({ values, positionals }, io) {
    const [sub, ...args] = positionals;
    if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
      io.stderr.write(`kiji jobs: unknown format "${values.format}" (text, json)\n`);
      return EXIT.usage;
    }
    let stages: QueueStage[] = [...STAGES];
    if (values.queue !== undefined) {
      const s = String(values.queue).replace(/^kiji\./, '');
      if (!(STAGES as readonly string[]).includes(s)) {
        io.stderr.write(`kiji jobs: unknown queue "${values.queue}"; queues are ${STAGES.join(', ')}\n`);
        return EXIT.usage;
      }
      stages = [s as QueueStage];
    }
    const json = values.format === 'json';
    const ctx = contextFor(values, io, values.redis ? { queue: { redis: String(values.redis) } } : {});
    const cfg = ctx.config.queue;
    switch (sub) {
      case 'add': {
        if (args.length === 0) {
          io.stderr.write(`kiji jobs add: nothing to add\nusage: ${USAGE}\n`);
          return EXIT.usage;
        }
        const fullText = values['full-text'] === undefined ? null : FullTextMode.safeParse(values['full-text']);
        if (fullText && !fullText.success) {
          io.stderr.write(`kiji jobs add: --full-text must be auto, always or never, not "${values['full-text']}"\n`);
          return EXIT.usage;
        }
        // The same ingestion loop as `kiji ingest`, into the queues: files are read here, every URL
        // (a feed, a page, the feeds of an OPML list) gets a poll job, so fetching happens in the
        // workers, with the feed's seen items and the per-host spacing they share.
        return withRuntime(values, io, { store: false }, (rt) =>
          withQueues(cfg, async (q) => {
            const sink = queueSink(q, rt.ctx, { store: null, defer: 'remote', fullText: fullText?.data ?? null });
            const counts: Record<string, number> = { [queueName('poll')]: 0, [queueName('fetch')]: 0, [queueName('analyze')]: 0 };
            let failed = 0;
            for (const input of args) {
              const report = await ingestSource(input, rt, sink, { stdin: io.stdin, ...(fullText ? { fullText: fullText.data } : {}) });
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
              io.stdout.write(`enqueued ${parts.length ? parts.join(', ') : 'nothing'}${failed ? `; ${failed} ${failed === 1 ? 'input' : 'inputs'} failed` : ''}\n`);
            }
            return failed ? EXIT.failed : EXIT.ok;
          }),
          values.redis ? { queue: { redis: String(values.redis) } } : {},
        );
      }
      case 'counts':
        return withQueues(cfg, async (q) => {
          const counts: Record<string, Record<string, number>> = {};
          for (const s of stages) counts[queueName(s)] = await q.queues[s].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
          if (json) io.stdout.write(JSON.stringify(counts) + '\n');
          else for (const [name, c] of Object.entries(counts)) io.stdout.write(`${name.padEnd(14)} ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join('  ')}\n`);
          return EXIT.ok;
        });
      case 'failed': {
        const limit = values.limit === undefined ? 50 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) {
          io.stderr.write(`kiji jobs failed: --limit must be a positive whole number\n`);
          return EXIT.usage;
        }
        return withQueues(cfg, async (q) => {
          const failed = await listFailedJobs(q, stages, limit);
          if (json) io.stdout.write(JSON.stringify(failed, null, 2) + '\n');
          else printFailed(failed, io);
          return EXIT.ok;
        });
      }
      case 'retry':
        return withQueues(cfg, async (q) => {
          if (args.length === 0) {
            let n = 0;
            for (const s of stages) {
              n += await q.queues[s].getFailedCount();
              await q.queues[s].retryJobs({ state: 'failed', count: 1000 });
            }
            io.stdout.write(`retrying ${n} failed jobs\n`);
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
      default:
        io.stderr.write(`kiji jobs: ${sub ? `unknown subcommand "${sub}"` : 'give a subcommand'}\nusage: ${USAGE}\n`);
        return EXIT.usage;
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
