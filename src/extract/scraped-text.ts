import { displayForm } from '../normalise/match-form.js';
import { parseDate } from '../time.js';
import { matchChrome } from './boilerplate.js';
import type { RawBlock } from './markdown.js';
import { isSeparator } from './markdown.js';

export interface ScrapedPage {
  title: string | null;
  siteName: string | null;
  author: string | null;
  publishedAt: string | null;
  /** Blocks in source order; `drop` set for chrome, with the rule that caught it. */
  blocks: (RawBlock & { drop: string | null })[];
}

// " - innovaTopia - (イノベトピア)", "| Tech Daily |", "― 한경닷컴 ―"
const SITE_LINE = /^\s*([-–—―|｜]\s*\S.{0,60}?\s*[-–—―|｜]\s*(\(.{1,30}\)|（.{1,30}）)?|[^\s|｜。.]{2,30}\s*[|｜]\s*[^|｜。.]{1,20})\s*$/;
// A dateline or byline on its own: "2025.10.31 14:02 | 김민수 기자", "Published Oct 31, 2025", "입력 2025-10-31"
const BYLINE = /^(\s*(published|updated|posted|입력|수정|업데이트|更新|公開|掲載|投稿日?)\s*[:：]?\s*)|(기자|특파원|記者|reporter|correspondent)\s*$|^by\s+[A-Z]/i;
const SENTENCE_END = /[。．.!?！？」』)]$/;
const REFERENCE_TITLE = /[(（](外部|external|외부)[)）]$/i;

/**
 * A plain-text scrape of a news page: a title line, maybe a site-name line,
 * maybe a byline or dateline, the body one paragraph per line, section
 * headings such as 【編集部解説】, and chrome (loading indicators, ads, share
 * buttons, author boxes, related lists) that is marked for dropping.
 *
 * @example
 * const page = scrapedText(body, 'Asia/Tokyo');
 * page.blocks.filter((b) => b.drop).map((b) => b.drop) // ['site-name', 'author-box', 'loading', …]
 */
export function scrapedText(body: string, timeZone: string): ScrapedPage {
  const lines = body.split(/\r?\n/).map((l) => l.trimEnd());
  // Group into blocks of consecutive non-blank lines: chrome that takes its block needs them.
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l.trim()) cur.push(l.trim());
    else if (cur.length) (groups.push(cur), (cur = []));
  }
  if (cur.length) groups.push(cur);
  const flat = groups.flatMap((g, gi) => g.map((line, li) => ({ line, gi, li })));

  const page: ScrapedPage = { title: null, siteName: null, author: null, publishedAt: null, blocks: [] };
  const titleAt = findTitle(flat.map((f) => f.line));
  let seenBody = false;
  for (let k = 0; k < flat.length; k++) {
    const { line, gi, li } = flat[k]!;
    const group = groups[gi]!;
    if (k === titleAt) {
      page.title = displayForm(line);
      continue;
    }
    if (!seenBody && k < titleAt && page.siteName === null && (SITE_LINE.test(line) || isSiteName(line))) {
      page.siteName = siteNameOf(line);
      page.blocks.push({ text: line, kind: 'paragraph', drop: 'site-name' });
      continue;
    }
    if (!seenBody && k > titleAt && page.siteName === null && SITE_LINE.test(line)) {
      page.siteName = siteNameOf(line);
      page.blocks.push({ text: line, kind: 'paragraph', drop: 'site-name' });
      continue;
    }
    const inHead = !seenBody || k <= titleAt + 4;
    if (inHead && line.length <= 120 && (BYLINE.test(line) || (k > titleAt && k <= titleAt + 3 && isCredit(line)))) {
      page.publishedAt ??= parseDate(line, timeZone);
      const by = /([\p{L}·]{2,10})\s*(기자|특파원|記者)\s*$/u.exec(line) ?? /^by\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})/i.exec(line) ?? /^([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,2}),\s/.exec(line);
      page.author ??= by ? by[1]!.trim() : null;
      page.blocks.push({ text: line, kind: 'paragraph', drop: 'byline' });
      continue;
    }
    if (inHead && line.length <= 60 && parseDate(line, timeZone) && !/[。.]$/.test(line)) {
      page.publishedAt ??= parseDate(line, timeZone);
      page.blocks.push({ text: line, kind: 'paragraph', drop: 'dateline' });
      continue;
    }
    const rule = matchChrome(line);
    if (rule || (k < titleAt && !seenBody)) {
      // Whatever precedes the headline is masthead and menus.
      const name = rule?.name ?? 'masthead';
      page.blocks.push({ text: line, kind: 'paragraph', drop: name });
      if (rule?.takesBlock) {
        const rest = group.slice(li + 1);
        if (rule.name === 'author-box' && rest[0] && rest[0].length <= 40) page.author ??= rest[0];
        for (const r of rest) page.blocks.push({ text: r, kind: 'paragraph', drop: matchChrome(r)?.name ?? rule.name });
        k += rest.length;
      }
      continue;
    }
    if (k > titleAt) seenBody = true;
    if (isSeparator(line)) {
      page.blocks.push({ text: line, kind: 'paragraph', drop: null });
      continue;
    }
    const next = flat[k + 1]?.line ?? '';
    page.blocks.push({ text: displayForm(line), kind: kindOf(line, next), drop: null });
  }
  return page;
}

/**
 * The headline among the first lines: skip menus, bylines and chrome; take the
 * first line long enough to be a headline and not a sentence, else the first
 * line that is not chrome.
 */
function findTitle(lines: string[]): number {
  const head = Math.min(lines.length, 15);
  let fallback = -1;
  for (let k = 0; k < head; k++) {
    const l = lines[k]!;
    if (matchChrome(l) || BYLINE.test(l) || SITE_LINE.test(l)) continue;
    if (isBodyLike(l) && fallback >= 0) break;
    if (fallback < 0) fallback = k;
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(l);
    if (l.length >= (cjk ? 12 : 30) && !/[.。]$/.test(l) && !isSiteName(l)) return k;
  }
  return fallback >= 0 ? fallback : 0;
}

// "Hannah Cho, Pacific Markets Daily": a name and an outlet, right under the headline.
const isCredit = (l: string) => l.length <= 60 && /^[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){1,2},\s+[A-Z][\w&' -]+$/.test(l);
const isBodyLike = (l: string) => l.length >= 100 && /[。.!?！？」"”]$/.test(l);
// A masthead: a few capitalised words or a short CJK name, nothing else.
const isSiteName = (l: string) => l.length <= 40 && !/[。.!?！？,、]/.test(l) && (/^[A-Z][\w&'-]*(?:\s[A-Z][\w&'-]*){0,4}\s?$/.test(l) || /^[\p{L}\s]{2,15}$/u.test(l));
// By hand, not with /[\s-|]+$/ and the like: a site line may carry any amount of padding, and those
// patterns are quadratic on it.
const SEPARATORS = '-–—―|｜';
const isEdge = (c: string) => SEPARATORS.includes(c) || /\s/.test(c);
function siteNameOf(line: string): string | null {
  let a = 0;
  let b = line.length;
  while (a < b && isEdge(line[a]!)) a++;
  while (b > a && isEdge(line[b - 1]!)) b--;
  let s = line.slice(a, b);
  // A trailing " - (note)" or " | （注）": the first separator followed only by a bracketed note.
  for (let k = 0; k < s.length; k++) {
    if (!SEPARATORS.includes(s[k]!)) continue;
    let q = k + 1;
    while (q < s.length && /\s/.test(s[q]!)) q++;
    const last = s[s.length - 1];
    const note = s.length - q >= 3 && ((s[q] === '(' && last === ')') || (s[q] === '（' && last === '）'));
    if (note) {
      s = s.slice(0, k);
      break;
    }
  }
  const bar = s.search(/[|｜]/);
  if (bar >= 0) s = s.slice(0, bar);
  return s.trim() || null;
}

function kindOf(line: string, next: string): RawBlock['kind'] {
  const t = line.trim();
  if (/^【[^】]{1,30}】$/.test(t) || /^#{1,6}\s/.test(t) || /^\*\*.+\*\*$/.test(t) || /^■|^◆|^▶|^\[[^\]]{1,30}\]$/.test(t)) return 'heading';
  if (REFERENCE_TITLE.test(t) || /^([-*•・]|\d{1,2}[.)])\s/.test(t)) return 'list';
  if (/^["“「『]/.test(t) && /["”」』]$/.test(t)) return 'quote';
  // A short line without closing punctuation, followed by a longer one, titles what follows.
  if (t.length <= 50 && !SENTENCE_END.test(t) && next.length > t.length * 1.5 && !/[、，,]$/.test(t) && !REFERENCE_TITLE.test(next.trim())) return 'heading';
  return 'paragraph';
}
