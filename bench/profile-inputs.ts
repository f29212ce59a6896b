/**
 * Write `analyze --jsonl` inputs for profiling, one file per language:
 * generated variants of the fixture articles (as files, read as the fixtures
 * are) and, where the shared corpus is present, its news texts (Korean
 * science news, BBC articles) as `text` lines.
 *
 *   node --import tsx bench/profile-inputs.ts OUT_DIR [PER_LANG]
 *   node --cpu-prof --import tsx bin/kiji.js analyze --jsonl < OUT_DIR/ja.jsonl > /dev/null
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCorpus } from './corpus.js';

const out = resolve(process.argv[2] ?? 'profile-inputs');
const perLang = Number(process.argv[3] ?? 200);
const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'summaries');
mkdirSync(join(out, 'docs'), { recursive: true });

const lines: Record<string, string[]> = { ja: [], ko: [], en: [] };
const ext = { markdown: 'md', html: 'html', text: 'txt', plain: 'txt' } as const;
for (const [i, d] of generateCorpus(perLang * 9).entries()) {
  const list = lines[d.lang]!;
  if (list.length >= perLang) continue;
  const path = join(out, 'docs', `${i}.${ext[d.format]}`);
  writeFileSync(path, d.body);
  list.push(JSON.stringify({ id: `gen-${i}`, path }));
}

// Real news text beside the generated variants: a third of ko and en.
const ko = join(corpus, 'ko', 'sci-news-sum-kr-50');
if (existsSync(ko)) {
  const texts = readdirSync(ko).sort().map((f) => JSON.parse(readFileSync(join(ko, f), 'utf8')) as { title: string; sentences: string[] });
  texts.slice(0, Math.floor(perLang / 3)).forEach((t, i) => (lines.ko![i * 3] = JSON.stringify({ id: `ko-news-${i}`, title: t.title, text: t.sentences.join(' '), lang: 'ko' })));
}
const en = join(corpus, 'en', 'bbc', 'article');
if (existsSync(en)) {
  const files = readdirSync(en).sort().flatMap((topic) => readdirSync(join(en, topic)).sort().map((f) => join(en, topic, f)));
  files.slice(0, Math.floor(perLang / 3)).forEach((f, i) => {
    const [title, ...body] = readFileSync(f, 'utf8').split('\n');
    lines.en![i * 3] = JSON.stringify({ id: `en-bbc-${i}`, title, text: body.join('\n').trim() });
  });
}
for (const [lang, list] of Object.entries(lines)) writeFileSync(join(out, `${lang}.jsonl`), list.join('\n') + '\n');
console.log(Object.entries(lines).map(([l, v]) => `${l}: ${v.length}`).join(', '), '→', out);
