import { existsSync } from 'node:fs';
import { acquireDocument, classifyInput } from '../../fetch/index.js';
import { analyzeDocument } from '../../pipeline.js';
import type { Analysis } from '../../records.js';
import { renderReviewJson, renderReviewMarkdown, renderReviewText, type ReviewLinks } from '../../review/index.js';
import { loadReviewLinks } from '../../review/links.js';
import { EXIT, type Command } from '../command.js';
import { withRuntime } from '../setup.js';

export const command: Command<'review'> = {
  name: 'review',
  async run({ values, positionals }, io) {
    const format = values.format;
    const target = positionals[0]!;
    let analysis: Analysis;
    let links: ReviewLinks | null = null;
    const isFile = target === '-' || /^https?:\/\//.test(target) || existsSync(target);
    try {
      if (isFile) {
        const out = await withRuntime(values, io, { store: false, analysis: true }, async (rt) =>
          analyzeDocument(await acquireDocument(classifyInput(target), rt.ctx, { stdin: io.stdin }), rt.ctx),
        );
        if (out.kind === 'skip') {
          io.stderr.write(`kiji review: ${out.detail} (skipped: ${out.reason})\n`);
          return EXIT.skipped;
        }
        analysis = out.value;
      } else {
        const found = await withRuntime(values, io, { store: 'now' }, async (rt) => {
          const store = await rt.store();
          const a = await store.getArticle(target);
          return a ? { analysis: a.analysis, links: await loadReviewLinks(store, target) } : null;
        });
        if (!found) {
          io.stderr.write(`kiji review: ${target}: no such file, and no such article in the store\n`);
          return EXIT.failed;
        }
        analysis = found.analysis;
        links = found.links;
      }
    } catch (err) {
      io.stderr.write(`kiji review: ${target}: ${(err as Error).message.split('\n')[0]}\n`);
      return EXIT.failed;
    }
    if (format === 'json') io.stdout.write(JSON.stringify(renderReviewJson(analysis, links), null, 2) + '\n');
    else if (format === 'md') io.stdout.write(renderReviewMarkdown(analysis, links));
    else {
      const color = values['no-color'] ? false : values.color ? true : io.stdout.isTTY === true && !io.env.NO_COLOR;
      io.stdout.write(renderReviewText(analysis, links, { color, width: (io.stdout as { columns?: number }).columns ?? 100 }));
    }
    return EXIT.ok;
  },
};
