/**
 * Feed dates: RFC 822 (RSS), W3C/ISO 8601 (Atom, JSON Feed, dc:date), and
 * the local forms Japanese and Korean feeds use (`2025年1月23日 10時05分`,
 * `2025.01.23 오후 3:05`). A date without a zone is read in the feed's
 * configured zone, never the zone of the machine running kiji.
 */
import { zonedWallToUtc } from '../../time.js';

const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  JST: 540, KST: 540, HKT: 480, SGT: 480, CET: 60, CEST: 120, BST: 60, IST: 330, AEST: 600, AEDT: 660,
};
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * An ISO 8601 UTC string for a feed date, or null when it cannot be read.
 *
 * @example
 * parseFeedDate('Thu, 23 Jan 2025 10:00:00 +0900', 'UTC') // '2025-01-23T01:00:00.000Z'
 * parseFeedDate('2025年1月23日 10時00分', 'Asia/Tokyo')      // '2025-01-23T01:00:00.000Z'
 */
export function parseFeedDate(raw: string | null | undefined, timeZone: string): string | null {
  if (!raw) return null;
  const s = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!s) return null;
  return rfc822(s, timeZone) ?? iso(s, timeZone) ?? cjk(s, timeZone) ?? null;
}

function rfc822(s: string, tz: string): string | null {
  // [Thu,] 23 Jan 2025 10:00[:00] [+0900|GMT|JST]
  const m = /^(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/.exec(s);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase().slice(0, m[2]!.length === 4 ? 4 : 3)] ?? MONTHS[m[2]!.toLowerCase().slice(0, 3)];
  if (!month) return null;
  let year = Number(m[3]);
  if (year < 100) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), zoneOffset(m[7]), tz);
}

function iso(s: string, tz: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5})?$/.exec(s);
  if (!m) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), zoneOffset(m[8]), tz, ms);
}

function cjk(s: string, tz: string): string | null {
  // 2025年1月23日(木) 10時05分 / 2025/01/23 10:05 / 2025.01.23 오후 3:05 / 2025년 1월 23일 오전 10시 5분
  // White space is already one space at most (parseFeedDate), so " ?" and not "\s*": adjacent \s* runs backtrack.
  const m =
    /^(\d{4}) ?[年년./-] ?(\d{1,2}) ?[月월./-] ?(\d{1,2}) ?[日일.]? ?(?:\([^)]*\)|（[^）]*）)? ?(?:(午前|午後|오전|오후|AM|PM|am|pm) ?)?(?:(\d{1,2}) ?[時시:] ?(?:(\d{1,2}) ?[分분]?)?(?::(\d{2}))? ?(?:(\d{1,2}) ?[秒초])?)? ?(午前|午後|오전|오후|AM|PM|am|pm)? ?(JST|KST|UTC|GMT|[+-]\d{2}:?\d{2})?$/.exec(
      s,
    );
  if (!m) return null;
  let hour = Number(m[5] ?? 0);
  const half = m[4] ?? m[9];
  if (half && /午後|오후|pm/i.test(half) && hour < 12) hour += 12;
  if (half && /午前|오전|am/i.test(half) && hour === 12) hour = 0;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), hour, Number(m[6] ?? 0), Number(m[7] ?? m[8] ?? 0), zoneOffset(m[10]), tz);
}

/** Minutes east of UTC for a zone token, or null when the token names none. */
function zoneOffset(token: string | undefined): number | null {
  if (!token) return null;
  const t = token.toUpperCase();
  if (t in ZONES) return ZONES[t]!;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(t);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number | null, tz: string, ms = 0): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60 || y < 1970 || y > 2200) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (offsetMin !== null) return new Date(wall - offsetMin * 60_000).toISOString();
  return new Date(zonedWallToUtc(wall, tz)).toISOString();
}
