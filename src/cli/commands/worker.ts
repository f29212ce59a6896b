import { closeOnSignals, runWorkers, StartInterrupted, type RunningWorkers } from '../../../workers/runner.js';
import type { Config } from '../../config/schema.js';
import { createLogger } from '../../log.js';
import { STAGES, type QueueStage } from '../../queue/names.js';
import { EXIT, type Command } from '../command.js';
import { configFor, redisOverride } from '../setup.js';

export const command: Command<'worker'> = {
  name: 'worker',
  async run({ values }, io) {
    const config = configFor(values, io, redisOverride(values));
    return serveWorkers(config, values.queues ?? [...STAGES], values.concurrency, undefined, values['until-empty'] === true);
  },
};

/** Start workers and keep them until a signal; exit 0 after a graceful close. */
export async function serveWorkers(
  config: Config,
  stages: QueueStage[],
  concurrency: number | undefined,
  before?: (running: RunningWorkers) => Promise<void>,
  untilEmpty = false,
): Promise<number> {
  const log = createLogger({ level: config.logLevel });
  const controller = new AbortController();
  const starting = runWorkers({ config, log, stages, untilEmpty, signal: controller.signal, ...(concurrency ? { concurrency } : {}) });
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
  return EXIT.ok;
}
