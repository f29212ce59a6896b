import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { digestFromStore, renderDigest } from '../../digest/index.js';
import { EXIT, type Command } from '../command.js';
import { withRuntime } from '../setup.js';
import { ingestAll, summaryLine } from './ingest.js';

export const command: Command<'start'> = {
  name: 'start',
  async run({ values, positionals }, io) {
    const inputs = positionals.length ? positionals : [join(io.cwd, 'fixtures', 'articles')];
    for (const p of inputs) {
      if (!/^https?:/.test(p) && !existsSync(p)) {
        io.stderr.write(`kiji start: ${p}: no such file or folder\n`);
        return EXIT.failed;
      }
    }
    return withRuntime(values, io, { store: 'now', analysis: true }, async (rt) => {
      const { ctx } = rt;
      const store = await rt.store();
      const tally = await ingestAll(inputs, rt, io);
      io.stdout.write(`${summaryLine(tally)} → ${ctx.config.store.db}\n\n`);
      for (const { input, result } of tally.results) {
        if (result.status === 'stored' || result.status === 'duplicate') {
          const a = await store.getArticle(result.id);
          if (!a) continue;
          const dup = a.duplicateOf ? ` (duplicate of ${a.duplicateOf})` : result.status === 'duplicate' ? ' (already stored)' : '';
          io.stdout.write(`${a.id}  ${a.lang}  ${a.title}${dup}\n    ${a.analysis.summary.bullets[0] ?? ''}\n`);
        } else {
          io.stdout.write(`${result.status}: ${input}: ${result.status === 'failed' ? result.error.message : result.status === 'skipped' ? result.detail : result.queue}\n`);
        }
      }
      const ids = tally.results.flatMap(({ result }) => (result.status === 'stored' || result.status === 'duplicate' ? [result.id] : []));
      const digest = await digestFromStore(store, ctx, { window: { from: null, to: null }, ids });
      io.stdout.write('\n' + renderDigest(digest, 'md'));
      io.stdout.write(`\nNext: npx kiji digest --all --format html --out digest.html · npx kiji review <id> · npx kiji serve\n`);
      return EXIT.ok;
    });
  },
};
