import { syncSchedules } from '../../queue/schedules.js';
import { type Command } from '../command.js';
import { parseWorkerOptions, serveWorkers } from './worker.js';

export const command: Command = {
  name: 'run',
  summary: 'a small install in one process: sync the schedules of a feeds file (if given) and run every queue worker until SIGINT/SIGTERM',
  usage: 'kiji run [--feeds config/feeds.yaml] [--concurrency N] [--redis URL] [--db URL]',
  options: { feeds: { type: 'string' }, concurrency: { type: 'string' }, redis: { type: 'string' } },
  async run({ values }, io) {
    const parsed = parseWorkerOptions({ ...values, queues: undefined }, io, 'run');
    if (typeof parsed === 'number') return parsed;
    // Job schedulers live in Redis and fire inside the poll worker: running every queue is running the scheduler.
    return serveWorkers(parsed.config, parsed.stages, parsed.concurrency, async (running) => {
      if (!values.feeds) return;
      const r = await syncSchedules(running.queues, String(values.feeds));
      running.rt.ctx.log.info('schedules synced', { stage: 'queue', file: String(values.feeds), upserted: r.upserted.length, removed: r.removed.length });
      io.stderr.write(`kiji run: ${r.upserted.length} schedules from ${values.feeds}${r.removed.length ? `, ${r.removed.length} removed` : ''}\n`);
    });
  },
};
