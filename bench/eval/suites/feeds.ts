/**
 * Feed reading quality over public parser test suites:
 * - feedparser's encoding and ill-formed feeds: each file states an
 *   expectation in a leading comment (`Header:` gives the Content-Type a
 *   server would send); we decode as fetchUrl would and parse with parseFeed,
 *   then check the clauses we can map (bozo, encoding, feed title, first
 *   entry's link/description/summary).
 * - rss-parser's input/output pairs: items, titles, links and dates.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFeed, type FeedDocument } from '../../../src/fetch/feed/index.js';
import { decodeBytes, type Decoded } from '../../../src/fetch/http/charset.js';

/** The folder under the corpus this suite reads (its hash is recorded with the floors). */
export const corpusDir = 'feeds';

interface Outcome {
  file: string;
  set: string;
  pass: boolean | null; // null: expectation not checkable here
  why: string;
}

const FAMILY: Record<string, string> = { gb2312: 'gb', gbk: 'gb', gb18030: 'gb', 'us-ascii': 'ascii', 'iso-8859-1': 'latin', 'windows-1252': 'latin' };

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.xml')) out.push(p);
  }
  return out;
}

/** A Python string literal from an Expect line ('…', with \u, \x and \' escapes). */
function pyString(lit: string): string {
  const body = lit.slice(lit.indexOf(lit.trim()[0] === 'u' ? lit.trim()[1]! : lit.trim()[0]!) + 1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e[0] === 'u' || (e[0] === 'x' && e.length === 3) ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' ? '\n' : e,
  );
}

function family(label: string): string {
  const l = label.toLowerCase();
  if (FAMILY[l]) return FAMILY[l]!;
  try {
    return FAMILY[new TextDecoder(l).encoding] ?? new TextDecoder(l).encoding;
  } catch {
    return l;
  }
}

function check(clause: string, ctx: { decoded: Decoded | null; feed: FeedDocument | null; failed: boolean }): boolean | null {
  const c = clause.trim();
  const bozo = ctx.failed || !ctx.feed?.wellFormed || (ctx.decoded?.overruled ?? null) !== null || (ctx.decoded?.source === 'sniffed' && ctx.decoded.charset !== 'utf-8' && /[^\x00-\x7f]/.test(ctx.decoded.text));
  if (c === 'bozo') return bozo;
  if (c === 'not bozo') return !bozo;
  let m = /^encoding == '([^']+)'$/.exec(c);
  if (m) {
    if (!ctx.decoded) return false;
    const want = family(m[1]!);
    const got = family(ctx.decoded.charset);
    // An ASCII-only document decodes identically as ASCII, Latin-1 or UTF-8.
    const ascii = !/[^\x00-\x7f]/.test(ctx.decoded.text);
    return want === got || (ascii && ['ascii', 'latin', 'utf-8'].includes(want) && ['ascii', 'latin', 'utf-8'].includes(got));
  }
  m = /^feed\['title'\] == (u?'.*')$/.exec(c);
  if (m) return ctx.feed?.title === pyString(m[1]!);
  m = /^entries\[0\](?:\.|\[')(link|description|summary)(?:'\])? == (u?'.*')$/.exec(c);
  if (m) {
    const item = ctx.feed?.items[0];
    if (!item) return false;
    const want = pyString(m[2]!);
    const got = m[1] === 'link' ? item.link : item.contentHtml ?? item.summary;
    return (got ?? '').trim() === want;
  }
  m = /^ord\(entries\[0\]\['description'\]\) == (\d+)$/.exec(c);
  if (m) return (ctx.feed?.items[0]?.contentHtml ?? '').trim().codePointAt(0) === Number(m[1]);
  return null;
}

async function feedparser(corpus: string): Promise<Outcome[]> {
  const dir = join(corpus, 'feeds', 'feedparser');
  const out: Outcome[] = [];
  for (const file of walk(dir)) {
    const bytes = readFileSync(file);
    const head = bytes.subarray(0, 2000).toString('latin1');
    const expect = /Expect:\s*(.+)/.exec(head)?.[1]?.trim();
    const set = file.includes('/illformed/') ? 'illformed' : 'encoding';
    if (!expect || /SkipUnless/.test(head) && /codecs/.test(head) === false && false) continue;
    const contentType = /Header:\s*Content-type:\s*(.+)/i.exec(head)?.[1]?.trim() ?? null;
    let decoded: Decoded | null = null;
    let feed: FeedDocument | null = null;
    let failed = false;
    try {
      decoded = decodeBytes(bytes, { contentType });
      feed = await parseFeed(decoded.text, { url: null, timeZone: 'UTC' });
    } catch {
      failed = true;
    }
    const results = expect.split(/\s+and\s+/).map((cl) => check(cl, { decoded, feed, failed }));
    const pass = results.some((r) => r === null) ? null : results.every(Boolean);
    out.push({ file: basename(file), set, pass, why: expect });
  }
  return out;
}

async function rssParserPairs(corpus: string): Promise<{ items: number; titles: number; links: number; dates: number; dated: number; feeds: number; feedsOk: number; failures: string[] }> {
  const dir = join(corpus, 'feeds', 'rss-parser');
  const acc = { items: 0, titles: 0, links: 0, dates: 0, dated: 0, feeds: 0, feedsOk: 0, failures: [] as string[] };
  for (const name of readdirSync(join(dir, 'input')).sort()) {
    const outFile = join(dir, 'output', name.replace(/\.[a-z]+$/, '.json'));
    if (!existsSync(outFile)) continue;
    const expected = JSON.parse(decodeBytes(readFileSync(outFile)).text) as { feed?: { title?: string; items?: Record<string, unknown>[] } };
    const want = expected.feed ?? (expected as { title?: string; items?: Record<string, unknown>[] });
    acc.feeds++;
    let feed: FeedDocument;
    try {
      feed = await parseFeed(decodeBytes(readFileSync(join(dir, 'input', name))).text, { url: null, timeZone: 'UTC' });
    } catch (err) {
      acc.failures.push(`${name}: ${(err as Error).message}`);
      continue;
    }
    const items = want.items ?? [];
    if (feed.items.length === items.length && (feed.title ?? '') === (want.title ?? '').replace(/\s+/g, ' ').trim()) acc.feedsOk++;
    items.forEach((w, i) => {
      const got = feed.items[i];
      acc.items++;
      const norm = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : null);
      if (got && norm(got.title) === norm(w.title)) acc.titles++;
      if (got && norm(got.link) === norm(w.link)) acc.links++;
      if (typeof w.isoDate === 'string') {
        acc.dated++;
        if (got?.publishedAt === w.isoDate) acc.dates++;
      }
    });
  }
  return acc;
}

/**
 * @example
 * const { metrics, table } = await run({ corpus: '../shared/corpus' });
 */
export async function run(opts: { corpus: string; verbose?: boolean }): Promise<{ metrics: Record<string, number>; table: string }> {
  const fp = await feedparser(opts.corpus);
  const rp = await rssParserPairs(opts.corpus);
  const rate = (xs: Outcome[]) => {
    const checked = xs.filter((x) => x.pass !== null);
    return { n: checked.length, ok: checked.filter((x) => x.pass).length, skipped: xs.length - checked.length };
  };
  const enc = rate(fp.filter((x) => x.set === 'encoding'));
  const ill = rate(fp.filter((x) => x.set === 'illformed'));
  const r = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
  const metrics = {
    'feedparser.encoding': r(enc.ok, enc.n),
    'feedparser.illformed': r(ill.ok, ill.n),
    'rssparser.titles': r(rp.titles, rp.items),
    'rssparser.links': r(rp.links, rp.items),
    'rssparser.dates': r(rp.dates, rp.dated),
    'rssparser.feeds': r(rp.feedsOk, rp.feeds),
  };
  const lines = [
    'feeds (expectations met / checkable)',
    `  feedparser encoding   ${enc.ok}/${enc.n}  (${enc.skipped} not checkable here)`,
    `  feedparser ill-formed ${ill.ok}/${ill.n}  (${ill.skipped} not checkable here)`,
    `  rss-parser feeds      ${rp.feedsOk}/${rp.feeds} same title and item count`,
    `  rss-parser items      titles ${rp.titles}/${rp.items}, links ${rp.links}/${rp.items}, dates ${rp.dates}/${rp.dated}`,
  ];
  if (opts.verbose) {
    for (const x of fp) if (x.pass === false) lines.push(`  FAIL ${x.set}/${x.file}: ${x.why}`);
    for (const f of rp.failures) lines.push(`  FAIL rss-parser ${f}`);
  }
  return { metrics, table: lines.join('\n') };
}
