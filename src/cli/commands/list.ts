import { formatFirstSeen } from '../../digest/window.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, type Command } from '../command.js';
import { withRuntime } from '../setup.js';

export const command: Command<'list'> = {
  name: 'list',
  async run({ values }, io) {
    const { format, lang, limit } = values;
    const { rows, timeZone, now } = await withRuntime(values, io, { store: 'now' }, async (rt) => ({
      rows: await (await rt.store()).listArticles({ ...(lang ? { lang } : {}), ...(limit ? { limit } : {}) }),
      timeZone: rt.ctx.config.timeZone,
      now: rt.ctx.clock(),
    }));
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
      // An undated article is shown by when it was first seen, never as if published that day.
      const when = r.publishedAt ? r.publishedAt.slice(0, 10) : formatFirstSeen(r.ingestedAt, timeZone, now);
      const dup = r.duplicateOf ? `  (duplicate of ${r.duplicateOf})` : '';
      io.stdout.write(`${terminalSafe(`${r.id}  ${r.lang}  ${when}  ${r.title}${dup}`, { inline: true })}\n`);
    }
    return EXIT.ok;
  },
};
