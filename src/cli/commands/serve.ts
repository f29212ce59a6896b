import { createRuntime } from '../../runtime.js';
import { loadQueueMounts } from '../../web/mounts.js';
import { isLoopback, startWebServer } from '../../web/server.js';
import { EXIT, type Command } from '../command.js';
import { configFor } from '../setup.js';

export const command: Command<'serve'> = {
  name: 'serve',
  async run({ values }, io) {
    // --port and --host win over KIJI_PORT/KIJI_HOST and the config file's web section.
    const config = configFor(values, io, { web: { ...(values.port !== undefined ? { port: values.port } : {}), ...(values.host ? { host: values.host } : {}) } });
    const { host, port, token } = config.web;
    // Re-analysis after a review override runs the pipeline: load what it needs now.
    const rt = await createRuntime(config, { store: 'now', analysis: true });
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
    if (!isLoopback(host)) {
      io.stderr.write(token ? 'kiji serve: listening beyond loopback; overrides and job actions need the reviewer token\n' : 'kiji serve: listening beyond loopback without KIJI_WEB_TOKEN: overrides and job actions are off\n');
      io.stderr.write(
        config.web.hosts.length
          ? `kiji serve: answering to ${config.web.hosts.join(', ')}, localhost and IP addresses\n`
          : 'kiji serve: answering to localhost and IP addresses only; name your host names in KIJI_WEB_HOSTS (web.hosts)\n',
      );
    }
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
