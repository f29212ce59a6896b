/**
 * Digest windows: `--since 24h` (or 90m, 7d, 2w) back from now, or
 * `--from DATE --to DATE` where a bare date is a whole day in the configured
 * zone (`--from 2025-10-01 --to 2025-10-31` covers both 1 and 31 October in
 * Asia/Seoul, whatever zone the machine runs in).
 */
import { InputError } from '../errors.js';
import { parseDate, zonedWallToUtc } from '../time.js';

export interface Window {
  from: string | null;
  to: string | null;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * @example
 * resolveWindow({ since: '24h' }, 'UTC', new Date('2025-11-01T00:00:00Z')) // { from: '2025-10-31T00:00:00.000Z', to: '2025-11-01T00:00:00.000Z' }
 * resolveWindow({ from: '2025-10-31', to: '2025-10-31' }, 'Asia/Seoul', now) // { from: '2025-10-30T15:00:00.000Z', to: '2025-10-31T15:00:00.000Z' }
 */
export function resolveWindow(args: { since?: string; from?: string; to?: string }, timeZone: string, now: Date): Window {
  if (args.since && (args.from || args.to)) throw new InputError('digest', 'bad_request', 'give --since or --from/--to, not both');
  if (args.since) {
    const m = /^(\d+(?:\.\d+)?)\s*([mhdw])$/i.exec(args.since.trim());
    if (!m) throw new InputError('digest', 'bad_request', `--since "${args.since}": expected a duration such as 90m, 24h, 7d or 2w`);
    const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]!;
    return { from: new Date(now.getTime() - ms).toISOString(), to: now.toISOString() };
  }
  return {
    from: args.from ? bound(args.from, timeZone, 'from') : null,
    to: args.to ? bound(args.to, timeZone, 'to') : null,
  };
}

function bound(s: string, timeZone: string, which: 'from' | 'to'): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (day) {
    // A bare date is a whole day: `to` is exclusive, so it moves to the next midnight.
    const wall = Date.UTC(+day[1]!, +day[2]! - 1, +day[3]! + (which === 'to' ? 1 : 0));
    if (Number.isNaN(wall)) throw new InputError('digest', 'bad_request', `--${which} "${s}": not a date`);
    return new Date(zonedWallToUtc(wall, timeZone)).toISOString();
  }
  const iso = parseDate(s, timeZone);
  if (!iso) throw new InputError('digest', 'bad_request', `--${which} "${s}": not a date (use YYYY-MM-DD or ISO 8601)`);
  return iso;
}

/**
 * A time as a reader in `timeZone` reads it: `2025-10-31 19:12`.
 *
 * @example
 * formatLocal('2025-10-31T10:12:00Z', 'Asia/Seoul') // '2025-10-31 19:12'
 */
export function formatLocal(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * @example
 * formatLocalDate('2025-10-30T15:00:00Z', 'Asia/Tokyo') // '2025-10-31'
 */
export function formatLocalDate(iso: string, timeZone: string): string {
  return formatLocal(iso, timeZone).slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * How an undated article is shown: by the day kiji first saw it, never as if
 * it were published then. The year is added when it is not `now`'s.
 *
 * @example
 * formatFirstSeen('2025-11-30T02:00:00Z', 'Asia/Tokyo', new Date('2025-12-01T00:00:00Z')) // 'first seen 30 Nov'
 * formatFirstSeen('2024-11-30T02:00:00Z', 'Asia/Tokyo', new Date('2025-12-01T00:00:00Z')) // 'first seen 30 Nov 2024'
 */
export function formatFirstSeen(iso: string, timeZone: string, now?: Date): string {
  const day = formatLocalDate(iso, timeZone);
  const [y, m, d] = day.split('-');
  if (!y || !m || !d) return `first seen ${iso}`;
  const year = now ? formatLocalDate(now.toISOString(), timeZone).slice(0, 4) : y;
  return `first seen ${Number(d)} ${MONTHS[Number(m) - 1]}${year === y ? '' : ` ${y}`}`;
}
