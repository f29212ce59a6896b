import { EXIT, type Command } from '../command.js';
import { withRuntime } from '../setup.js';

export const command: Command<'list'> = {
  name: 'list',
  async run({ values }, io) {
    const { format, lang, limit } = values;
    const rows = await withRuntime(values, io, { store: 'now' }, async (rt) => (await rt.store()).listArticles({ ...(lang ? { lang } : {}), ...(limit ? { limit } : {}) }));
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
      io.stdout.write(`${r.id}  ${r.lang}  ${when}  ${r.title}${dup}\n`);
    }
    return EXIT.ok;
  },
};
