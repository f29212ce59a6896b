/**
 * Main-text extraction quality: kiji against @mozilla/readability (on
 * linkedom), in the same run, scored the same way for both, on two sets:
 *
 *  - the readability test pages of the shared corpus: shingle (word 4-gram;
 *    CJK character 4-gram) and word-level precision, recall and F1 of the
 *    extracted text against the text of expected.html (readability's own
 *    output, so readability scores ~100 there by construction). Photo
 *    captions are left out of both sides: kiji drops them by design.
 *  - kiji's page corpus (fixtures/pages): hand-checked bodies of ja/ko/en
 *    pages, scored on what kiji would store (extract → dedupe), plus the
 *    language gate, titles and dates against meta.json.
 *
 * Per-page scores are macro-averaged. Milliseconds per page are printed for
 * both extractors (not floors: lower is better there).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { loadConfig } from '../../../src/config/load.js';
import { createContext } from '../../../src/context.js';
import { CAPTION_MARKS } from '../../../src/extract/html/content.js';
import { extractHtml } from '../../../src/extract/html/index.js';
import { decideLanguage } from '../../../src/language/decide.js';
import { createLogger } from '../../../src/log.js';
import { listPages, runPage, wordPrf } from '../../../tests/support/pages.js';
import { ngramCounts, overlap, type Prf } from '../metrics.js';

/** The folder under the corpus this suite reads (its hash is recorded with the floors). */
export const corpusDir = 'extraction/readability';

export interface PageScore {
  name: string;
  group: string;
  kiji: Prf;
  readability: Prf;
  kijiWords: Prf;
  readabilityWords: Prf;
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
  $('script, style, noscript, figcaption').remove();
  // Captions and credits are not article text for kiji (rule `caption`): out of the gold and of every side.
  $('[class]').each((_, el) => {
    if ('attribs' in el && CAPTION_MARKS.test(el.attribs.class ?? '') && $(el).closest('table').length === 0) $(el).remove();
  });
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

/** Readability on linkedom, loaded lazily: both are dev dependencies for this comparison only. */
export async function readabilitySide(): Promise<(html: string, url: string) => string> {
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  type Doc = ConstructorParameters<typeof Readability>[0];
  return (html) => {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Doc).parse();
    return article?.content ? htmlText(article.content) : '';
  };
}

export interface Page {
  name: string;
  source: string;
  expected: string;
  lang: string | null;
  /** Lines the source page marks as photo captions (figcaption, caption/credit classes). */
  captions?: Set<string>;
}

/**
 * The caption lines of a source page. readability keeps captions (and may
 * re-tag a `<div class="media-caption">` as a `<p>`), kiji drops them by design
 * (rule `caption`): so lines the source marks as captions are left out of the
 * gold and of every side's output.
 */
export function captionLines(sourceHtml: string): Set<string> {
  const $ = load(sourceHtml);
  const out = new Set<string>();
  $('figcaption, [class]').each((_, el) => {
    if (!('attribs' in el)) return;
    if (el.name !== 'figcaption' && !CAPTION_MARKS.test(el.attribs.class ?? '')) return;
    if ($(el).closest('table').length > 0) return;
    const t = $(el).text().replace(/\s+/g, ' ').trim();
    if (t) out.add(t);
  });
  return out;
}

export function withoutCaptions(text: string, captions: Set<string> | undefined): string {
  if (!captions || captions.size === 0) return text;
  return text
    .split('\n')
    .filter((l) => !captions.has(l.replace(/\s+/g, ' ').trim()))
    .join('\n');
}

export function loadPages(corpus: string): Page[] {
  const dir = join(corpus, 'extraction', 'readability');
  if (!existsSync(dir)) throw new Error(`eval: no extraction corpus at ${dir}`);
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(join(dir, name, 'expected.html')))
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { lang?: string | null };
      const source = readFileSync(join(dir, name, 'source.html'), 'utf8');
      return {
        name,
        source,
        expected: withoutCaptions(htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8')), captionLines(source)),
        lang: meta.lang ?? null,
        captions: captionLines(source),
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

export interface Timings {
  kijiMs: number;
  readabilityMs: number;
  pages: number;
}

export async function scorePages(corpus: string, timings?: Timings): Promise<PageScore[]> {
  const pages = [...loadPages(corpus), ...ownPages()];
  const readability = await readabilitySide();
  return pages.map((page) => {
    let t = performance.now();
    const ours = kijiText(page.source, URL_BASE);
    const kijiMs = performance.now() - t;
    let theirs = '';
    t = performance.now();
    try {
      theirs = readability(page.source, URL_BASE);
    } catch {
      theirs = '';
    }
    const readabilityMs = performance.now() - t;
    if (timings) {
      timings.kijiMs += kijiMs;
      timings.readabilityMs += readabilityMs;
      timings.pages++;
    }
    return {
      name: page.name,
      group: page.name.startsWith('kiji/') ? `kiji-${group(page.expected, page.lang)}` : group(page.expected, page.lang),
      kiji: prf(ours, page.expected),
      readability: prf(withoutCaptions(theirs, page.captions), page.expected),
      kijiWords: wordPrf(ours, page.expected),
      readabilityWords: wordPrf(withoutCaptions(theirs, page.captions), page.expected),
    };
  });
}

/**
 * The language gate on the readability pages: each page's extracted text and
 * declared languages through decideLanguage. Pages whose expected metadata
 * names a language other than ja/ko/en must not come out as a supported one.
 */
export function gateOnCorpus(corpus: string): { foreign: number; storedAsEn: string[] } {
  const dir = join(corpus, 'extraction', 'readability');
  let foreign = 0;
  const storedAsEn: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!existsSync(join(dir, name, 'expected-metadata.json'))) continue;
    const declared = (JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as { lang?: string | null }).lang ?? null;
    const primary = (declared ?? '').toLowerCase().slice(0, 2);
    const expected = htmlText(readFileSync(join(dir, name, 'expected.html'), 'utf8'));
    const g = group(expected, declared);
    // Foreign: declared so, or plainly not Latin/CJK-supported text (Chinese, right-to-left).
    const isForeign = (primary && !['en', 'ja', 'ko'].includes(primary)) || g === 'zh' || g === 'rtl';
    if (!isForeign) continue;
    foreign++;
    const h = extractHtml(readFileSync(join(dir, name, 'source.html'), 'utf8'), { baseUrl: URL_BASE });
    const d = decideLanguage({ texts: h.blocks.map((b) => b.text), title: h.title, signals: h.languageSignals });
    if (d.kind === 'supported') storedAsEn.push(`${name} (${declared ?? g} → ${d.lang})`);
  }
  return { foreign, storedAsEn };
}

export interface CorpusPageScore {
  slug: string;
  lang: string;
  expect: string;
  kiji: Prf;
  readability: Prf;
  kijiShingle: Prf;
  titleOk: boolean;
  dateOk: boolean;
  gateOk: boolean;
  outcome: string;
  undated: boolean;
  kijiMs: number;
  readabilityMs: number;
}

/** kiji's page corpus: extract → dedupe per page, beside readability, with the gate, titles and dates. */
export async function scoreOwnCorpus(): Promise<CorpusPageScore[]> {
  const pages = listPages();
  if (pages.length === 0) return [];
  const readability = await readabilitySide();
  const ctx = createContext(loadConfig({ file: null, env: {}, cwd: process.cwd() }), {
    log: createLogger({ level: 'silent' }),
    clock: () => new Date('2026-01-01T00:00:00Z'),
  });
  const out: CorpusPageScore[] = [];
  for (const page of pages) {
    const url = page.meta.url ?? URL_BASE;
    let t = performance.now();
    extractHtml(page.html, { baseUrl: url });
    const kijiMs = performance.now() - t;
    const result = await runPage(page, ctx);
    t = performance.now();
    let theirs = '';
    try {
      theirs = readability(page.html, url);
    } catch {
      theirs = '';
    }
    const readabilityMs = performance.now() - t;
    const m = page.meta;
    const ok = result.kind === 'ok' ? result.value : null;
    const gateOk =
      m.expect === 'article'
        ? ok !== null && ok.lang === m.lang
        : m.expect === 'unsupported-language'
          ? result.kind === 'skip' && result.reason === 'unsupported-language' && result.detail.includes(`(${m.lang})`)
          : result.kind === 'skip' && result.reason === 'not-an-article';
    out.push({
      slug: page.slug,
      lang: m.expect === 'article' ? m.lang : 'gate',
      expect: m.expect,
      kiji: m.expect === 'article' ? wordPrf(ok?.text ?? '', page.expected) : { p: 1, r: 1, f: 1 },
      readability: m.expect === 'article' ? wordPrf(theirs, page.expected) : { p: 1, r: 1, f: 1 },
      kijiShingle: m.expect === 'article' ? prf(ok?.text ?? '', page.expected) : { p: 1, r: 1, f: 1 },
      titleOk: m.expect !== 'article' || (ok?.title ?? null) === m.title,
      dateOk: m.expect !== 'article' || (ok?.publishedAt ?? null) === m.publishedAt,
      gateOk,
      outcome: result.kind === 'ok' ? `ok ${result.value.lang}` : `${result.reason}: ${result.detail.replace(/^.*?: /, '')}`,
      undated: ok !== null && ok.publishedAt === null,
      kijiMs,
      readabilityMs,
    });
  }
  return out;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/**
 * @example
 * const { metrics, table } = await run({ corpus: '../shared/corpus' });
 * console.log(table); metrics.f1; // kiji's macro F1, 0..1
 */
export async function run(opts: { corpus: string; verbose?: boolean }): Promise<{ metrics: Record<string, number>; table: string }> {
  const timings: Timings = { kijiMs: 0, readabilityMs: 0, pages: 0 };
  const scores = await scorePages(opts.corpus, timings);
  const groups = ['all', ...[...new Set(scores.map((s) => s.group))].sort()];
  const inAll = (s: PageScore) => !s.group.startsWith('kiji-');
  const lines = [
    'extraction: readability test pages (shingle and word P/R/F1 vs expected.html without captions, macro-averaged; kiji | readability+linkedom)',
    `${'group'.padEnd(12)} ${'pages'.padStart(5)}   ${'kiji P'.padStart(6)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'wF1'.padStart(5)}   ${'read. P'.padStart(7)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'wF1'.padStart(5)}`,
  ];
  const metrics: Record<string, number> = {};
  for (const g of groups) {
    // "all" is the readability corpus only; kiji's own pages are reported on their own.
    const rows = g === 'all' ? scores.filter(inAll) : scores.filter((s) => s.group === g);
    const k = avg(rows.map((r) => r.kiji));
    const r = avg(rows.map((x) => x.readability));
    const kw = avg(rows.map((x) => x.kijiWords));
    const rw = avg(rows.map((x) => x.readabilityWords));
    lines.push(
      `${g.padEnd(12)} ${String(rows.length).padStart(5)}   ${pct(k.p).padStart(6)} ${pct(k.r)} ${pct(k.f)} ${pct(kw.f)}   ${pct(r.p).padStart(7)} ${pct(r.r)} ${pct(r.f)} ${pct(rw.f)}`,
    );
    const key = g === 'all' ? '' : `${g}.`;
    metrics[`${key}precision`] = round(k.p);
    metrics[`${key}recall`] = round(k.r);
    metrics[`${key}f1`] = round(k.f);
    metrics[`${key}readability_f1`] = round(r.f);
    metrics[`${key}word.precision`] = round(kw.p);
    metrics[`${key}word.recall`] = round(kw.r);
    metrics[`${key}word.f1`] = round(kw.f);
    metrics[`${key}readability_word_f1`] = round(rw.f);
  }
  metrics.f1_minus_readability = round(metrics.f1! - metrics.readability_f1!);
  lines.push(`ms/page: kiji ${(timings.kijiMs / timings.pages).toFixed(1)} · readability+linkedom ${(timings.readabilityMs / timings.pages).toFixed(1)} (${timings.pages} pages)`);

  const gate = gateOnCorpus(opts.corpus);
  lines.push(`language gate: ${gate.foreign} pages not in ja/ko/en; kept as a supported language: ${gate.storedAsEn.length}${gate.storedAsEn.length ? ` (${gate.storedAsEn.join(', ')})` : ''}`);
  metrics['gate.accuracy'] = round(gate.foreign === 0 ? 1 : 1 - gate.storedAsEn.length / gate.foreign);

  const own = await scoreOwnCorpus();
  if (own.length > 0) {
    const articles = own.filter((o) => o.expect === 'article');
    lines.push('', `page corpus (fixtures/pages, hand-checked bodies; word P/R/F1 of what kiji stores | readability+linkedom): ${own.length} pages`);
    lines.push(`${'lang'.padEnd(12)} ${'pages'.padStart(5)}   ${'kiji P'.padStart(6)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   ${'read. P'.padStart(7)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`);
    for (const lang of ['all', 'en', 'ja', 'ko']) {
      const rows = lang === 'all' ? articles : articles.filter((o) => o.lang === lang);
      if (rows.length === 0) continue;
      const k = avg(rows.map((x) => x.kiji));
      const r = avg(rows.map((x) => x.readability));
      lines.push(`${lang.padEnd(12)} ${String(rows.length).padStart(5)}   ${pct(k.p).padStart(6)} ${pct(k.r)} ${pct(k.f)}   ${pct(r.p).padStart(7)} ${pct(r.r)} ${pct(r.f)}`);
      const key = lang === 'all' ? 'pages.' : `pages.${lang}.`;
      metrics[`${key}word.precision`] = round(k.p);
      metrics[`${key}word.recall`] = round(k.r);
      metrics[`${key}word.f1`] = round(k.f);
      metrics[`${key}readability_word_f1`] = round(r.f);
    }
    metrics['pages.shingle.f1'] = round(avg(articles.map((x) => x.kijiShingle)).f);
    const foreign = own.filter((o) => o.expect === 'unsupported-language');
    const storedAsEn = foreign.filter((o) => o.outcome.startsWith('ok'));
    const rejected = own.filter((o) => o.outcome.startsWith('not-an-article'));
    const kMs = own.reduce((n, o) => n + o.kijiMs, 0) / own.length;
    const rMs = own.reduce((n, o) => n + o.readabilityMs, 0) / own.length;
    lines.push(
      `gate: ${foreign.length} non-ja/ko/en pages, stored as en: ${storedAsEn.length}; gate right on ${own.filter((o) => o.gateOk).length}/${own.length} pages`,
      `sanity rejections: ${rejected.length} (${rejected.map((o) => o.slug).join(', ') || 'none'}); undated articles: ${articles.filter((o) => o.undated).length}/${articles.length}`,
      `titles right: ${articles.filter((o) => o.titleOk).length}/${articles.length}; dates right (incl. undated): ${articles.filter((o) => o.dateOk).length}/${articles.length}`,
      `ms/page: kiji extractHtml ${kMs.toFixed(1)} · readability+linkedom ${rMs.toFixed(1)}`,
    );
    metrics['pages.gate_accuracy'] = round(own.filter((o) => o.gateOk).length / own.length);
    metrics['pages.title_accuracy'] = round(articles.filter((o) => o.titleOk).length / Math.max(1, articles.length));
    metrics['pages.date_accuracy'] = round(articles.filter((o) => o.dateOk).length / Math.max(1, articles.length));
    if (opts.verbose) {
      lines.push('', 'page corpus, per page:');
      for (const o of own)
        lines.push(`  ${o.slug.padEnd(36)} ${pct(o.kiji.f)} | ${pct(o.readability.f)}  ${o.titleOk ? '' : 'TITLE '}${o.dateOk ? '' : 'DATE '}${o.gateOk ? '' : 'GATE '}${o.outcome.slice(0, 90)}`);
    }
  }
  if (opts.verbose) {
    lines.push('', 'per page (kiji F1 | readability F1):');
    for (const s of scores)
      lines.push(`  ${s.name.padEnd(40)} ${s.group.padEnd(11)} ${pct(s.kiji.f)} (P${pct(s.kiji.p)} R${pct(s.kiji.r)}) | ${pct(s.readability.f)}`);
  }
  return { metrics, table: lines.join('\n') };
}

function avg(xs: Prf[]): Prf {
  return { p: mean(xs.map((x) => x.p)), r: mean(xs.map((x) => x.r)), f: mean(xs.map((x) => x.f)) };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
