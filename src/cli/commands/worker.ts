import { closeOnSignals, runWorkers, StartInterrupted, type RunningWorkers } from '../../../workers/runner.js';
import type { Config } from '../../config/schema.js';
import { createLogger } from '../../log.js';
import { STAGES, type QueueStage } from '../../queue/names.js';
import { EXIT, plural, type Command } from '../command.js';
import { configFor, redisOverride } from '../setup.js';

export const command: Command<'worker'> = {
  name: 'worker',
  async run({ values }, io) {
    const config = configFor(values, io, redisOverride(values));
    return serveWorkers(config, values.queues ?? [...STAGES], { concurrency: values.concurrency, jobs: values.jobs }, undefined, values['until-empty'] === true, io.stderr);
  },
};

/** Start workers and keep them until a signal; exit 0 after a graceful close. */
export async function serveWorkers(
  config: Config,
  stages: QueueStage[],
  sizes: { concurrency?: number | undefined; jobs?: number | undefined },
  before?: (running: RunningWorkers) => Promise<void>,
  untilEmpty = false,
  stderr?: NodeJS.WritableStream,
): Promise<number> {
  const log = createLogger({ level: config.logLevel });
  const controller = new AbortController();
  const { concurrency, jobs } = sizes;
  const starting = runWorkers({ config, log, stages, untilEmpty, signal: controller.signal, ...(concurrency ? { concurrency } : {}), ...(jobs ? { jobs } : {}) });
  void closeOnSignals(starting, log, controller);
  let running: RunningWorkers;
  try {
    running = await starting;
  } catch (err) {
    // SIGTERM while Redis was still being waited for: a normal stop.
    if (err instanceof StartInterrupted) return EXIT.ok;
    throw err;
  }
  if (before) {
    try {
      await before(running);
    } catch (err) {
      await running.close();
      throw err;
    }
  }
  await running.closed;
  if (untilEmpty) {
    const t = running.tally;
    stderr?.write(`kiji worker: queues empty: ${plural(t.completed, 'job')} done${t.failed ? `, ${t.failed} failed` : ''}${t.retrying ? `, ${plural(t.retrying, 'attempt')} to retry` : ''}\n`);
  }
  return EXIT.ok;
}
