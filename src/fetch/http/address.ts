/**
 * SSRF safety: which resolved addresses kiji may connect to. Loopback,
 * private, link-local (cloud metadata lives there), CGNAT, multicast and
 * reserved ranges are refused unless the deployment allows a host or CIDR.
 * Checks run on the address the socket will actually use, after DNS, so a
 * public name resolving to 127.0.0.1 is caught too.
 *
 * IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`,
 * Teredo `2001::/32`) are judged by the IPv4 address inside: a route
 * through a translator or tunnel ends at that address.
 *
 * The range tests are node:net's BlockList; only the unpacking of the
 * embedded address is done here.
 */
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

const BLOCKED_RANGES: [string, number, Family, string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local / metadata'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay anycast'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // Local-use NAT64 (RFC 8215) may embed the IPv4 address at any of several offsets: refuse it whole.
  ['64:ff9b:1::', 48, 'ipv6', 'local-use NAT64'],
  ['100::', 64, 'ipv6', 'discard-only'],
  ['fc00::', 7, 'ipv6', 'unique local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
];

/** One BlockList per reason, so a refusal can say why. */
const BLOCKED: { list: BlockList; why: string }[] = (() => {
  const byWhy = new Map<string, BlockList>();
  for (const [net, prefix, family, why] of BLOCKED_RANGES) {
    let list = byWhy.get(why);
    if (!list) byWhy.set(why, (list = new BlockList()));
    list.addSubnet(net, prefix, family);
  }
  return [...byWhy].map(([why, list]) => ({ list, why }));
})();

/**
 * Why an address may not be fetched, or null when it is a public address.
 *
 * @example
 * blockedReason('169.254.169.254') // 'link-local / metadata'
 * blockedReason('2002:7f00:1::1')  // 'loopback (in 6to4 2002::/16)'
 * blockedReason('93.184.216.34')   // null
 */
export function blockedReason(address: string): string | null {
  const ip = bareIp(address);
  const family = familyOf(ip);
  if (!family) return 'not an IP address';
  if (family === 'ipv6') {
    // ::1 and :: sit inside ::/96 but are IPv6's own loopback and unspecified, not 0.0.0.1.
    const g = ipv6Groups(ip)!;
    if (g.slice(0, 7).every((x) => x === 0) && g[7]! <= 1) return g[7] === 1 ? 'loopback' : 'unspecified';
    for (const e of embeddedV4(ip)) {
      const why = blockedReason(e.v4);
      if (why) return `${why} (in ${e.form})`;
    }
  }
  for (const { list, why } of BLOCKED) if (list.check(ip, family)) return why;
  return null;
}

/** An allow-list of host names and CIDRs, each for every port or for one (`127.0.0.1:18081`). */
export interface AllowList {
  allowsHost(host: string, port: number): boolean;
  allowsAddress(address: string, port: number): boolean;
}

/** One parsed allow-list entry. */
export interface AllowEntry {
  /** A lower-case host name, or null when the entry is an address or CIDR. */
  host: string | null;
  /** The address or network, for an address or CIDR entry. */
  net: { address: string; prefix: number; family: Family } | null;
  /** null: every port. */
  port: number | null;
}

/**
 * Parse one allow-list entry: a host name, an IP address or a CIDR, each
 * with an optional port (`localhost:3000`, `127.0.0.1:18081`,
 * `[::1]:8080`, `10.0.0.0/8:8443`, `[fd00::/8]:80`). A bare IPv6 address
 * takes no port unless bracketed. Throws on a malformed entry.
 *
 * @example
 * parseAllowEntry('[::1]:8080') // { host: null, net: { address: '::1', prefix: 128, family: 'ipv6' }, port: 8080 }
 */
export function parseAllowEntry(raw: string): AllowEntry {
  const e = raw.trim().toLowerCase();
  let body = e;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(e);
  if (bracketed) {
    body = bracketed[1]!;
    portText = bracketed[2] ?? null;
  } else if (e.split(':').length === 2) {
    // One colon: host:port (an IPv6 address always has two or more).
    const at = e.lastIndexOf(':');
    body = e.slice(0, at);
    portText = e.slice(at + 1);
  }
  if (!body) throw new Error(`"${raw}": empty host`);
  let port: number | null = null;
  if (portText !== null) {
    port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) throw new Error(`"${raw}": port must be 1–65535`);
  }
  const slash = body.indexOf('/');
  const ipPart = slash >= 0 ? body.slice(0, slash) : body;
  const family = familyOf(ipPart);
  if (family) {
    const max = family === 'ipv4' ? 32 : 128;
    const prefixText = slash >= 0 ? body.slice(slash + 1) : String(max);
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > max) throw new Error(`"${raw}": prefix must be 0–${max}`);
    return { host: null, net: { address: ipPart, prefix, family }, port };
  }
  if (slash >= 0) throw new Error(`"${raw}": a CIDR needs an IP address before the /`);
  if (!/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?\.?$/.test(body)) throw new Error(`"${raw}": not a host name, address or CIDR`);
  return { host: body.replace(/\.$/, ''), net: null, port };
}

/**
 * @example
 * const allow = parseAllowList(['localhost:3000', '10.0.0.0/8']);
 * allow.allowsAddress('10.1.2.3', 443) // true
 * allow.allowsHost('localhost', 3000)  // true
 * allow.allowsHost('localhost', 6379)  // false
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Map<string, Set<number> | 'any'>();
  // Addresses and networks: one BlockList for every port, one per named port.
  const anyPort = new BlockList();
  const perPort = new Map<number, BlockList>();
  for (const raw of entries) {
    if (!raw.trim()) continue;
    const entry = parseAllowEntry(raw);
    if (entry.host !== null) {
      const had = hosts.get(entry.host);
      if (entry.port === null || had === 'any') hosts.set(entry.host, 'any');
      else hosts.set(entry.host, new Set([...(had ?? []), entry.port]));
    } else if (entry.net) {
      let list = anyPort;
      if (entry.port !== null) {
        list = perPort.get(entry.port) ?? new BlockList();
        perPort.set(entry.port, list);
      }
      list.addSubnet(entry.net.address, entry.net.prefix, entry.net.family);
    }
  }
  const inList = (list: BlockList | undefined, ip: string, family: Family) => list !== undefined && list.check(ip, family);
  return {
    allowsHost: (host, port) => {
      const h = hosts.get(host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, ''));
      return h === 'any' || (h !== undefined && h.has(port));
    },
    allowsAddress: (address, port) => {
      const ip = bareIp(address);
      const family = familyOf(ip);
      if (!family) return false;
      // An allowed IPv4 address is allowed in its IPv6 wrappings too (what a dual-stack resolver may hand back).
      const candidates: [string, Family][] = [[ip, family], ...embeddedV4(ip).map((e): [string, Family] => [e.v4, 'ipv4'])];
      return candidates.some(([a, f]) => inList(anyPort, a, f) || inList(perPort.get(port), a, f));
    },
  };
}

/**
 * The IPv4 addresses an IPv6 address carries, with the form that carries
 * each; empty for a plain IPv6 address.
 *
 * @example
 * embeddedV4('::ffff:127.0.0.1') // [{ v4: '127.0.0.1', form: 'IPv4-mapped ::ffff:0:0/96' }]
 */
export function embeddedV4(address: string): { v4: string; form: string }[] {
  const g = ipv6Groups(address);
  if (!g) return [];
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const out: { v4: string; form: string }[] = [];
  if (zero(0, 5) && g[5] === 0xffff) out.push({ v4: v4(g[6]!, g[7]!), form: 'IPv4-mapped ::ffff:0:0/96' });
  else if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) out.push({ v4: v4(g[6]!, g[7]!), form: 'IPv4-translated ::ffff:0:0:0/96' });
  else if (zero(0, 6)) out.push({ v4: v4(g[6]!, g[7]!), form: 'IPv4-compatible ::/96' });
  else if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) out.push({ v4: v4(g[6]!, g[7]!), form: 'NAT64 64:ff9b::/96' });
  else if (g[0] === 0x2002) out.push({ v4: v4(g[1]!, g[2]!), form: '6to4 2002::/16' });
  else if (g[0] === 0x2001 && g[1] === 0) {
    // Teredo: the server's address in clear, the client's inverted in the last 32 bits.
    out.push({ v4: v4(g[6]! ^ 0xffff, g[7]! ^ 0xffff), form: 'Teredo 2001::/32' });
    out.push({ v4: v4(g[2]!, g[3]!), form: 'Teredo 2001::/32 (server)' });
  }
  return out;
}

/** The eight 16-bit groups of an IPv6 address (a dotted tail read as two groups), or null. */
function ipv6Groups(address: string): number[] | null {
  const ip = bareIp(address);
  if (isIP(ip) !== 6) return null;
  let s = ip.toLowerCase();
  const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.length === 8 ? groups.map((x) => parseInt(x || '0', 16)) : null;
}

/** Without brackets and without a zone id (`fe80::1%eth0`). */
function bareIp(address: string): string {
  const s = address.trim().replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  return zone >= 0 ? s.slice(0, zone) : s;
}

function familyOf(ip: string): Family | null {
  const v = isIP(ip);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}
