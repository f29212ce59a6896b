import type { Analysis, Figure } from '../../records.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, type Command } from '../command.js';
import { configFor, withRuntime } from '../setup.js';

export const command: Command<'show'> = {
  name: 'show',
  async run({ values, positionals }, io) {
    const format = values.format;
    const id = positionals[0]!;
    const config = configFor(values, io);
    const article = await withRuntime(values, io, { store: 'now' }, async (rt) => (await rt.store()).getArticle(id));
    if (!article) {
      io.stderr.write(`kiji show: ${id}: no such article in ${config.store.db}\n`);
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
    a.figures.length ? `Figures:\n${a.figures.map((f) => `  ${f.text} → ${[figureValue(f), f.unit, f.qualifier].filter(Boolean).join(' ')}`).join('\n')}` : 'Figures: none',
    '',
    a.text,
  ];
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n') + '\n';
}

/**
 * A figure's normalised value as a reader wants it: the number, the range, or
 * for a date or duration its ISO form (a year, a month, `P5Y`).
 *
 * @example
 * figureValue({ kind: 'date', value: null, low: null, high: null, iso: '2025' }) // '2025'
 */
export function figureValue(f: Pick<Figure, 'kind' | 'value' | 'low' | 'high' | 'iso'>): string {
  if (f.value !== null) return f.iso && (f.kind === 'date' || f.kind === 'duration') ? f.iso : String(f.value);
  if (f.low !== null || f.high !== null) return `${f.low ?? '…'}–${f.high ?? '…'}`;
  return f.iso ?? '(no value)';
}
