import { basename } from 'node:path';
import type { FullTextMode } from '../../fetch/config.js';
import { expandPaths } from '../../fetch/index.js';
import { ingestSource, storeSink, type UnitResult } from '../../ingest/index.js';
import type { Runtime } from '../../runtime.js';
import { EXIT, plural, type CliIO, type Command } from '../command.js';
import { progressBar } from '../progress.js';
import { withRuntime } from '../setup.js';

export interface IngestTally {
  stored: number;
  duplicate: number;
  skipped: number;
  failed: number;
  queued: number;
  /** New feed items left for the next run (`fetch.maxItemsPerPoll`). */
  leftForNextPoll: number;
  results: { input: string; result: UnitResult }[];
}

export const command: Command<'ingest'> = {
  name: 'ingest',
  async run({ values, positionals }, io) {
    const fullText = values['full-text'];
    const tally = await withRuntime(values, io, { store: 'now', analysis: true }, (rt) => ingestAll(positionals, rt, io, fullText ? { fullText } : {}));
    io.stderr.write(summaryLine(tally) + '\n');
    for (const { input, result } of tally.results) {
      if (result.status === 'failed') io.stderr.write(`  failed: ${input}: ${result.error.message}\n`);
      if (result.status === 'skipped') io.stderr.write(`  skipped: ${result.detail}\n`);
    }
    // CONTRACT.md: every input handled — stored, linked, or its skip or failure recorded with the reason — is exit 0.
    // A failure that could not be recorded (the store went away) throws and exits 1.
    return EXIT.ok;
  },
};

/**
 * Ingest every input into the runtime's store through the one ingestion
 * loop; a failure is recorded with its reason and the rest go on.
 *
 * @example
 * const tally = await ingestAll(['fixtures/articles'], rt, io);
 */
export async function ingestAll(args: string[], rt: Runtime, io: CliIO, opts: { fullText?: FullTextMode } = {}): Promise<IngestTally> {
  const inputs = await expandPaths(args);
  const sink = storeSink(await rt.store(), rt.ctx);
  const tally: IngestTally = { stored: 0, duplicate: 0, skipped: 0, failed: 0, queued: 0, leftForNextPoll: 0, results: [] };
  const bar = progressBar(io.stderr, inputs.length);
  for (const input of inputs) {
    const report = await ingestSource(input, rt, sink, { stdin: io.stdin, ...opts });
    for (const r of report.results) {
      tally[r.result.status]++;
      tally.results.push(r);
    }
    tally.leftForNextPoll += report.leftForNextPoll;
    bar.tick(`${basename(input)}  ${summaryLine(tally)}`);
  }
  bar.done();
  return tally;
}

export function summaryLine(t: IngestTally): string {
  const left = t.leftForNextPoll ? `; ${plural(t.leftForNextPoll, 'new feed item')} left for the next run` : '';
  return `ingest: ${t.stored} stored, ${t.duplicate} duplicate, ${t.skipped} skipped, ${t.failed} failed${left}`;
}
