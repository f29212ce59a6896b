import { describe, expect, it } from 'vitest';
import { blockedReason, parseAllowEntry, parseAllowList } from './address.js';
import { charsetOfContentType, declaredInDocument, decodeBytes } from './charset.js';
import { resourceKind } from './document.js';
import { FetchError } from './errors.js';
import { parseRobots } from './robots.js';
import { backoffDelay, createMemoryHostScheduler, parseRetryAfter } from './scheduler.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('charset', () => {
  it('reads the charset parameter of a Content-Type', () => {
    expect(charsetOfContentType('text/html; charset="Shift_JIS"')).toBe('shift_jis');
    expect(charsetOfContentType('application/rss+xml;charset=EUC-KR; foo=bar')).toBe('euc-kr');
    expect(charsetOfContentType('text/html')).toBeNull();
  });

  it('reads XML declarations and <meta charset>', () => {
    expect(declaredInDocument(utf8('<?xml version="1.0" encoding="EUC-JP"?><rss/>'))).toBe('euc-jp');
    expect(declaredInDocument(utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'))).toBe('euc-kr');
    expect(declaredInDocument(utf8('<html><head><meta charset=utf-8>'))).toBe('utf-8');
  });

  it('lets a BOM win over a contradicting header', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<p>한국어 본문</p>')]);
    const d = decodeBytes(bytes, { contentType: 'text/html; charset=shift_jis' });
    expect([d.charset, d.source, d.text]).toEqual(['utf-8', 'bom', '<p>한국어 본문</p>']);
  });

  it('decodes UTF-16 without a BOM by its NUL pattern', () => {
    const s = '<?xml version="1.0"?><title>東京の天気</title>';
    const le = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      le[i * 2] = s.charCodeAt(i) & 0xff;
      le[i * 2 + 1] = s.charCodeAt(i) >> 8;
    }
    expect(decodeBytes(le).text).toBe(s);
  });

  it('reads plain ASCII English as UTF-8, and undeclared Latin-1 as windows-1252', () => {
    expect(decodeBytes(utf8('Rates held at 5.25%')).charset).toBe('utf-8');
    const latin = new Uint8Array([...utf8('caf'), 0xe9, ...utf8(' cr'), 0xe8, ...utf8('me')]);
    const d = decodeBytes(latin);
    expect([d.charset, d.text]).toEqual(['windows-1252', 'café crème']);
  });
});

describe('address safety', () => {
  it('blocks loopback, private, link-local and mapped forms; passes public addresses', () => {
    expect(blockedReason('127.0.0.1')).toBe('loopback');
    expect(blockedReason('10.20.30.40')).toBe('private');
    expect(blockedReason('172.16.0.1')).toBe('private');
    expect(blockedReason('192.168.1.1')).toBe('private');
    expect(blockedReason('169.254.169.254')).toBe('link-local / metadata');
    expect(blockedReason('::1')).toBe('loopback');
    expect(blockedReason('::')).toBe('unspecified');
    expect(blockedReason('::ffff:10.0.0.1')).toBe('private (in IPv4-mapped ::ffff:0:0/96)');
    expect(blockedReason('fd00:ec2::254')).toBe('unique local');
    expect(blockedReason('fe80::1%eth0')).toBe('link-local');
    expect(blockedReason('172.32.0.1')).toBeNull();
    expect(blockedReason('2606:4700:4700::1111')).toBeNull();
    expect(blockedReason('example.com')).toBe('not an IP address');
  });

  it('judges every IPv6 form that embeds an IPv4 address by that address', () => {
    // Each form, written the way a URL or a resolver hands it over, wrapping loopback, metadata and private addresses.
    const forms: [string, string][] = [
      ['::ffff:127.0.0.1', 'IPv4-mapped'],
      ['::ffff:7f00:1', 'IPv4-mapped'],
      ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped'],
      ['::ffff:0:127.0.0.1', 'IPv4-translated'],
      ['::127.0.0.1', 'IPv4-compatible'],
      ['::7f00:1', 'IPv4-compatible'],
      ['::a00:1', 'IPv4-compatible'],
      ['64:ff9b::127.0.0.1', 'NAT64'],
      ['64:ff9b::a9fe:a9fe', 'NAT64'],
      ['64:ff9b:0:0:0:0:c0a8:101', 'NAT64'],
      ['2002:7f00:1::', '6to4'],
      ['2002:a9fe:a9fe:1234::1', '6to4'],
      ['2002:c0a8:0101::5', '6to4'],
      // Teredo: client 127.0.0.1 inverted (80ff:fffe) behind a public server, and a private server.
      ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo'],
      ['2001:0:a00:1:8000:63bf:a247:27dd', 'Teredo'],
    ];
    for (const [address, form] of forms) {
      const why = blockedReason(address);
      expect(why, address).not.toBeNull();
      expect(why, address).toContain(form);
      expect(why, address).toMatch(/loopback|private|link-local|metadata/);
    }
    // The same forms around public addresses are public: nothing to refuse.
    for (const address of ['::ffff:93.184.216.34', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '2001:0:4136:e378:8000:63bf:a247:27dd']) {
      expect(blockedReason(address), address).toBeNull();
    }
    // Local-use NAT64 embeds its address at varying offsets: refused whole.
    expect(blockedReason('64:ff9b:1::7f00:1')).toBe('local-use NAT64');
  });

  it('allows listed hosts and CIDRs only', () => {
    const allow = parseAllowList(['Intranet.Example', '10.0.0.0/8', '::1']);
    expect(allow.allowsHost('intranet.example', 443)).toBe(true);
    expect(allow.allowsAddress('10.255.0.1', 80)).toBe(true);
    expect(allow.allowsAddress('::1', 8080)).toBe(true);
    expect(allow.allowsAddress('192.168.0.1', 80)).toBe(false);
    expect(allow.allowsHost('other.example', 80)).toBe(false);
    // An allowed IPv4 address stays allowed when a resolver hands it back IPv4-mapped.
    expect(allow.allowsAddress('::ffff:10.1.2.3', 80)).toBe(true);
  });

  it('takes an optional port on each entry; a bare entry allows every port', () => {
    const allow = parseAllowList(['127.0.0.1:18081', '[::1]:8080', 'localhost:3000', '10.0.0.0/8:8443', '[fd00::/8]:80', '192.168.1.5']);
    expect(allow.allowsAddress('127.0.0.1', 18081)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 6379)).toBe(false);
    expect(allow.allowsAddress('::1', 8080)).toBe(true);
    expect(allow.allowsAddress('::1', 22)).toBe(false);
    expect(allow.allowsHost('localhost', 3000)).toBe(true);
    expect(allow.allowsHost('LOCALHOST.', 3000)).toBe(true);
    expect(allow.allowsHost('localhost', 3001)).toBe(false);
    expect(allow.allowsAddress('10.9.8.7', 8443)).toBe(true);
    expect(allow.allowsAddress('10.9.8.7', 443)).toBe(false);
    expect(allow.allowsAddress('fd12::1', 80)).toBe(true);
    expect(allow.allowsAddress('fd12::1', 81)).toBe(false);
    expect(allow.allowsAddress('192.168.1.5', 1)).toBe(true);
    expect(allow.allowsAddress('192.168.1.5', 65535)).toBe(true);
  });

  it('names what is wrong with a malformed entry', () => {
    expect(parseAllowEntry('[::1]:8080')).toEqual({ host: null, net: { address: '::1', prefix: 128, family: 'ipv6' }, port: 8080 });
    expect(parseAllowEntry('fd00::/8')).toEqual({ host: null, net: { address: 'fd00::', prefix: 8, family: 'ipv6' }, port: null });
    expect(parseAllowEntry('news.internal')).toEqual({ host: 'news.internal', net: null, port: null });
    expect(() => parseAllowEntry('127.0.0.1:99999')).toThrow(/port must be 1–65535/);
    expect(() => parseAllowEntry('localhost:http')).toThrow(/port/);
    expect(() => parseAllowEntry('10.0.0.0/40')).toThrow(/prefix must be 0–32/);
    expect(() => parseAllowEntry('intranet/8')).toThrow(/CIDR/);
    expect(() => parseAllowEntry('http://127.0.0.1/')).toThrow(/port/);
    expect(() => parseAllowEntry('127.0.0.1 localhost')).toThrow(/not a host name/);
  });
});

describe('robots.txt', () => {
  const text = [
    '# rules for everyone',
    'User-agent: *',
    'Disallow: /search',
    'Disallow: /*.pdf$',
    'Allow: /search/about',
    '',
    'User-agent: kiji',
    'User-agent: otherbot',
    'Disallow: /members/',
    'Crawl-delay: 5',
  ].join('\n');

  it('uses the group naming our product token, longest match wins', () => {
    const r = parseRobots(text, 'kiji/0.1 (+https://github.com/kiji-news/kiji)');
    expect(r.allowed('/members/list')).toBe(false);
    expect(r.allowed('/search?q=x')).toBe(true); // the * group does not apply to us
    expect(r.crawlDelayMs).toBe(5000);
  });

  it('falls back to the * group, with wildcards and Allow overriding a shorter Disallow', () => {
    const r = parseRobots(text, 'somebot/1.0');
    expect(r.allowed('/search?q=経済')).toBe(false);
    expect(r.allowed('/search/about')).toBe(true);
    expect(r.allowed('/docs/report.pdf')).toBe(false);
    expect(r.allowed('/docs/report.pdf?x=1')).toBe(true);
    expect(r.allowed('/news/2025/01/')).toBe(true);
  });

  it('treats an empty Disallow as allow-all', () => {
    expect(parseRobots('User-agent: *\nDisallow:', 'kiji').allowed('/anything')).toBe(true);
  });
});

describe('politeness helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2025-01-22T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 22 Jan 2025 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
  });

  it('admits one request per host at a time, other hosts in parallel', async () => {
    const s = createMemoryHostScheduler();
    const order: string[] = [];
    await s.acquire('a.example', 0);
    const second = s.acquire('a.example', 0).then(() => order.push('a2'));
    await s.acquire('b.example', 0).then(() => order.push('b1'));
    expect(order).toEqual(['b1']);
    s.release?.('a.example');
    await second;
    expect(order).toEqual(['b1', 'a2']);
  });

  it('FetchError carries the stage prefix, code and retryability', () => {
    const e = new FetchError('rate_limited', 'https://news.example/feed: 429 too many requests', { retryAfterMs: 5000 });
    expect(e.message).toBe('fetch: https://news.example/feed: 429 too many requests');
    expect([e.name, e.code, e.retryable, e.retryAfterMs]).toEqual(['FetchError', 'rate_limited', true, 5000]);
    expect(new FetchError('robots', 'x').retryable).toBe(false);
  });
});

describe('resourceKind', () => {
  it('trusts the body over a misleading Content-Type', () => {
    expect(resourceKind({ contentType: 'text/html', body: '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>' })).toBe('feed');
    expect(resourceKind({ contentType: 'application/octet-stream', body: '<feed xmlns="http://www.w3.org/2005/Atom">' })).toBe('feed');
    expect(resourceKind({ contentType: 'application/json', body: '{"version": "https://jsonfeed.org/version/1.1", "items": []}' })).toBe('feed');
    expect(resourceKind({ contentType: 'text/xml', body: '<?xml version="1.0"?><opml version="2.0">' })).toBe('opml');
    expect(resourceKind({ contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html lang="ja">' })).toBe('html');
    expect(resourceKind({ contentType: 'text/plain', body: '한국은행은 기준금리를 동결했다.' })).toBe('text');
  });
});

describe('hostile robots.txt, prologs and <meta> heads stay linear', () => {
  // Hang guards: each of these backtracked polynomially or exponentially in the regexes they replaced.
  it('matches many-wildcard robots patterns against a long path', () => {
    const rules = parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(30)}*b$\nAllow: /${'a*'.repeat(30)}c`, 'kiji/0.1');
    const path = `/${'a'.repeat(200_000)}`;
    expect(rules.allowed(path)).toBe(true);
    expect(rules.allowed(`${path}b`)).toBe(false);
    expect(rules.allowed(`${path}c`)).toBe(true);
    // A comment-only line of a million '#' and a field line of a million spaces are just skipped.
    expect(parseRobots(`${'#'.repeat(1_000_000)}\nUser-agent: *\nDisallow:${' '.repeat(1_000_000)}/x\n`, 'kiji').allowed('/x')).toBe(false);
  }, 60_000);

  it('sniffs a feed behind a long prolog, and no feed behind a crafted one', () => {
    expect(resourceKind({ contentType: null, body: `<?xml version="1.0"?>${'<!-- c -->'.repeat(150)}<rss version="2.0">` })).toBe('feed');
    expect(resourceKind({ contentType: null, body: `<?xml version="1.0"?>\n<!-- generator -->\n<?xml-stylesheet href="a.xsl"?>\n<rss version="2.0"><channel>` })).toBe('feed');
    expect(resourceKind({ contentType: 'text/html', body: `${'<?a?><!---->'.repeat(200)}<x` })).toBe('html');
  }, 60_000);

  it('finds <meta charset> in a head full of crafted <meta> tags', () => {
    const head = `<html><head>${`<meta content="${' '.repeat(300)}">`.repeat(12)}<meta http-equiv="Content-Type" content="text/html; charset= 'Shift_JIS'">`;
    expect(declaredInDocument(new Uint8Array(Buffer.from(head, 'latin1')))).toBe('shift_jis');
    expect(declaredInDocument(new Uint8Array(Buffer.from(`<meta ${'charset '.repeat(600)}`, 'latin1')))).toBeNull();
  }, 60_000);
});
