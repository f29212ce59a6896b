import type { Analysis } from '../../records.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, type Command } from '../command.js';
import { contextFor, withStore } from '../setup.js';

export const command: Command = {
  name: 'show',
  summary: 'one stored article: metadata, summary, entities, figures and text (or its Analysis record as JSON)',
  usage: 'kiji show <id> [--format text|json]',
  options: { format: { type: 'string' } },
  async run({ values, positionals }, io) {
    const format = (values.format as string | undefined) ?? 'text';
    if (positionals.length !== 1 || (format !== 'text' && format !== 'json')) {
      io.stderr.write(`usage: ${command.usage}\n`);
      return EXIT.usage;
    }
    const id = positionals[0]!;
    const ctx = contextFor(values, io);
    const article = await withStore(ctx, (store) => store.getArticle(id));
    if (!article) {
      io.stderr.write(`kiji show: ${id}: no such article in ${ctx.config.store.db}\n`);
      return EXIT.failed;
    }
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ ...article.analysis, duplicateOf: article.duplicateOf, clusterId: article.clusterId }, null, 2) + '\n');
      return EXIT.ok;
    }
    io.stdout.write(terminalSafe(renderText(article.analysis, article.duplicateOf)));
    return EXIT.ok;
  },
};

function renderText(a: Analysis, duplicateOf: string | null): string {
  const lines = [
    a.title,
    '='.repeat(Math.min(60, a.title.length * 2)),
    `id ${a.id} · ${a.lang} · ${a.publishedAt ?? 'undated'}${a.author ? ` · ${a.author}` : ''}${a.siteName ? ` · ${a.siteName}` : ''}`,
    `source ${a.source.kind} ${a.source.uri}${a.url ? ` · ${a.url}` : ''}`,
    duplicateOf ? `duplicate of ${duplicateOf}` : '',
    `${a.tokens.count} tokens, ${a.tokens.sentences} sentences, ${a.paragraphs.length} paragraphs kept, ${a.dropped.length} dropped`,
    '',
    `Summary (${a.summary.method}): ${a.summary.headline}`,
    ...a.summary.bullets.map((b) => `  • ${b}`),
    '',
    a.entities.length ? `Entities: ${a.entities.map((e) => `${e.canonical} (${e.type}, ${e.mentions.length})`).join(', ')}` : 'Entities: none',
    a.figures.length ? `Figures:\n${a.figures.map((f) => `  ${f.text} → ${f.value ?? `${f.low}–${f.high}`} ${f.unit ?? ''} ${f.qualifier}`).join('\n')}` : 'Figures: none',
    '',
    a.text,
  ];
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n') + '\n';
}
