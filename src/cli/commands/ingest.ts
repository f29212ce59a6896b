import { basename } from 'node:path';
import type { FullTextMode } from '../../fetch/config.js';
import { expandPaths } from '../../fetch/index.js';
import { ingestSource, storeSink, type Sink, type UnitResult } from '../../ingest/index.js';
import { analyzerFor, usesThreads } from '../../pool/index.js';
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
    // With threads, each thread loads the dictionaries; this one only links and stores.
    const tally = await withRuntime(values, io, { store: 'now', analysis: !usesThreads(values.jobs) }, (rt) => ingestAll(positionals, rt, io, { jobs: values.jobs, ...(fullText ? { fullText } : {}) }));
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
 * loop; a failure is recorded with its reason and the rest go on. With
 * `jobs` > 1 a pool of threads analyses ahead while this thread links and
 * stores in input order.
 *
 * @example
 * const tally = await ingestAll(['fixtures/articles'], rt, io, { jobs: 2 });
 */
export async function ingestAll(args: string[], rt: Runtime, io: CliIO, opts: { fullText?: FullTextMode; jobs?: number } = {}): Promise<IngestTally> {
  const inputs = await expandPaths(args);
  const analyzer = await analyzerFor(rt.ctx, opts.jobs ?? 1);
  try {
    return await ingestInputs(inputs, rt, io, storeSink(await rt.store(), rt.ctx, { analyze: analyzer.analyze, window: analyzer.window }), opts);
  } finally {
    await analyzer.close();
  }
}

async function ingestInputs(inputs: string[], rt: Runtime, io: CliIO, sink: Sink, opts: { fullText?: FullTextMode }): Promise<IngestTally> {
  const tally: IngestTally = { stored: 0, duplicate: 0, skipped: 0, failed: 0, queued: 0, leftForNextPoll: 0, results: [] };
  const bar = progressBar(io.stderr, inputs.length);
  for (const input of inputs) {
    const report = await ingestSource(input, rt, sink, { stdin: io.stdin, ...(opts.fullText ? { fullText: opts.fullText } : {}) });
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
