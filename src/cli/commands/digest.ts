import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DIGEST_FORMATS, digestFromStore, renderDigest, resolveWindow, type DigestFormat } from '../../digest/index.js';
import { KijiError } from '../../errors.js';
import { Lang } from '../../records.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, type Command } from '../command.js';
import { contextFor, withStore } from '../setup.js';

export const command: Command = {
  name: 'digest',
  summary: 'a digest of the stored articles: stories grouped by topic, with bullets, key figures, entities and sources',
  usage: 'kiji digest [--since 24h | --from DATE --to DATE | --all] [--lang ja|ko|en] [--format md|html|json|jsonfeed|rss] [--out FILE] [--base-url URL]',
  options: {
    since: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    all: { type: 'boolean' },
    lang: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'base-url': { type: 'string' },
    limit: { type: 'string' },
  },
  async run({ values }, io) {
    const format = (values.format as string | undefined) ?? 'md';
    if (!(DIGEST_FORMATS as readonly string[]).includes(format)) {
      io.stderr.write(`kiji digest: unknown format "${format}" (${DIGEST_FORMATS.join(', ')})\n`);
      return EXIT.usage;
    }
    const lang = values.lang === undefined ? null : Lang.safeParse(values.lang);
    if (lang && !lang.success) {
      io.stderr.write(`kiji digest: --lang must be ja, ko or en, not "${values.lang}"\n`);
      return EXIT.usage;
    }
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      io.stderr.write('kiji digest: --limit must be a positive integer\n');
      return EXIT.usage;
    }
    if (values.all && (values.since || values.from || values.to)) {
      io.stderr.write('kiji digest: --all takes no --since, --from or --to\n');
      return EXIT.usage;
    }
    const ctx = contextFor(values, io);
    let window;
    try {
      window = values.all
        ? { from: null, to: null }
        : resolveWindow(
            values.since || values.from || values.to
              ? { since: values.since as string | undefined, from: values.from as string | undefined, to: values.to as string | undefined }
              : { since: '24h' },
            ctx.config.timeZone,
            ctx.clock(),
          );
    } catch (err) {
      io.stderr.write(`kiji digest: ${err instanceof KijiError ? err.message.replace(/^digest: /, '') : String(err)}\n`);
      return EXIT.usage;
    }
    const digest = await withStore(ctx, (store) =>
      digestFromStore(store, ctx, { window, lang: lang ? lang.data! : null, ...(limit ? { maxStories: limit } : {}) }),
    );
    const text = renderDigest(digest, format as DigestFormat, { baseUrl: (values['base-url'] as string | undefined) ?? null });
    if (values.out) {
      const path = resolve(io.cwd, String(values.out));
      writeFileSync(path, text);
      io.stderr.write(`kiji digest: ${digest.storyCount} stories → ${path}\n`);
    } else io.stdout.write(format === 'md' ? terminalSafe(text) : text);
    if (digest.storyCount === 0 && io.stderr.isTTY)
      io.stderr.write('kiji digest: no articles in this window (try --all, or --since 30d)\n');
    return EXIT.ok;
  },
};
