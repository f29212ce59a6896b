/**
 * The publication date of a page, as an instant in UTC. The page's own
 * statements are read in order (JSON-LD, meta, microdata, <time>, the URL
 * path — see metadata.ts), then a dateline in the text (ja/ko/en). A date
 * written without a zone is read in the page's zone: an offset the page
 * writes on another of its dates, else the outlet's zone (its country
 * domain or language), else the configured one. A page that states no date
 * stays undated: nothing here guesses "today".
 */
import { parseDate, zoneForLanguage, zoneForUrl } from '../../time.js';
import type { DateCandidate } from './metadata.js';

export interface PublishedDate {
  iso: string;
  source: DateCandidate['source'] | 'dateline';
  /** The zone a zone-less date was read in (an IANA name or a `+09:00` offset), null when the date wrote its own. */
  zone: string | null;
}

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC))\s*$/i;
const HAS_YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
/** Named zones news pages write after a time. */
const NAMED_ZONES: Record<string, string> = {
  JST: 'Asia/Tokyo', KST: 'Asia/Seoul', ET: 'America/New_York', EST: 'America/New_York', EDT: 'America/New_York',
  CT: 'America/Chicago', CST: 'America/Chicago', CDT: 'America/Chicago', MT: 'America/Denver', MST: 'America/Denver',
  MDT: 'America/Denver', PT: 'America/Los_Angeles', PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles',
  BST: 'Europe/London', CET: 'Europe/Paris', CEST: 'Europe/Paris', HKT: 'Asia/Hong_Kong', SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', IST: 'Asia/Kolkata',
};

/**
 * @example
 * resolvePublished([{ value: '2019-11-18 10:00', source: 'meta' }], { url: 'https://news.example.co.jp/a', lang: null, fallbackZone: 'UTC' })
 * // { iso: '2019-11-18T01:00:00.000Z', source: 'meta', zone: 'Asia/Tokyo' }
 */
export function resolvePublished(
  candidates: readonly DateCandidate[],
  page: { url: string | null; lang: string | null; textLang?: string | null; fallbackZone: string; now?: Date; zoneHints?: readonly string[] },
): PublishedDate | null {
  const zone = pageZone(candidates, page);
  let dayOnly: PublishedDate | null = null;
  for (const c of candidates) {
    const iso = readDate(c.value, zone, page.now);
    if (!iso) continue;
    const found = { iso: iso.iso, source: c.source, zone: iso.zoned ? null : zone };
    // A bare date ("2024-04-02" in a ClaimReview) gives way to a later statement of the same day with its time.
    if (!/\d{1,2}:\d{2}/.test(c.value)) {
      dayOnly ??= found;
      continue;
    }
    if (!dayOnly || Math.abs(Date.parse(found.iso) - Date.parse(dayOnly.iso)) < 86_400_000) return found;
    return dayOnly;
  }
  return dayOnly;
}

/** The zone for zone-less dates on this page (see the module comment). */
export function pageZone(
  candidates: readonly DateCandidate[],
  page: { url: string | null; lang: string | null; textLang?: string | null; fallbackZone: string; zoneHints?: readonly string[] },
): string {
  for (const c of [...candidates, ...(page.zoneHints ?? []).map((value) => ({ value }))]) {
    // Only an offset written after a time of day ("…T10:00:00+09:00"), and a real one (UTC−12 to UTC+14).
    const m = /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([+-])(\d{2}):?(\d{2})\s*$/.exec(c.value.trim());
    if (m && +m[2]! <= 14 && ['00', '15', '30', '45'].includes(m[3]!)) return `${m[1]}${m[2]}:${m[3]}`;
  }
  const primary = (page.lang ?? '').toLowerCase().slice(0, 2);
  return zoneForUrl(page.url) ?? zoneForLanguage(primary === 'ja' || primary === 'ko' ? primary : page.textLang ?? null, page.fallbackZone);
}

/**
 * One date string to UTC: its own zone if it writes one (an offset, Z, GMT,
 * or a named zone such as JST or ET), else `zone`. Strings without a
 * four-digit year are not dates here ("Nov 18" would become 2001).
 */
export function readDate(value: string, zone: string, now?: Date): { iso: string; zoned: boolean } | null {
  const v = value.normalize('NFKC').trim();
  if (!HAS_YEAR.test(v)) return null;
  const named = /\b([A-Z]{2,4})\s*(?:\)\s*)?$/.exec(v);
  let iso: string | null;
  let zoned = HAS_ZONE.test(v);
  if (!zoned && named && NAMED_ZONES[named[1]!]) {
    iso = parseDate(v.slice(0, named.index).trim(), NAMED_ZONES[named[1]!]!);
    zoned = true;
  } else if (zoned) {
    iso = parseDate(v, 'UTC');
  } else if (/^[+-]\d{2}:\d{2}$/.test(zone)) {
    // A fixed offset the page wrote elsewhere: append it, so the parser reads the wall time in it.
    const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?$/.exec(v);
    iso = local ? parseDate(`${local[1]}T${local[2]}${zone}`, 'UTC') : /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDate(`${v}T00:00:00${zone}`, 'UTC') : parseDate(v, offsetZone(zone));
  } else {
    iso = parseDate(v, zone);
  }
  if (!iso) return null;
  const t = Date.parse(iso);
  // A publication date before the web or days ahead of now is a misparse (or a placeholder such as 1970-01-01).
  if (t < Date.UTC(1990, 0, 1) || (now && t > now.getTime() + 2 * 86_400_000)) return null;
  return { iso, zoned };
}

/** An IANA zone for a whole-hour offset (Etc/GMT signs are inverted); UTC for other offsets. */
function offsetZone(offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset)!;
  const h = +m[2]!;
  if (m[3] !== '00' || h > 12) return 'UTC';
  return h === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${h}`;
}

// "Published 18 November 2019", "Posted: Nov. 18, 2019 10:00 AM ET", "公開日：2019年11月18日", "입력 2019.11.18 10:00", "配信"
const PUBLISHED_WORDS = /^\s*(?:published|posted|first published|publication date|date|公開日?|掲載日?|配信日?|投稿日?|発行日?|入力|입력|기사\s*입력|등록(?:일)?|작성(?:일)?|송고)\s*(?:on|at)?\s*[:：]?\s*/i;
const UPDATED_WORDS = /^\s*(?:updated|last updated|modified|更新日?|最終更新|수정(?:일)?|업데이트)\b/i;
const DATE_ONLY = /^[\s(（[]*(?:(?:19|20)\d{2}[年년./-]\s*\d{1,2}[月월./-]\s*\d{1,2}[日일.]?|(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}?,?\s*(?:19|20)\d{2}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d{2})/;

/**
 * A dateline among short lines near the top of the text or the dropped
 * byline: "Published …", "公開日 …", "입력 …", or a line that is only a date.
 * A line that says "Updated" is not the publication date.
 *
 * @example
 * datelineDate(['입력 2019.11.18 10:00 | 수정 2019.11.18 11:30'], 'Asia/Seoul') // '2019-11-18T01:00:00.000Z'
 */
export function datelineDate(lines: readonly string[], zone: string, now?: Date): string | null {
  // A line that says "published" outranks one that is only a date, wherever it stands.
  for (const pass of ['published', 'plain'] as const) {
    for (const raw of lines) {
      const iso = datelineOf(raw, pass, zone, now);
      if (iso) return iso;
    }
  }
  return null;
}

function datelineOf(raw: string, pass: 'published' | 'plain', zone: string, now?: Date): string | null {
  {
    const line = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (line.length > 140) return null;
    let rest: string | null = null;
    // "입력 2024.03.27 14:22 수정 …", "公開日：…": the words may also follow a name ("정민지 기자 입력 …").
    const words = PUBLISHED_WORDS.exec(line) ?? PUBLISHED_INSIDE.exec(line);
    if (pass === 'published') {
      if (!words || !words[0].trim()) return null;
      rest = line.slice(words.index + words[0].length);
    } else {
      if (UPDATED_WORDS.test(line)) return null;
      if (DATE_ONLY.test(line) && line.length <= 60) rest = line;
      else {
        // "By Jane Doe | November 18, 2019" or "社会部 山田太郎 2019年11月18日 10:00": a byline with its date.
        if (line.length <= 100) rest = bylineDate(line);
      }
    }
    if (!rest) return null;
    // Keep only the first date of "입력 … 수정 …", "Published … Updated …".
    // (Cut at the first marker; the spaces before it go with the trim below.)
    const cut = rest.search(/[|｜]|\b(?:updated|modified)\b|수정|업데이트|更新/i);
    const first = cut < 0 ? rest : rest.slice(0, cut);
    const d = readDate(first.replace(/[()（）[\]]/g, ' ').trim(), zone, now);
    return d ? d.iso : null;
  }
}

// A date after a separator (or opening the line) runs to the end of the line: the line is
// whitespace-collapsed, so it holds no line break and `.*$` always held; the regex leaves it out.
const BYLINE_DATE = /(^|[|｜·•,]\s*)(?:(?:19|20)\d{2}[年년./-]\s*\d{1,2}[月월./-]\s*\d{1,2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*(?:19|20)\d{2})/;
const CJK_DATE = /(?:^|\s)((?:19|20)\d{2}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일])/g;

/**
 * The date in a byline, from where it starts to the end of the line, for a whitespace-collapsed line:
 * a date after a separator, else "2019年11月18日" with at most 20 characters after it.
 *
 * @example
 * bylineDate('By Jane Doe | November 18, 2019 10:00') // 'November 18, 2019 10:00'
 */
export function bylineDate(line: string): string | null {
  const m = BYLINE_DATE.exec(line);
  if (m) return line.slice(m.index + m[1]!.length);
  for (const c of line.matchAll(CJK_DATE)) if (line.length - (c.index + c[0].length) <= 20) return c[1]! + line.slice(c.index + c[0].length);
  return null;
}

const PUBLISHED_INSIDE = /(?:^|\s)(?:입력|기사\s*입력|등록|송고|公開日?|配信日?|掲載日?|published|posted)\s*(?:[:：]\s*)?(?=(?:19|20)\d{2}|[A-Z][a-z]{2,8}\.?\s+\d)/i;
