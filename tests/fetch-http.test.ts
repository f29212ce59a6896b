/**
 * fetchUrl against a real HTTP server on 127.0.0.1: encodings, limits,
 * redirects, SSRF refusal, conditional GET, Retry-After and robots.txt.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config/schema.js';
import { createContext, type StageContext } from '../src/context.js';
import { createMemoryHostScheduler, fetchUrl, FetchError } from '../src/fetch/http/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'fetch');
const texts = JSON.parse(readFileSync(join(FIXTURES, 'texts.json'), 'utf8')) as Record<'ja' | 'ko' | 'en', { title: string; body: string }>;

let server: http.Server;
let port = 0;
const hits = new Map<string, number>();
const seenHeaders: http.IncomingHttpHeaders[] = [];
const bomb = zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x61));
const enPage = readFileSync(join(FIXTURES, 'en-utf8.html'));

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const key = url.pathname + url.search;
  hits.set(key, (hits.get(key) ?? 0) + 1);
  seenHeaders.push(req.headers);
  const p = url.pathname;
  if (p === '/robots.txt') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end('User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: otherbot\nDisallow: /\n');
  }
  if (p.startsWith('/enc/')) {
    const ct = url.searchParams.get('ct');
    res.writeHead(200, ct ? { 'content-type': ct } : {});
    return void res.end(readFileSync(join(FIXTURES, p.slice(5))));
  }
  if (p === '/slow-headers') return void setTimeout(() => res.writeHead(200).end('late'), 3000).unref();
  if (p === '/slow-body') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first bytes… ');
    const t = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(t));
    return;
  }
  if (p === '/endless') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const chunk = Buffer.from('<p>끝없는 본문 endless body 終わらない本文</p>\n'.repeat(200));
    const pump = () => {
      while (res.write(chunk)) {
        if (res.destroyed) return;
      }
      res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    return pump();
  }
  if (p === '/bomb') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    return void res.end(bomb);
  }
  if (p === '/big-declared') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
    return void res.write('<p>');
  }
  if (p === '/gzip' || p === '/br' || p === '/deflate' || p === '/deflate-raw') {
    const body =
      p === '/gzip' ? zlib.gzipSync(enPage) : p === '/br' ? zlib.brotliCompressSync(enPage) : p === '/deflate' ? zlib.deflateSync(enPage) : zlib.deflateRawSync(enPage);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': p === '/br' ? 'br' : p === '/gzip' ? 'gzip' : 'deflate' });
    return void res.end(body);
  }
  if (p === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
  if (p === '/loop-b') return void res.writeHead(301, { location: '/loop-a' }).end();
  const chain = /^\/chain\/(\d+)$/.exec(p);
  if (chain) {
    const n = Number(chain[1]);
    if (n === 0) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(enPage);
    return void res.writeHead(302, { location: `/chain/${n - 1}` }).end();
  }
  if (p === '/to-loopback') return void res.writeHead(302, { location: `http://127.0.0.1:${port}/enc/en-utf8.html` }).end();
  if (p === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
  if (p === '/conditional') {
    const etag = '"v1-ko"';
    const lastModified = 'Wed, 22 Jan 2025 01:00:00 GMT';
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified });
    return void res.end(readFileSync(join(FIXTURES, 'ko-utf-16be.xml')));
  }
  if (p === '/rate-limited' || p === '/unavailable') {
    if (hits.get(key) === 1) {
      res.writeHead(p === '/rate-limited' ? 429 : 503, { 'retry-after': url.searchParams.get('after') ?? '1' });
      return void res.end('slow down');
    }
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(enPage);
  }
  if (p === '/always-503') return void res.writeHead(503).end('down');
  if (p === '/image.png') {
    res.writeHead(200, { 'content-type': 'image/png' });
    return void res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]));
  }
  if (p === '/empty') return void res.writeHead(200, { 'content-type': 'text/html' }).end();
  if (p.startsWith('/private/')) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(enPage);
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function context(fetch: Record<string, unknown> = {}): StageContext {
  const config = Config.parse({ logLevel: 'silent', fetch: { allow: ['127.0.0.1'], hostIntervalMs: 0, retries: 0, ...fetch } });
  return createContext(config);
}
const base = () => `http://127.0.0.1:${port}`;

async function fetchError(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected a FetchError');
}

describe('fetchUrl decodes every charset it may meet', () => {
  const cases: [string, string | null, 'ja' | 'ko' | 'en', string][] = [
    ['ja-shift_jis.html', 'text/html', 'ja', 'shift_jis'],
    ['ja-euc-jp.xml', 'application/rss+xml', 'ja', 'euc-jp'],
    ['ja-iso-2022-jp.html', 'text/html; charset=ISO-2022-JP', 'ja', 'iso-2022-jp'],
    ['ko-euc-kr.xml', 'application/xml; charset=euc-kr', 'ko', 'euc-kr'],
    ['ko-euc-kr.xml', 'application/xml', 'ko', 'euc-kr'],
    ['ja-utf-16le-bom.xml', 'application/rss+xml', 'ja', 'utf-16le'],
    ['ko-utf-16be.xml', 'application/rss+xml', 'ko', 'utf-16be'],
    ['ko-utf-32le-bom.xml', 'application/rss+xml', 'ko', 'utf-32le'],
    ['en-utf-32be.xml', null, 'en', 'utf-32be'],
    ['ja-iso-2022-jp.html', 'text/html', 'ja', 'iso-2022-jp'],
  ];
  for (const [file, ct, lang, charset] of cases) {
    it(`${file} served as ${ct ?? 'no content type'} → ${charset}`, async () => {
      const r = await fetchUrl(`${base()}/enc/${file}${ct ? `?ct=${encodeURIComponent(ct)}` : ''}`, context());
      expect(r.charset).toBe(charset);
      expect(r.body).toContain(texts[lang].title);
      expect(r.body).toContain(texts[lang].body);
      expect(r.body).not.toContain('\ufffd');
    });
  }

  it('detects a <meta charset="utf-8"> that lies about Shift_JIS bytes', async () => {
    const r = await fetchUrl(`${base()}/enc/ja-shift_jis-says-utf8.html?ct=text/html`, context());
    expect(r.charset).toBe('shift_jis');
    expect(r.charsetOverruled).toBe('utf-8');
    expect(r.body).toContain(texts.ja.body);
  });

  it('detects an ISO-8859-1 header on UTF-8 Korean bytes', async () => {
    const r = await fetchUrl(`${base()}/enc/ko-utf8-says-latin1.html?ct=${encodeURIComponent('text/html; charset=ISO-8859-1')}`, context());
    expect(r.charset).toBe('utf-8');
    expect(r.charsetOverruled).toBe('windows-1252');
    expect(r.body).toContain(texts.ko.title);
  });

  it('decompresses gzip, brotli and both kinds of deflate', async () => {
    for (const p of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const r = await fetchUrl(`${base()}${p}`, context());
      expect(r.body).toContain(texts.en.body);
      expect(r.charset).toBe('utf-8');
    }
  });
});

describe('fetchUrl limits', () => {
  it('gives up on a server that never sends headers (timeout)', async () => {
    const e = await fetchError(fetchUrl(`${base()}/slow-headers`, context({ timeoutMs: 300 })));
    expect(e.code).toBe('timeout');
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/^fetch: /);
  });

  it('gives up on a body that trickles past the total deadline', async () => {
    const e = await fetchError(fetchUrl(`${base()}/slow-body`, context({ timeoutMs: 400 })));
    expect(e.code).toBe('timeout');
  });

  it('cuts an endless body off at the size limit', async () => {
    const e = await fetchError(fetchUrl(`${base()}/endless`, context({ maxBodyBytes: 256 * 1024 })));
    expect(e.code).toBe('too_large');
    expect(e.retryable).toBe(false);
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    const e = await fetchError(fetchUrl(`${base()}/big-declared`, context({ maxBodyBytes: 1024 * 1024 })));
    expect(e.code).toBe('too_large');
  });

  it('stops a gzip bomb at the decompressed-size limit', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await fetchError(fetchUrl(`${base()}/bomb`, context({ maxBodyBytes: 2 * 1024 * 1024 })));
    expect(e.code).toBe('too_large');
    expect(e.message).toContain('decompressed');
  });

  it('refuses binary media instead of decoding it as text', async () => {
    const e = await fetchError(fetchUrl(`${base()}/image.png`, context()));
    expect([e.code, e.retryable]).toEqual(['bad_encoding', false]);
    expect(e.message).toContain('image/png');
  });

  it('treats an empty 200 as empty, and a 404 as a permanent client error', async () => {
    expect((await fetchError(fetchUrl(`${base()}/empty`, context()))).code).toBe('empty');
    const e = await fetchError(fetchUrl(`${base()}/missing`, context()));
    expect([e.code, e.status, e.retryable]).toEqual(['http_4xx', 404, false]);
  });
});

describe('fetchUrl redirects and address safety', () => {
  it('follows up to five redirects and reports them', async () => {
    const r = await fetchUrl(`${base()}/chain/5`, context());
    expect(r.finalUrl).toBe(`${base()}/chain/0`);
    expect(r.redirects).toHaveLength(5);
  });

  it('refuses a sixth redirect', async () => {
    const e = await fetchError(fetchUrl(`${base()}/chain/6`, context()));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain('more than 5 redirects');
  });

  it('detects a redirect loop', async () => {
    const e = await fetchError(fetchUrl(`${base()}/loop-a`, context()));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain('redirect loop');
  });

  it('refuses loopback addresses unless allowed', async () => {
    const e = await fetchError(fetchUrl(`${base()}/enc/en-utf8.html`, context({ allow: [] })));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain('loopback');
  });

  it('checks the target of every redirect: localhost allowed by name, 127.0.0.1 not', async () => {
    const ctx = context({ allow: ['localhost'] });
    const ok = await fetchUrl(`http://localhost:${port}/enc/en-utf8.html`, ctx);
    expect(ok.body).toContain(texts.en.title);
    const e = await fetchError(fetchUrl(`http://localhost:${port}/to-loopback`, ctx));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain('127.0.0.1');
  });

  it('allows a CIDR from the allow-list', async () => {
    const r = await fetchUrl(`${base()}/enc/en-utf8.html`, context({ allow: ['127.0.0.0/8'] }));
    expect(r.status).toBe(200);
  });

  it('refuses IPv6 forms that embed a loopback IPv4 address, by that address', async () => {
    // None of these would connect anywhere useful here; the point is that kiji never tries.
    for (const host of ['[::127.0.0.1]', '[::ffff:127.0.0.1]', '[::ffff:0:127.0.0.1]', '[64:ff9b::127.0.0.1]', '[2002:7f00:1::1]', '[2001:0:4136:e378:8000:63bf:80ff:fffe]']) {
      const e = await fetchError(fetchUrl(`http://${host}:${port}/enc/en-utf8.html`, context({ allow: [], connectTimeoutMs: 200 })));
      expect(e.code, host).toBe('blocked');
      expect(e.message, host).toMatch(/loopback \(in (IPv4-mapped|IPv4-translated|IPv4-compatible|NAT64|6to4|Teredo)/);
    }
  });

  it('allows an allow-list entry only on the port it names; a bare entry on every port', async () => {
    const other = port === 65535 ? 1 : port + 1;
    expect((await fetchUrl(`${base()}/enc/en-utf8.html`, context({ allow: [`127.0.0.1:${port}`] }))).status).toBe(200);
    expect((await fetchUrl(`http://localhost:${port}/enc/en-utf8.html`, context({ allow: [`localhost:${port}`] }))).status).toBe(200);
    const e = await fetchError(fetchUrl(`${base()}/enc/en-utf8.html`, context({ allow: [`127.0.0.1:${other}`, `localhost:${other}`] })));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect((await fetchUrl(`${base()}/enc/en-utf8.html`, context({ allow: ['127.0.0.1'] }))).status).toBe(200);
  });

  it('rejects a malformed allow-list entry at configuration time, naming it', () => {
    const r = Config.safeParse({ fetch: { allow: ['127.0.0.1:99999', 'localhost:3000'] } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('127.0.0.1:99999');
  });

  it('refuses non-http schemes, also as a redirect target', async () => {
    expect((await fetchError(fetchUrl('file:///etc/passwd', context()))).code).toBe('blocked');
    expect((await fetchError(fetchUrl(`${base()}/to-file`, context()))).code).toBe('blocked');
  });

  it('refuses the cloud metadata address', async () => {
    const e = await fetchError(fetchUrl('http://169.254.169.254/latest/meta-data/', context({ allow: ['127.0.0.1'], connectTimeoutMs: 200 })));
    expect(e.code).toBe('blocked');
    expect(e.message).toContain('metadata');
  });
});

describe('fetchUrl politeness', () => {
  it('sends a clear User-Agent and conditional headers; a 304 is not_modified', async () => {
    const ctx = context();
    const first = await fetchUrl(`${base()}/conditional`, ctx);
    expect(first.etag).toBe('"v1-ko"');
    expect(first.lastModified).toBe('Wed, 22 Jan 2025 01:00:00 GMT');
    expect(first.body).toContain(texts.ko.title);
    expect(seenHeaders.at(-1)?.['user-agent']).toMatch(/^kiji\//);
    const e = await fetchError(fetchUrl(`${base()}/conditional`, ctx, { etag: first.etag }));
    expect([e.code, e.retryable]).toEqual(['not_modified', false]);
    expect(seenHeaders.at(-1)?.['if-none-match']).toBe('"v1-ko"');
    const e2 = await fetchError(fetchUrl(`${base()}/conditional`, ctx, { lastModified: first.lastModified }));
    expect(e2.code).toBe('not_modified');
  });

  it('reports 429 with its Retry-After when retries are off', async () => {
    const e = await fetchError(fetchUrl(`${base()}/rate-limited?k=off&after=7`, context()));
    expect([e.code, e.retryable, e.retryAfterMs, e.status]).toEqual(['rate_limited', true, 7000, 429]);
  });

  it('waits out a 429 Retry-After and then succeeds', async () => {
    const r = await fetchUrl(`${base()}/rate-limited?k=on&after=1`, context({ retries: 1 }));
    expect(r.status).toBe(200);
    expect(hits.get('/rate-limited?k=on&after=1')).toBe(2);
  });

  it('waits out a 503 Retry-After and then succeeds', async () => {
    const r = await fetchUrl(`${base()}/unavailable?k=on&after=1`, context({ retries: 1 }));
    expect(r.status).toBe(200);
  });

  it('does not wait for a Retry-After longer than allowed', async () => {
    const e = await fetchError(fetchUrl(`${base()}/rate-limited?k=long&after=3600`, context({ retries: 3, maxRetryWaitMs: 1000 })));
    expect(e.retryAfterMs).toBe(3_600_000);
    expect(hits.get('/rate-limited?k=long&after=3600')).toBe(1);
  });

  it('retries 5xx with backoff, then reports http_5xx', async () => {
    const e = await fetchError(fetchUrl(`${base()}/always-503`, context({ retries: 2, backoffBaseMs: 10 })));
    expect([e.code, e.retryable]).toEqual(['http_5xx', true]);
    expect(hits.get('/always-503')).toBe(3);
  });

  it('honours robots.txt, fetching it once per context', async () => {
    const ctx = context();
    const before = hits.get('/robots.txt') ?? 0;
    const e = await fetchError(fetchUrl(`${base()}/private/secret`, ctx));
    expect([e.code, e.retryable]).toEqual(['robots', false]);
    const open = await fetchUrl(`${base()}/private/open`, ctx);
    expect(open.status).toBe(200);
    expect((hits.get('/robots.txt') ?? 0) - before).toBe(1);
    const ignoring = await fetchUrl(`${base()}/private/secret`, context({ respectRobots: false }));
    expect(ignoring.status).toBe(200);
  });

  it('spaces requests to one host by the configured interval', async () => {
    let clock = 0;
    const starts: number[] = [];
    const scheduler = createMemoryHostScheduler({ now: () => clock });
    // A fake clock: nothing may start before its slot, and slots are one interval apart.
    const a = scheduler.acquire('h', 1000).then(() => starts.push(clock));
    await a;
    scheduler.release?.('h');
    const b = scheduler.acquire('h', 1000).then(() => starts.push(clock));
    clock = 1000;
    await b;
    expect(starts).toEqual([0, 1000]);
  });
});

describe('fetchUrl transport failures', () => {
  it('reports a certificate nobody vouches for as tls', async () => {
    // A throwaway self-signed certificate, made for this test only.
    const tlsServer = https.createServer(
      { key: readFileSync(join(FIXTURES, 'self-signed.key')), cert: readFileSync(join(FIXTURES, 'self-signed.crt')) },
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(enPage),
    );
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    try {
      const tlsPort = (tlsServer.address() as AddressInfo).port;
      const e = await fetchError(fetchUrl(`https://127.0.0.1:${tlsPort}/`, context()));
      expect([e.code, e.retryable]).toEqual(['tls', false]);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise<void>((r) => tlsServer.close(() => r()));
    }
  });

  it('reports a name that cannot resolve as dns', async () => {
    // .invalid is reserved never to resolve (RFC 2606).
    const e = await fetchError(fetchUrl('http://kiji-test.invalid/feed.xml', context()));
    expect(e.code).toBe('dns');
  });

  it('reports a refused connection as a retryable server failure', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const e = await fetchError(fetchUrl(`http://127.0.0.1:${closedPort}/`, context()));
    expect([e.code, e.retryable]).toEqual(['http_5xx', true]);
  });
});

describe('robots.txt that the server cannot serve', () => {
  it('stays away (retryable robots) while robots.txt answers 5xx, per RFC 9309', async () => {
    const down = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(enPage);
    });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    try {
      const p = (down.address() as AddressInfo).port;
      const e = await fetchError(fetchUrl(`http://127.0.0.1:${p}/news/1`, context()));
      expect([e.code, e.retryable]).toEqual(['robots', true]);
    } finally {
      down.closeAllConnections();
      await new Promise<void>((r) => down.close(() => r()));
    }
  });
});
