import { closeOnSignals, runWorkers, type RunningWorkers } from '../../../workers/runner.js';
import type { Config } from '../../config/schema.js';
import { createLogger } from '../../log.js';
import { STAGES, type QueueStage } from '../../queue/names.js';
import { EXIT, type CliIO, type Command, type Values } from '../command.js';
import { configFor } from '../setup.js';

export const command: Command = {
  name: 'worker',
  summary: 'run queue workers until SIGINT/SIGTERM (running jobs finish first)',
  usage: `kiji worker [--queues ${STAGES.join(',')}] [--concurrency N] [--until-empty] [--redis URL] [--db URL]`,
  options: { queues: { type: 'string' }, concurrency: { type: 'string' }, redis: { type: 'string' }, 'until-empty': { type: 'boolean' } },
  async run({ values }, io) {
    const parsed = parseWorkerOptions(values, io, 'worker');
    if (typeof parsed === 'number') return parsed;
    return serveWorkers(parsed.config, parsed.stages, parsed.concurrency, undefined, values['until-empty'] === true);
  },
};

/** The options `kiji worker` and `kiji run` share; a number is an exit code after a usage error. */
export function parseWorkerOptions(values: Values, io: CliIO, name: string): { config: Config; stages: QueueStage[]; concurrency: number | undefined } | number {
  const stages = values.queues === undefined ? [...STAGES] : String(values.queues).split(',').map((s) => s.trim().replace(/^kiji\./, '')).filter(Boolean);
  const unknown = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length || stages.length === 0) {
    io.stderr.write(`kiji ${name}: unknown queue ${unknown.join(', ') || '(none)'}; queues are ${STAGES.join(', ')}\n`);
    return EXIT.usage;
  }
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      io.stderr.write(`kiji ${name}: --concurrency must be a whole number from 1 to 64, not "${values.concurrency}"\n`);
      return EXIT.usage;
    }
  }
  const config = configFor(values, io, values.redis ? { queue: { redis: String(values.redis) } } : {});
  return { config, stages: stages as QueueStage[], concurrency };
}

/** Start workers and keep them until a signal; exit 0 after a graceful close. */
export async function serveWorkers(
  config: Config,
  stages: QueueStage[],
  concurrency: number | undefined,
  before?: (running: RunningWorkers) => Promise<void>,
  untilEmpty = false,
): Promise<number> {
  const log = createLogger({ level: config.logLevel });
  const starting = runWorkers({ config, log, stages, untilEmpty, ...(concurrency ? { concurrency } : {}) });
  void closeOnSignals(starting, log);
  const running = await starting;
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
