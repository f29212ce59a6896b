/**
 * The page corpus (fixtures/pages/<slug>/): saved web pages with a
 * hand-checked body, read by tests/pages.test.ts, `npm run eval -- extraction`
 * and `npm run add-page`. Each folder holds
 *
 *   source.html    the page as saved
 *   expected.txt   the article body, one paragraph per blank-line-separated block, checked by hand
 *   meta.json      what the page must give: see PageMeta
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { StageContext } from '../../src/context.js';
import { localDocument } from '../../src/fetch/local.js';
import { prepare } from '../../src/pipeline.js';
import type { Outcome } from '../../src/outcome.js';
import type { Cleaned, RawDocument } from '../../src/records.js';

export const PAGES = join(import.meta.dirname, '..', '..', 'fixtures', 'pages');

export const PageMeta = z.object({
  /** The address the page was saved from (base for links; its domain and path carry zone and date clues). */
  url: z.string().nullable(),
  /** What kind of page: feature, live-blog, photo-story, table, paywall, amp, gate, … */
  kind: z.string(),
  /** `article`: kiji keeps it; `unsupported-language`: a clear skip; `not-an-article`: rejected (sanity). */
  expect: z.enum(['article', 'unsupported-language', 'not-an-article']),
  /** The language kiji must decide (ja, ko, en), or the one it must name when it skips (de, pt, zh-Hant …). */
  lang: z.string(),
  title: z.string().nullable(),
  /** ISO 8601 in UTC, or null: the page states no date and must stay undated. */
  publishedAt: z.string().nullable(),
  /** What the page is there to show (the rule it exercises). */
  notes: z.string(),
  /** Optional: Content-Language the server sent, as the fetch side would record it. */
  httpLanguage: z.string().optional(),
  /** Optional: chrome that must be reported in `dropped` with this rule (text is a part of what is dropped). */
  drops: z.array(z.object({ text: z.string(), rule: z.string() })).optional(),
});
export type PageMeta = z.infer<typeof PageMeta>;

export interface PageCase {
  slug: string;
  dir: string;
  html: string;
  expected: string;
  meta: PageMeta;
}

/** Every page of the corpus, by slug. */
export function listPages(root = PAGES): PageCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'meta.json')))
    .map((d) => {
      const dir = join(root, d.name);
      return {
        slug: d.name,
        dir,
        html: readFileSync(join(dir, 'source.html'), 'utf8'),
        expected: existsSync(join(dir, 'expected.txt')) ? readFileSync(join(dir, 'expected.txt'), 'utf8') : '',
        meta: PageMeta.parse(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))),
      };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The RawDocument a fetch of this page would give. */
export function pageDocument(html: string, meta: Pick<PageMeta, 'url' | 'httpLanguage'>, ctx: StageContext, uri: string): RawDocument {
  const raw = localDocument(html, 'html', { kind: 'file', uri }, ctx);
  return {
    ...raw,
    meta: { ...raw.meta, url: meta.url },
    ...(meta.httpLanguage ? { languageSignals: [{ source: 'http' as const, value: meta.httpLanguage }] } : {}),
  };
}

/** extract → normalise → tokenize → dedupe on one page: the cleaned text or the skip. */
export function runPage(page: Pick<PageCase, 'html' | 'meta' | 'slug'>, ctx: StageContext): Promise<Outcome<Cleaned>> {
  return prepare(pageDocument(page.html, page.meta, ctx, `fixtures/pages/${page.slug}/source.html`), ctx);
}

/** Lower-case NFKC words, every CJK character a word of its own (as the ScrapingHub benchmark tokenises, plus CJK). */
export function words(text: string): string[] {
  const out: string[] = [];
  const re =
    /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|(?:(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(re)) out.push(m[0]);
  return out;
}

/** Word-level precision, recall and F1 (multiset overlap of words). */
export function wordPrf(got: string, want: string): { p: number; r: number; f: number } {
  const count = (ws: string[]) => {
    const m = new Map<string, number>();
    for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const g = count(words(got));
  const w = count(words(want));
  let inter = 0;
  let gn = 0;
  let wn = 0;
  for (const v of g.values()) gn += v;
  for (const [k, v] of w) {
    wn += v;
    inter += Math.min(v, g.get(k) ?? 0);
  }
  if (gn === 0 && wn === 0) return { p: 1, r: 1, f: 1 };
  const p = gn === 0 ? 0 : inter / gn;
  const r = wn === 0 ? 0 : inter / wn;
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}
