import { Lang } from '../../records.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, type Command } from '../command.js';
import { contextFor, withStore } from '../setup.js';

export const command: Command = {
  name: 'list',
  summary: 'the stored articles, newest first',
  usage: 'kiji list [--lang ja|ko|en] [--limit N] [--format text|json]',
  options: { format: { type: 'string' }, lang: { type: 'string' }, limit: { type: 'string' } },
  async run({ values }, io) {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') {
      io.stderr.write(`kiji list: unknown format "${format}" (text, json)\n`);
      return EXIT.usage;
    }
    const lang = values.lang === undefined ? undefined : Lang.safeParse(values.lang);
    if (lang && !lang.success) {
      io.stderr.write(`kiji list: --lang must be ja, ko or en\n`);
      return EXIT.usage;
    }
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      io.stderr.write(`kiji list: --limit must be a positive integer\n`);
      return EXIT.usage;
    }
    const ctx = contextFor(values, io);
    const rows = await withStore(ctx, (store) => store.listArticles({ lang: lang?.data, limit }));
    if (format === 'json') {
      const out = rows.map((r) => ({ id: r.id, title: r.title, url: r.url, lang: r.lang, publishedAt: r.publishedAt, duplicateOf: r.duplicateOf, clusterId: r.clusterId }));
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.stdout.write('no articles stored yet (try: kiji ingest fixtures/articles)\n');
      return EXIT.ok;
    }
    for (const r of rows) {
      const when = (r.publishedAt ?? r.ingestedAt).slice(0, 10);
      const dup = r.duplicateOf ? `  (duplicate of ${r.duplicateOf})` : '';
      io.stdout.write(`${terminalSafe(`${r.id}  ${r.lang}  ${when}  ${r.title}${dup}`, { inline: true })}\n`);
    }
    return EXIT.ok;
  },
};
