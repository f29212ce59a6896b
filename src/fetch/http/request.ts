/**
 * One HTTP exchange, no redirects followed: DNS resolved here and every
 * address vetted before the socket connects (the socket then uses exactly
 * the vetted address, so a second lookup cannot swap it), connect and total
 * deadlines, and a byte cap applied both to the wire and to the decompressed
 * stream so a small gzip bomb cannot expand past it.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { blockedReason, type AllowList } from './address.js';
import { FetchError } from './errors.js';

export interface HopOptions {
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** Absolute deadline (epoch ms) for the whole exchange, body included. */
  deadline: number;
  maxBytes: number;
  allow: AllowList;
  /** Read the body (false for redirects and errors, whose bodies we never use). */
  wantBody: (status: number) => boolean;
}

export interface HopResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The address the socket connected to. */
  address: string | null;
}

/**
 * Resolve `host` and refuse it unless every address is public or allowed
 * (for this port: an allow-list entry may name one). Returns the address to
 * connect to.
 */
export async function vetHost(host: string, port: number, allow: AllowList, input: string): Promise<{ address: string; family: 4 | 6 }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const hostAllowed = allow.allowsHost(bare, port);
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await dnsLookup(bare, { all: true, verbatim: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new FetchError('dns', `${input}: cannot resolve ${bare} (${code ?? 'error'})`, {
        input,
        cause: err,
        retryable: code === 'EAI_AGAIN' || code === 'ETIMEOUT',
      });
    }
  }
  if (addresses.length === 0) throw new FetchError('dns', `${input}: ${bare} has no addresses`, { input, retryable: false });
  // IPv4 first: without happy-eyeballs, a dual-stack name whose ::1 or v6 route is dead would fail.
  addresses.sort((a, b) => a.family - b.family);
  for (const a of addresses) {
    const why = blockedReason(a.address);
    if (why && !hostAllowed && !allow.allowsAddress(a.address, port)) {
      throw new FetchError('blocked', `${input}: ${bare} resolves to ${a.address} (${why}); add it (or ${bare}:${port}) to fetch.allow (KIJI_FETCH_ALLOW) to permit it`, { input });
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * @example
 * const hop = await requestOnce(new URL('https://example.com/feed'), opts, url);
 */
export async function requestOnce(url: URL, opts: HopOptions, input: string): Promise<HopResult> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('blocked', `${input}: only http and https URLs are fetched, not ${url.protocol}`, { input });
  }
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const target = await vetHost(url.hostname, port, opts.allow, input);
  const lookup: LookupFunction = (_hostname, options, callback) => {
    // Hand the socket the address we vetted, in whichever shape it asked for.
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const mod = url.protocol === 'https:' ? https : http;

  return new Promise<HopResult>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (err: unknown, value?: HopResult) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (err) reject(err);
      else resolve(value!);
    };
    const req = mod.request(url, {
      method: 'GET',
      headers: opts.headers,
      lookup,
      agent: false,
      servername: isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname,
    });
    const fail = (err: FetchError) => {
      finish(err);
      req.destroy();
    };
    const remaining = Math.max(1, opts.deadline - Date.now());
    timers.push(setTimeout(() => fail(new FetchError('timeout', `${input}: no complete response within the time limit`, { input })), remaining));
    const connectTimer = setTimeout(() => fail(new FetchError('timeout', `${input}: could not connect within ${opts.connectTimeoutMs} ms`, { input })), opts.connectTimeoutMs);
    timers.push(connectTimer);
    req.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      if (!socket.connecting) connected();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (err) => finish(mapNetworkError(err, input)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (!opts.wantBody(status)) {
        res.resume();
        finish(null, { status, headers: res.headers, body: Buffer.alloc(0), address: target.address });
        req.destroy();
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        return fail(new FetchError('too_large', `${input}: body of ${declared} bytes exceeds the ${opts.maxBytes}-byte limit`, { input, status }));
      }
      let wire = 0;
      res.on('data', (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > opts.maxBytes) fail(new FetchError('too_large', `${input}: body exceeds the ${opts.maxBytes}-byte limit`, { input, status }));
      });
      let stream: Readable = res;
      const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
      const decoder = decompressor(encoding);
      if (decoder) stream = res.pipe(decoder);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) {
          const what = decoder ? `decompressed body exceeds the ${opts.maxBytes}-byte limit` : `body exceeds the ${opts.maxBytes}-byte limit`;
          fail(new FetchError('too_large', `${input}: ${what}`, { input, status }));
          decoder?.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks), address: target.address }));
      stream.on('error', (err) =>
        finish(
          decoder
            ? new FetchError('bad_encoding', `${input}: ${encoding} body could not be decompressed (${err.message})`, { input, cause: err, status })
            : mapNetworkError(err, input),
        ),
      );
      res.on('aborted', () => finish(new FetchError('http_5xx', `${input}: connection closed before the body was complete`, { input, retryable: true, status })));
    });
    req.end();
  });
}

function decompressor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return createDeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/**
 * "deflate" on the wire is zlib-wrapped by the spec and raw deflate from
 * some servers; the first two bytes tell which.
 */
function createDeflateDecoder(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const out: Transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!inner) {
        const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
        inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('data', (d: Buffer) => out.push(d));
        inner.on('error', (e) => out.destroy(e));
      }
      inner.write(chunk, () => done());
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
  return out;
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** Map a socket-level error onto the closed set. */
export function mapNetworkError(err: unknown, input: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(e.message ?? '')) {
    return new FetchError('tls', `${input}: TLS failure (${code || e.message})`, { input, cause: err, retryable: false });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new FetchError('dns', `${input}: cannot resolve host (${code})`, { input, cause: err, retryable: code === 'EAI_AGAIN' });
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new FetchError('timeout', `${input}: timed out (${code})`, { input, cause: err });
  // Refused or reset connections are the server being down: a 5xx without a status, worth a retry.
  return new FetchError('http_5xx', `${input}: connection failed (${code || e.message})`, { input, cause: err, retryable: true });
}
