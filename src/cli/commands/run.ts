import { syncSchedules } from '../../queue/schedules.js';
import { plural, type Command } from '../command.js';
import { configFor, redisOverride } from '../setup.js';
import { serveWorkers } from './worker.js';
import { STAGES } from '../../queue/names.js';

export const command: Command<'run'> = {
  name: 'run',
  async run({ values }, io) {
    const config = configFor(values, io, redisOverride(values));
    // Job schedulers live in Redis and fire inside the poll worker: running every queue is running the scheduler.
    return serveWorkers(config, [...STAGES], { concurrency: values.concurrency, jobs: values.jobs }, async (running) => {
      if (!values.feeds) return;
      const r = await syncSchedules(running.queues, values.feeds);
      running.rt.ctx.log.info('schedules synced', { stage: 'queue', file: values.feeds, upserted: r.upserted.length, removed: r.removed.length });
      io.stderr.write(`kiji run: ${plural(r.upserted.length, 'schedule')} from ${values.feeds}${r.removed.length ? `, ${r.removed.length} removed` : ''}\n`);
    });
  },
};
