/**
 * Start the reader on a port: the hono app on Node's HTTP server. Used by
 * `kiji serve` and by the browser tests (port 0 picks a free one).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { ConfigError } from '../errors.js';
import { createWebApp, type WebOptions } from './app.js';

export interface WebServer {
  /** `http://127.0.0.1:8080` — where a browser reaches it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * True for names and addresses that only this machine can reach.
 *
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('0.0.0.0')   // false
 */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * @example
 * const server = await startWebServer({ store, ctx, host: '127.0.0.1', port: 8080 });
 * console.log(server.url);
 * await server.close();
 */
export async function startWebServer(opts: Omit<WebOptions, 'exposed' | 'listenHost'> & { host: string; port: number }): Promise<WebServer> {
  const exposed = !isLoopback(opts.host);
  if (opts.token !== undefined && opts.token !== null && opts.token.length > 0 && opts.token.length < 16)
    throw new ConfigError(['web: KIJI_WEB_TOKEN must be at least 16 characters']);
  const app = createWebApp({ ...opts, exposed, listenHost: opts.host });
  return new Promise((resolveStart, rejectStart) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info: AddressInfo) => {
      const shown = exposed ? (opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host) : opts.host === 'localhost' ? 'localhost' : info.address;
      const host = shown.includes(':') ? `[${shown}]` : shown;
      resolveStart({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive connections from a browser would hold close() open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', rejectStart);
  });
}
