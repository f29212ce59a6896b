import { loadQueueMounts } from '../../web/mounts.js';
import { isLoopback, startWebServer } from '../../web/server.js';
import { EXIT, type Command } from '../command.js';
import { createRuntime } from '../../runtime.js';
import { configFor } from '../setup.js';

export const command: Command = {
  name: 'serve',
  summary: 'the web reader: digests, articles, dedupe review with overrides, sources, queue dashboard (set KIJI_WEB_TOKEN to allow overrides beyond loopback)',
  usage: 'kiji serve [--port N] [--host H] [--db URL]',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length) {
      io.stderr.write(`kiji serve: unexpected argument "${positionals[0]}"\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    const port = Number(values.port ?? io.env.KIJI_PORT ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`kiji serve: --port must be a port number (0-65535), not "${values.port}"\n`);
      return EXIT.usage;
    }
    const host = String(values.host ?? io.env.KIJI_HOST ?? '127.0.0.1');
    const token = io.env.KIJI_WEB_TOKEN || null;
    // Re-analysis after a review override runs the pipeline: load what it needs now.
    const rt = await createRuntime(configFor(values, io), { store: 'now', analysis: true });
    const { ctx } = rt;
    const store = await rt.store();
    let queue;
    let server;
    try {
      queue = await loadQueueMounts(ctx);
      server = await startWebServer({ store, ctx, host, port, token, mounts: queue, cwd: io.cwd });
    } catch (err) {
      await queue?.close?.();
      await rt.close();
      throw err;
    }
    io.stderr.write(`kiji serve: reading ${ctx.config.store.db} at ${server.url}/\n`);
    if (!isLoopback(host)) io.stderr.write(token ? 'kiji serve: listening beyond loopback; overrides need the reviewer token\n' : 'kiji serve: listening beyond loopback without KIJI_WEB_TOKEN: overrides are off\n');
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await queue.close?.();
    await rt.close();
    return EXIT.ok;
  },
};
