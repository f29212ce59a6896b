/**
 * SSRF safety: which resolved addresses kiji may connect to. Loopback,
 * private, link-local (cloud metadata lives there), CGNAT, multicast and
 * reserved ranges are refused unless the deployment allows a host or CIDR.
 * Checks run on the address the socket will actually use, after DNS, so a
 * public name resolving to 127.0.0.1 is caught too.
 */
import { isIP } from 'node:net';

interface Cidr {
  v: 4 | 6;
  bits: bigint;
  prefix: number;
}

const BLOCKED_RANGES: [string, string][] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local / metadata'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
];
const BLOCKED = BLOCKED_RANGES.map(([c, why]) => ({ cidr: parseCidr(c)!, why }));

/**
 * Why an address may not be fetched, or null when it is a public address.
 *
 * @example
 * blockedReason('169.254.169.254') // 'link-local / metadata'
 * blockedReason('93.184.216.34')   // null
 */
export function blockedReason(address: string): string | null {
  const v4 = embeddedV4(address);
  if (v4) return blockedReason(v4);
  const parsed = parseIp(address);
  if (!parsed) return 'not an IP address';
  for (const { cidr, why } of BLOCKED) if (inCidr(parsed, cidr)) return why;
  return null;
}

/** An allow-list of host names and CIDRs (`localhost`, `127.0.0.1`, `10.0.0.0/8`). */
export interface AllowList {
  allowsHost(host: string): boolean;
  allowsAddress(address: string): boolean;
}

/**
 * @example
 * const allow = parseAllowList(['localhost', '10.0.0.0/8']);
 * allow.allowsAddress('10.1.2.3') // true
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const raw of entries) {
    const e = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    if (!e) continue;
    const cidr = parseCidr(e.includes('/') ? e : isIP(e) === 4 ? `${e}/32` : isIP(e) === 6 ? `${e}/128` : '');
    if (cidr) cidrs.push(cidr);
    else hosts.add(e);
  }
  return {
    allowsHost: (host) => hosts.has(host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')),
    allowsAddress: (address) => {
      const a = parseIp(embeddedV4(address) ?? address);
      return a !== null && cidrs.some((c) => inCidr(a, c));
    },
  };
}

/** `::ffff:127.0.0.1` and `64:ff9b::7f00:1` carry an IPv4 address; check that one. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

function parseCidr(s: string): Cidr | null {
  const [ip, p] = s.split('/');
  if (!ip || p === undefined) return null;
  const parsed = parseIp(ip);
  const prefix = Number(p);
  if (!parsed || !Number.isInteger(prefix) || prefix < 0 || prefix > (parsed.v === 4 ? 32 : 128)) return null;
  return { ...parsed, prefix };
}

function parseIp(s: string): { v: 4 | 6; bits: bigint } | null {
  const v = isIP(s);
  if (v === 4) {
    let n = 0n;
    for (const part of s.split('.')) n = (n << 8n) | BigInt(Number(part));
    return { v: 4, bits: n };
  }
  if (v === 6) {
    let str = s.toLowerCase();
    // A dotted tail (::ffff:1.2.3.4) becomes two hex groups.
    const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(str);
    if (dotted) {
      const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
      str = str.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    }
    const [head, tail] = str.split('::') as [string, string | undefined];
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    let n = 0n;
    for (const g of groups) n = (n << 16n) | BigInt(parseInt(g || '0', 16));
    return { v: 6, bits: n };
  }
  return null;
}

function inCidr(a: { v: 4 | 6; bits: bigint }, c: Cidr): boolean {
  if (a.v !== c.v) return false;
  const width = a.v === 4 ? 32 : 128;
  const shift = BigInt(width - c.prefix);
  return a.bits >> shift === c.bits >> shift;
}
