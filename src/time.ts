/**
 * Dates as news writes them, to ISO 8601 UTC. A date without a zone is read
 * in the given IANA zone (the feed's or the deployment's), never in the zone
 * of the machine that happens to run kiji.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * @example
 * parseDate('2025-09-23 04:37:30 +0000', 'UTC')   // '2025-09-23T04:37:30.000Z'
 * parseDate('2025年10月31日', 'Asia/Tokyo')        // '2025-10-30T15:00:00.000Z'
 * parseDate('2025년 10월 31일 14:05', 'Asia/Seoul') // '2025-10-31T05:05:00.000Z'
 */
export function parseDate(input: string | Date | null | undefined, timeZone: string): string | null {
  if (input == null) return null;
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString();
  const s = input.normalize('NFKC').trim();
  if (!s) return null;
  let m: RegExpExecArray | null;

  // ISO 8601 / Jekyll: 2025-09-23, 2025-09-23T04:37:30Z, 2025-09-23 04:37:30 +0000, 2025/09/23 04:37, 2025.10.31 14:02
  m = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\b/i.exec(s);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[7] ?? null, timeZone);

  // 2025年10月31日 14時05分 / 2025년 10월 31일 오후 2시 5분
  m = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:[^\d]{0,12}?(午後|오후|午前|오전)?\s*(\d{1,2})\s*(?:[時시:])\s*(?:(\d{1,2})\s*[分분]?)?)?/.exec(s);
  if (m) {
    let hour = m[5] ? +m[5] : 0;
    if ((m[4] === '午後' || m[4] === '오후') && hour < 12) hour += 12;
    return build(+m[1]!, +m[2]!, +m[3]!, hour, m[6] ? +m[6] : 0, 0, null, timeZone);
  }

  // Oct 31, 2025 [10:00 AM] / October 31 2025 / 31 October 2025
  m = /\b(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT))?/i.exec(s);
  if (m && MONTHS[m[2]!.slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()] && (m[1] || m[3])) {
    const month = MONTHS[m[2]!.slice(0, m[2]!.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()]!;
    let hour = m[5] ? +m[5] : 0;
    if (m[8]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (m[8]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    return build(+m[4]!, month, +(m[1] ?? m[3])!, hour, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0, m[9] ?? null, timeZone);
  }

  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function build(y: number, mo: number, d: number, h: number, mi: number, se: number, zone: string | null, timeZone: string): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || se > 60) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, se);
  if (new Date(wall).getUTCDate() !== d) return null; // 2025-02-30
  if (zone) {
    const z = zone.toUpperCase();
    if (z === 'Z' || z === 'UTC' || z === 'GMT') return new Date(wall).toISOString();
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const off = (zm[1] === '-' ? -1 : 1) * (+zm[2]! * 60 + +zm[3]!);
    return new Date(wall - off * 60_000).toISOString();
  }
  return new Date(zonedWallToUtc(wall, timeZone)).toISOString();
}

/** UTC epoch ms of a wall-clock time (given as if it were UTC) in `timeZone`. */
export function zonedWallToUtc(wallAsUtc: number, timeZone: string): number {
  // Two passes settle the offset also next to a DST change.
  let guess = wallAsUtc - offsetMs(wallAsUtc, timeZone);
  guess = wallAsUtc - offsetMs(guess, timeZone);
  return guess;
}

/** The offset of `timeZone` from UTC at instant `t`, in ms. */
export function offsetMs(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => +parts.find((p) => p.type === type)!.value;
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The zone a dateline without one most likely uses: Japanese and Korean news
 * date in their own zones; anything else falls back to the configured zone.
 */
export function zoneForLanguage(lang: string | null, fallback: string): string {
  return lang === 'ja' ? 'Asia/Tokyo' : lang === 'ko' ? 'Asia/Seoul' : fallback;
}

/** Country domains and the zone their news is dated in (the capital's, for countries with several). */
const TLD_ZONES: Record<string, string> = {
  jp: 'Asia/Tokyo', kr: 'Asia/Seoul', uk: 'Europe/London', ie: 'Europe/Dublin', de: 'Europe/Berlin', fr: 'Europe/Paris',
  it: 'Europe/Rome', es: 'Europe/Madrid', nl: 'Europe/Amsterdam', tw: 'Asia/Taipei', cn: 'Asia/Shanghai', hk: 'Asia/Hong_Kong',
  sg: 'Asia/Singapore', in: 'Asia/Kolkata', au: 'Australia/Sydney', nz: 'Pacific/Auckland', ph: 'Asia/Manila',
  id: 'Asia/Jakarta', vn: 'Asia/Ho_Chi_Minh', th: 'Asia/Bangkok', my: 'Asia/Kuala_Lumpur', ru: 'Europe/Moscow',
  br: 'America/Sao_Paulo', za: 'Africa/Johannesburg', il: 'Asia/Jerusalem', tr: 'Europe/Istanbul', pl: 'Europe/Warsaw',
};

/**
 * The zone an outlet dates its pages in, when its address says where it is:
 * a country domain (`.jp`, `.co.kr`, `.co.uk`). Null for `.com` and kin.
 *
 * @example
 * zoneForUrl('https://www.example.co.jp/news/1') // 'Asia/Tokyo'
 * zoneForUrl('https://example.com/a')            // null
 */
export function zoneForUrl(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const tld = host.split('.').pop() ?? '';
  return TLD_ZONES[tld] ?? null;
}
