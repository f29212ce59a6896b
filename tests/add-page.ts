/**
 * `npm run add-page -- saved.html body.txt [--slug SLUG] [--url URL] [--kind KIND] [--notes TEXT] [--force]`
 *
 * Turn a saved web page and its hand-checked article body into a case of the
 * page corpus (fixtures/pages/<slug>/: source.html, expected.txt, meta.json).
 * meta.json is filled with what kiji gives today (language or the language
 * it skips, title, date); read it and correct it by hand, since it is the
 * answer key, not a snapshot. The word-level F1 of today's extraction
 * against the body is printed so a gap is seen at once.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fixtureContext } from './support/fixtures.js';
import { PAGES, runPage, wordPrf, type PageMeta } from './support/pages.js';

const { values, positionals } = parseArgs({
  options: {
    slug: { type: 'string' },
    url: { type: 'string' },
    kind: { type: 'string' },
    notes: { type: 'string' },
    'http-language': { type: 'string' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
});

if (positionals.length !== 2) {
  console.error('usage: npm run add-page -- saved.html body.txt [--slug SLUG] [--url URL] [--kind KIND] [--notes TEXT] [--http-language TAG] [--force]');
  process.exit(2);
}
const [htmlPath, bodyPath] = positionals as [string, string];
for (const p of [htmlPath, bodyPath]) {
  if (!existsSync(p)) {
    console.error(`add-page: ${p}: no such file`);
    process.exit(2);
  }
}
const html = readFileSync(htmlPath, 'utf8');
// One paragraph per blank-line-separated block; lines inside a block are one paragraph.
const body = readFileSync(bodyPath, 'utf8')
  .replace(/\r\n?/g, '\n')
  .split(/\n\s*\n/)
  .map((p) => p.replace(/[ \t]+$/gm, '').trim())
  .filter(Boolean)
  .join('\n\n');

const ctx = fixtureContext();
const draft: PageMeta = {
  url: values.url ?? null,
  kind: values.kind ?? 'article',
  expect: 'article',
  lang: 'en',
  title: null,
  publishedAt: null,
  notes: values.notes ?? '',
  ...(values['http-language'] ? { httpLanguage: values['http-language'] } : {}),
};
const slugGuess = basename(htmlPath).replace(/\.[^.]+$/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
const out = await runPage({ html, meta: draft, slug: values.slug ?? slugGuess }, ctx);
if (out.kind === 'ok') {
  draft.lang = out.value.lang;
  draft.title = out.value.title || null;
  draft.publishedAt = out.value.publishedAt;
} else {
  draft.expect = out.reason === 'unsupported-language' ? 'unsupported-language' : 'not-an-article';
  // "…: not Japanese, Korean or English: German (de); …" → de
  draft.lang = /\(([a-zA-Z-]+)\);/.exec(out.detail)?.[1] ?? 'und';
}
const slug = values.slug ?? `${draft.lang.toLowerCase()}-${slugGuess}`;
const dir = join(PAGES, slug);
if (existsSync(dir) && !values.force) {
  console.error(`add-page: ${dir} exists (pass --force to replace it)`);
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
copyFileSync(htmlPath, join(dir, 'source.html'));
writeFileSync(join(dir, 'expected.txt'), draft.expect === 'article' ? body + '\n' : '');
writeFileSync(join(dir, 'meta.json'), JSON.stringify(draft, null, 2) + '\n');

console.log(`added fixtures/pages/${slug}/ (${draft.expect}, ${draft.lang})`);
if (out.kind === 'ok') {
  const s = wordPrf(out.value.text, body);
  console.log(`today: word P ${(s.p * 100).toFixed(1)} R ${(s.r * 100).toFixed(1)} F1 ${(s.f * 100).toFixed(1)} · title "${draft.title}" · date ${draft.publishedAt ?? 'none'}`);
} else {
  console.log(`today: skipped (${out.reason}: ${out.detail})`);
}
console.log('check meta.json by hand: it is the answer key, filled with what kiji gives today.');
