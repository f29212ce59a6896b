import { basename } from 'node:path';
import type { StageContext } from '../../context.js';
import { acquireForIngest, classifyInput, expandPaths } from '../../fetch/index.js';
import { ingestDocument, recordFailure, type IngestResult, type Linker } from '../../ingest.js';
import type { Store } from '../../store/index.js';
import { EXIT, type CliIO, type Command } from '../command.js';
import { progressBar } from '../progress.js';
import { contextFor, withStore } from '../setup.js';

export interface IngestTally {
  stored: number;
  duplicate: number;
  skipped: number;
  failed: number;
  results: { input: string; result: IngestResult }[];
}

export const command: Command = {
  name: 'ingest',
  summary: 'run the pipeline on files, folders, URLs, feeds and OPML lists, and store the results',
  usage: 'kiji ingest <path|url|feed-url|opml>... [--db URL]',
  options: {},
  async run({ values, positionals }, io) {
    if (positionals.length === 0) {
      io.stderr.write(`kiji ingest: nothing to ingest\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    const ctx = contextFor(values, io);
    const tally = await withStore(ctx, (store) => ingestAll(positionals, ctx, store, io));
    io.stderr.write(summaryLine(tally) + '\n');
    for (const { input, result } of tally.results) {
      if (result.status === 'failed') io.stderr.write(`  failed: ${input}: ${result.error.message}\n`);
      if (result.status === 'skipped') io.stderr.write(`  skipped: ${result.detail}\n`);
    }
    return EXIT.ok;
  },
};

/**
 * Ingest every input; a failure is recorded with its reason and the rest go on.
 *
 * @example
 * const tally = await ingestAll(['fixtures/articles'], ctx, store, io);
 */
export async function ingestAll(args: string[], ctx: StageContext, store: Store, io: CliIO, link?: Linker): Promise<IngestTally> {
  const inputs = await expandPaths(args);
  const tally: IngestTally = { stored: 0, duplicate: 0, skipped: 0, failed: 0, results: [] };
  const bar = progressBar(io.stderr, inputs.length);
  for (const input of inputs) {
    const results: IngestResult[] = [];
    try {
      const acquired = await acquireForIngest(classifyInput(input), ctx, store, {
        stdin: io.stdin,
        // One feed of an OPML list failing is recorded against that feed; the others go on.
        onError: async (origin, err) => void results.push(await recordFailure(err, origin, ctx, store)),
      });
      for (const a of acquired) {
        const before = results.length;
        for (const doc of a.docs) results.push(await ingestDocument(doc, ctx, store, link));
        // Items are marked seen only once every one of them was stored or recorded as failed.
        if (a.commit && results.slice(before).every((r) => r.status !== 'failed' || !r.error.retryable)) await a.commit();
      }
    } catch (err) {
      results.push(await recordFailure(err, input, ctx, store));
    }
    for (const result of results) {
      tally[result.status]++;
      tally.results.push({ input, result });
    }
    bar.tick(`${basename(input)}  ${summaryLine(tally)}`);
  }
  bar.done();
  return tally;
}

export function summaryLine(t: IngestTally): string {
  return `ingest: ${t.stored} stored, ${t.duplicate} duplicate, ${t.skipped} skipped, ${t.failed} failed`;
}
