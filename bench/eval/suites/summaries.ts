/**
 * Extractive summary quality against sentences people picked: Korean science
 * news (sci-news-sum-kr-50, `summaries` = indices of the picked sentences) and
 * BBC news (the summary file holds the picked article sentences). For every
 * document: sentence-selection precision/recall/F1, and ROUGE-1/2 F1 of the
 * picked text against the reference text (Korean tokens from kiji's Korean
 * tokenizer, English lower-cased words). Macro-averaged per language, with a
 * lead-3 baseline scored the same way in the same run, kiji picking the same
 * number of sentences (3), and kiji at its configured default.
 *
 * The last row per language goes through the front door: every document as a
 * `text` row of one `kiji analyze --jsonl` process (extract, dedupe and all),
 * its bullets mapped back to the sentences. An in-process eval can hide a
 * broken CLI; this row cannot.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.js';
import { createContext, type StageContext } from '../../../src/context.js';
import { enrich } from '../../../src/enrich/index.js';
import { createLogger } from '../../../src/log.js';
import { matchForm } from '../../../src/normalise/match-form.js';
import type { Cleaned, Lang, Token } from '../../../src/records.js';
import { summariseExtractive, toExtractiveInput } from '../../../src/summarise/summarise-extractive.js';
import { tokenizeEnglish } from '../../../src/tokenize/english.js';
import { tokenizeKorean } from '../../../src/tokenize/korean.js';
import { splitSentences } from '../../../src/tokenize/sentences.js';
import { ngramCounts, overlap } from '../metrics.js';

/** The folder under the corpus this suite reads (its hash is kept with the floors). */
export const corpusDir = 'summaries';

interface Doc {
  name: string;
  lang: Lang;
  title: string;
  /** Paragraphs, each a list of sentences. */
  paragraphs: string[][];
  /** Indices (over all sentences, in order) of the reference summary. */
  gold: Set<number>;
}

interface Scores {
  p: number;
  r: number;
  f1: number;
  rouge1: number;
  rouge2: number;
}

function loadKorean(corpus: string): Doc[] {
  const dir = join(corpus, 'summaries/ko/sci-news-sum-kr-50');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const j = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { title: string; sentences: string[]; summaries: number[] };
      // The corpus strips final periods; restore them so sentences read as written.
      const sentences = j.sentences.map((s) => (/[.?!]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`));
      return { name: `ko/${f}`, lang: 'ko' as const, title: j.title, paragraphs: sentences.map((s) => [s]), gold: new Set(j.summaries) };
    });
}

function loadBbc(corpus: string): Doc[] {
  const root = join(corpus, 'summaries/en/bbc');
  if (!existsSync(join(root, 'article'))) return [];
  const out: Doc[] = [];
  for (const topic of readdirSync(join(root, 'article')).sort()) {
    for (const f of readdirSync(join(root, 'article', topic)).sort()) {
      const article = readFileSync(join(root, 'article', topic, f), 'utf8');
      const summaryPath = join(root, 'summary', topic, f);
      if (!existsSync(summaryPath)) continue;
      const summary = squash(readFileSync(summaryPath, 'utf8'));
      const lines = article.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const title = lines.shift() ?? '';
      const paragraphs = lines.map((l) => splitSentences(l, 'en').map((s) => l.slice(s.start, s.end)));
      const gold = new Set<number>();
      let i = 0;
      for (const p of paragraphs) for (const s of p) if (summary.includes(squash(s))) gold.add(i++);
      else i++;
      if (gold.size > 0) out.push({ name: `en/${topic}/${f}`, lang: 'en', title, paragraphs, gold });
    }
  }
  return out;
}

const squash = (s: string) => matchForm(s).replace(/\s+/g, '');

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../../bin/kiji.js');

/**
 * Every document through one `kiji analyze --jsonl` process; per document, the
 * bullets of its Analysis (none when its row came back as an error).
 */
async function bulletsThroughCli(docs: Doc[]): Promise<string[][]> {
  const rows = docs.map((d) => JSON.stringify({ id: d.name, lang: d.lang, title: d.title, text: d.paragraphs.map((p) => p.join(' ')).join('\n\n') }));
  const child = spawn(process.execPath, [BIN, 'analyze', '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KIJI_LOG_LEVEL: 'silent' } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.end(rows.join('\n') + '\n');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`eval: kiji analyze --jsonl exited ${code}: ${err.slice(0, 500)}`);
  const byId = new Map<string, string[]>();
  for (const line of out.split('\n').filter(Boolean)) {
    const a = JSON.parse(line) as { inputId?: string; error?: unknown; summary?: { bullets: string[] } };
    if (a.inputId !== undefined) byId.set(a.inputId, a.summary?.bullets ?? []);
  }
  return docs.map((d) => byId.get(d.name) ?? []);
}

/** Index of the document sentence a bullet shows (bullets are display forms of whole sentences), or -1. */
function sentenceIndex(all: string[], bullet: string): number {
  const b = squash(bullet);
  const exact = all.findIndex((x) => squash(x) === b);
  return exact >= 0 ? exact : all.findIndex((x) => squash(x).includes(b) || b.includes(squash(x)));
}

/** A cleaned record of the document, as dedupe would hand it on. */
function toCleaned(doc: Doc): Cleaned {
  let text = '';
  const paragraphs: Cleaned['paragraphs'] = [];
  const sentences: Cleaned['sentences'] = [];
  const tokens: Token[] = [];
  doc.paragraphs.forEach((p, pi) => {
    if (text) text += '\n\n';
    const pStart = text.length;
    p.forEach((s, si) => {
      if (si > 0) text += ' ';
      const start = text.length;
      text += s;
      sentences.push({ paragraph: pi, start, end: text.length, text: s, norm: matchForm(s) });
      tokens.push(...(doc.lang === 'ko' ? tokenizeKorean(s, start) : tokenizeEnglish(s, start)));
    });
    paragraphs.push({ index: pi, text: text.slice(pStart), kind: 'paragraph', lang: doc.lang, start: pStart, end: text.length });
  });
  return {
    id: doc.name, source: { kind: 'file', uri: doc.name }, url: null, title: doc.title, publishedAt: null, author: null,
    tags: [], categories: [], excerpt: null, siteName: null, langHint: doc.lang, lang: doc.lang,
    text, paragraphs, sentences, tokens, dropped: [],
  };
}

function rougeTokens(text: string, lang: Lang): string[] {
  if (lang === 'ko') return tokenizeKorean(text, 0).filter((t) => t.pos !== 'symbol').map((t) => t.lemma);
  return (matchForm(text).match(/[\p{L}\p{N}]+/gu) ?? []);
}

function rouge(got: string[], want: string[], n: number): number {
  const g = ngramCounts(got, n);
  const w = ngramCounts(want, n);
  // ROUGE scores nothing when either side has no n-gram.
  return g.size === 0 || w.size === 0 ? 0 : overlap(g, w).f;
}

function score(doc: Doc, all: string[], picked: number[]): Scores {
  const hit = picked.filter((i) => doc.gold.has(i)).length;
  const p = picked.length ? hit / picked.length : 0;
  const r = hit / doc.gold.size;
  const goldIdx = [...doc.gold].sort((a, b) => a - b);
  // Sentence by sentence, so no n-gram spans the join between two picked sentences.
  const tok = (idx: number[]) => idx.map((i) => rougeTokens(all[i]!, doc.lang));
  const got = tok(picked);
  const want = tok(goldIdx);
  const r1 = rouge(got.flat(), want.flat(), 1);
  const bigrams = (xs: string[][]) => xs.flatMap((ws) => [...ngramCounts(ws, 2)].flatMap(([k, c]) => new Array<string>(c).fill(k)));
  const r2 = rouge(bigrams(got), bigrams(want), 1);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), rouge1: r1, rouge2: r2 };
}

const mean = (xs: Scores[]): Scores => {
  const n = Math.max(1, xs.length);
  const sum = (k: keyof Scores) => xs.reduce((a, s) => a + s[k], 0) / n;
  return { p: sum('p'), r: sum('r'), f1: sum('f1'), rouge1: sum('rouge1'), rouge2: sum('rouge2') };
};

export interface SummaryEvalRow {
  lang: Lang;
  system: string;
  docs: number;
  scores: Scores;
}

/**
 * @example
 * const { metrics, table } = await run({ corpus: '../shared/corpus' });
 * metrics['ko.gain.f1'] > 0 // kiji beats lead-3 on Korean
 */
export async function run(opts: { corpus: string; verbose?: boolean }): Promise<{ metrics: Record<string, number>; table: string; rows: SummaryEvalRow[] }> {
  const config = loadConfig({ file: null, env: {} });
  const ctx: StageContext = createContext(config, { log: createLogger({ level: 'silent' }) });
  const rows: SummaryEvalRow[] = [];
  const metrics: Record<string, number> = {};
  for (const [lang, docs] of [['ko', loadKorean(opts.corpus)], ['en', loadBbc(opts.corpus)]] as const) {
    if (docs.length === 0) continue;
    const lead: Scores[] = [];
    const kiji3: Scores[] = [];
    const kijiDefault: Scores[] = [];
    const viaCli: Scores[] = [];
    const cliBullets = await bulletsThroughCli(docs);
    for (const [d, doc] of docs.entries()) {
      const cleaned = toCleaned(doc);
      const enriched = await enrich(cleaned, ctx);
      if (enriched.kind !== 'ok') throw new Error(`eval: enrich skipped ${doc.name}`);
      const all = cleaned.sentences.map((s) => s.text);
      const pickedOf = (count: number) => {
        const s = summariseExtractive(enriched.value, { ...config.summarise, sentences: count });
        // Map bullets back to sentence indices (bullets are display forms of whole sentences).
        const input = toExtractiveInput(enriched.value);
        return s.bullets.map((b) => input.sentences.findIndex((x) => x.text.trim() === b || x.text.includes(b)));
      };
      lead.push(score(doc, all, [0, 1, 2].filter((i) => i < all.length)));
      kiji3.push(score(doc, all, pickedOf(3)));
      kijiDefault.push(score(doc, all, pickedOf(config.summarise.sentences)));
      viaCli.push(score(doc, all, cliBullets[d]!.map((b) => sentenceIndex(all, b))));
      if (opts.verbose) console.error(doc.name, [...doc.gold].join(','), pickedOf(3).join(','));
    }
    for (const [system, xs] of [['lead-3', lead], ['kiji (3)', kiji3], [`kiji (${config.summarise.sentences})`, kijiDefault], ['kiji analyze --jsonl', viaCli]] as const) {
      rows.push({ lang, system, docs: docs.length, scores: mean(xs) });
    }
    const key = (sys: string) => (sys === 'lead-3' ? 'lead3' : sys === 'kiji (3)' ? 'kiji3' : sys === 'kiji analyze --jsonl' ? 'cli' : 'kiji');
    const all: Record<string, number> = {};
    for (const row of rows.filter((r) => r.lang === lang))
      for (const [k, v] of Object.entries(row.scores)) all[`${lang}.${key(row.system)}.${k}`] = round(v);
    // Floors apply to kiji and to its margin over lead-3; lead-3 itself is only shown beside it.
    for (const [k, v] of Object.entries(all)) if (!k.includes('.lead3.')) metrics[k] = v;
    metrics[`${lang}.gain.f1`] = round(all[`${lang}.kiji3.f1`]! - all[`${lang}.lead3.f1`]!);
    metrics[`${lang}.gain.rouge2`] = round(all[`${lang}.kiji3.rouge2`]! - all[`${lang}.lead3.rouge2`]!);
  }
  const f = (x: number) => x.toFixed(3);
  const table = [
    '| lang | system | docs | P | R | F1 | ROUGE-1 F | ROUGE-2 F |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.lang} | ${r.system} | ${r.docs} | ${f(r.scores.p)} | ${f(r.scores.r)} | ${f(r.scores.f1)} | ${f(r.scores.rouge1)} | ${f(r.scores.rouge2)} |`),
  ].join('\n');
  return { metrics, table, rows };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
