import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { digestFromStore, renderDigest, resolveWindow } from '../../digest/index.js';
import { KijiError } from '../../errors.js';
import { terminalSafe } from '../../terminal-escape.js';
import { EXIT, plural, type Command } from '../command.js';
import { contextFor, withRuntime } from '../setup.js';

export const command: Command<'digest'> = {
  name: 'digest',
  async run({ values }, io) {
    const ctx = contextFor(values, io);
    let window;
    try {
      window = values.all
        ? { from: null, to: null }
        : resolveWindow(values.since || values.from || values.to ? { since: values.since, from: values.from, to: values.to } : { since: '24h' }, ctx.config.timeZone, ctx.clock());
    } catch (err) {
      io.stderr.write(`kiji digest: ${err instanceof KijiError ? err.message.replace(/^digest: /, '') : String(err)}\n`);
      return EXIT.usage;
    }
    const digest = await withRuntime(values, io, { store: 'now' }, async (rt) =>
      digestFromStore(await rt.store(), rt.ctx, { window, lang: values.lang ?? null, ...(values.limit ? { maxStories: values.limit } : {}) }),
    );
    const baseUrl = values['base-url'] ?? null;
    // The feed's own address: where --out puts it under --base-url (feed.json, feed.xml by default).
    const feedName = values.out ? basename(values.out) : values.format === 'rss' ? 'feed.xml' : values.format === 'jsonfeed' ? 'feed.json' : null;
    const feedUrl = baseUrl && feedName ? new URL(encodeURIComponent(feedName), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString() : null;
    const text = renderDigest(digest, values.format, { baseUrl, feedUrl });
    if (values.format === 'rss' && !baseUrl) io.stderr.write('kiji digest: no --base-url: the RSS channel has no <link> (give the address the digest is published at)\n');
    if (values.out) {
      const path = resolve(io.cwd, values.out);
      writeFileSync(path, text);
      io.stderr.write(`kiji digest: ${plural(digest.storyCount, 'story', 'stories')} → ${path}\n`);
    } else io.stdout.write(values.format === 'md' ? terminalSafe(text) : text);
    if (digest.storyCount === 0 && io.stderr.isTTY) io.stderr.write('kiji digest: no articles in this window (try --all, or --since 30d)\n');
    return EXIT.ok;
  },
};
