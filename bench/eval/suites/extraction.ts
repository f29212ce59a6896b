/**
 * Main-text extraction quality: kiji's extractHtml against @mozilla/readability
 * (on jsdom) over the readability test pages, scored the same way for both:
 * shingle (word 4-gram; CJK character 4-gram) precision, recall and F1 of the
 * extracted text against the text of expected.html. Per-page scores are
 * macro-averaged, overall and per script group of the expected text.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { extractHtml } from '../../../src/extract/html/index.js';
import { ngramCounts, overlap, type Prf } from '../metrics.js';

/** The folder under the corpus this suite reads (its hash is recorded with the floors). */
export const corpusDir = 'extraction/readability';

export interface PageScore {
  name: string;
  group: string;
  kiji: Prf;
  readability: Prf;
}
const N = 4;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Lower-case NFKC words, with every CJK character a word of its own. */
export function words(text: string): string[] {
  const out: string[] = [];
  const re =
    /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(re)) out.push(m[0]);
  return out;
}

function shingles(text: string): Map<string, number> {
  const w = words(text);
  return ngramCounts(w, Math.min(N, w.length));
}

/** Precision/recall/F1 of the multiset of shingles of `got` against `want`. */
export function prf(got: string, want: string): Prf {
  return overlap(shingles(got), shingles(want));
}

const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'td', 'th',
  'br', 'figcaption', 'dt', 'dd', 'table', 'ul', 'ol',
]);

/** Text of an HTML fragment with line breaks at block boundaries (the same for every side). */
export function htmlText(html: string): string {
  const $ = load(html);
  $('script, style, noscript').remove();
  $('*').each((_, el) => {
    if ('name' in el && BLOCKS.has(el.name)) $(el).before('\n').after('\n');
  });
  return ($.root().text() ?? '').replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/** The script group of a text: the corpus has English, other Latin-script and Chinese pages. */
export function group(text: string, declared: string | null): string {
  let cjk = 0;
  let kana = 0;
  let hangul = 0;
  let letters = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (/[\u3040-\u30ff]/.test(ch)) kana++;
    if (CJK.test(ch)) cjk++;
    else if (/[\uac00-\ud7af]/.test(ch)) hangul++;
    else if (/\p{L}/u.test(ch)) letters++;
  }
  const total = cjk + hangul + letters || 1;
  if (kana / total > 0.05) return 'ja';
  if (hangul / total > 0.3) return 'ko';
  if (cjk / total > 0.3) return 'zh';
  if (/[\u0590-\u06ff]/.test(text)) return 'rtl';
  const lang = (declared ?? '').toLowerCase().slice(0, 2);
  return lang && lang !== 'en' ? 'other-latin' : 'en';
}

export interface Side {
  name: string;
  /** Extract the main text of a page. */
  run: (html: string, url: string) => string;
}

export function kijiText(html: string, url: string): string {
  return extractHtml(html, { baseUrl: url })
    .blocks.map((b) => b.text)
    .join('\n');
}

/** Readability on jsdom, loaded lazily: it is a dev dependency for this comparison only. */
export async function readabilitySide(): Promise<(html: string, url: string) => string> {
  // jsdom ships no types and is only a dev dependency: a narrow local shape is enough.
  const jsdomName = 'jsdom';
  const { Readability } = await import('@mozilla/readability');
  type Doc = ConstructorParameters<typeof Readability>[0];
  const { JSDOM, VirtualConsole } = (await import(jsdomName)) as {
    JSDOM: new (html: string, opts: { url: string; virtualConsole: unknown }) => { window: { document: Doc; close(): void } };
    VirtualConsole: new () => unknown;
  };
  const quiet = new VirtualConsole();
  return (html, url) => {
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    dom.window.close();
    return article?.content ? htmlText(article.content) : '';
  };
}

export interface Page {
  name: string;
  source: string;
  expected: string;
  lang: string | null;
}

export function loadPages(corpus: string): Page[] {
  const dir = join(corpus, 'extraction', 'readability');
  if (!existsSync(dir)) throw new Error(`eval: no extraction corpus at ${dir}`);
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(join(dir, name, 'expected.html')))
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { lang?: string | null };
      return {
        name,
        source: readFileSync(join(dir, name, 'source.html'), 'utf8'),
        expected: htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8')),
        lang: meta.lang ?? null,
      };
    });
}

const URL_BASE = 'http://fakehost/test/page.html';

/**
 * kiji's own ja/ko/en test pages with hand-written expected text: the only
 * Japanese and Korean pages here, and the only gold not produced by
 * readability itself. Written by kiji's authors, so read them as a check on
 * CJK handling, not as a neutral benchmark.
 */
export function ownPages(): Page[] {
  const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'extract', 'html', 'testdata');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.expected.txt'))))
    .sort()
    .map((f) => ({
      name: `kiji/${f.replace(/\.html$/, '')}`,
      source: readFileSync(join(dir, f), 'utf8'),
      expected: readFileSync(join(dir, f.replace(/\.html$/, '.expected.txt')), 'utf8'),
      lang: f.slice(0, 2),
    }));
}

export async function scorePages(corpus: string): Promise<PageScore[]> {
  const pages = [...loadPages(corpus), ...ownPages()];
  const readability = await readabilitySide();
  return pages.map((page) => {
    const ours = kijiText(page.source, URL_BASE);
    let theirs = '';
    try {
      theirs = readability(page.source, URL_BASE);
    } catch {
      theirs = '';
    }
    return {
      name: page.name,
      group: page.name.startsWith('kiji/') ? `kiji-${group(page.expected, page.lang)}` : group(page.expected, page.lang),
      kiji: prf(ours, page.expected),
      readability: prf(theirs, page.expected),
    };
  });
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/**
 * @example
 * const { metrics, table } = await run({ corpus: '../shared/corpus' });
 * console.log(table); metrics.f1; // kiji's macro F1, 0..1
 */
export async function run(opts: { corpus: string; verbose?: boolean }): Promise<{ metrics: Record<string, number>; table: string }> {
  const scores = await scorePages(opts.corpus);
  const groups = ['all', ...[...new Set(scores.map((s) => s.group))].sort()];
  const inAll = (s: PageScore) => !s.group.startsWith('kiji-');
  const lines = [
    'extraction (shingle P/R/F1 vs expected.html, macro-averaged; kiji | readability)',
    `${'group'.padEnd(12)} ${'pages'.padStart(5)}   ${'kiji P'.padStart(6)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   ${'read. P'.padStart(7)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`,
  ];
  const metrics: Record<string, number> = {};
  for (const g of groups) {
    // "all" is the readability corpus only; kiji's own pages are reported on their own.
    const rows = g === 'all' ? scores.filter(inAll) : scores.filter((s) => s.group === g);
    const k = { p: mean(rows.map((r) => r.kiji.p)), r: mean(rows.map((r) => r.kiji.r)), f: mean(rows.map((r) => r.kiji.f)) };
    const r = {
      p: mean(rows.map((x) => x.readability.p)),
      r: mean(rows.map((x) => x.readability.r)),
      f: mean(rows.map((x) => x.readability.f)),
    };
    lines.push(
      `${g.padEnd(12)} ${String(rows.length).padStart(5)}   ${pct(k.p).padStart(6)} ${pct(k.r)} ${pct(k.f)}   ${pct(r.p).padStart(7)} ${pct(r.r)} ${pct(r.f)}`,
    );
    const key = g === 'all' ? '' : `${g}.`;
    metrics[`${key}precision`] = round(k.p);
    metrics[`${key}recall`] = round(k.r);
    metrics[`${key}f1`] = round(k.f);
    metrics[`${key}readability_f1`] = round(r.f);
  }
  metrics.f1_minus_readability = round(metrics.f1! - metrics.readability_f1!);
  if (opts.verbose) {
    lines.push('', 'per page (kiji F1 | readability F1):');
    for (const s of scores)
      lines.push(`  ${s.name.padEnd(40)} ${s.group.padEnd(11)} ${pct(s.kiji.f)} (P${pct(s.kiji.p)} R${pct(s.kiji.r)}) | ${pct(s.readability.f)}`);
  }
  return { metrics, table: lines.join('\n') };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
