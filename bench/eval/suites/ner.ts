/**
 * Named entities against three public sets (corpus/ner/): Japanese Wikipedia
 * sentences (stockmark), Korean news/review sentences (KLUE, character BIO)
 * and English WikiANN (token BIO). Each sentence goes through kiji's entity
 * finder as a one-paragraph document (Japanese tokens from kuromoji, as the
 * pipeline makes them); a prediction counts when its span and type are both
 * exact. Labels map onto kiji's types as docs/entities-and-figures.md lists:
 *
 *   stockmark 人名→PERSON; 法人名, 政治的組織名, その他の組織名→ORG; 地名, 施設名→PLACE; 製品名→PRODUCT; イベント名→EVENT
 *   KLUE PS→PERSON, OG→ORG, LC→PLACE (DT, TI, QT are dates and quantities: not entities, ignored)
 *   WikiANN PER→PERSON, ORG→ORG, LOC→PLACE
 *
 * kiji's OTHER predictions are left out (no gold label maps to OTHER), and
 * types a set does not label (PRODUCT and EVENT for KLUE and WikiANN) are
 * dropped from its predictions, so precision is not charged for them.
 * Sentences are sampled deterministically (every k-th) to keep the run short.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { createContext, useResource } from '../../../src/context.js';
import { findEntities } from '../../../src/enrich/entities/find.js';
import { gazetteerResource } from '../../../src/enrich/entities/gazetteer.js';
import { createLogger } from '../../../src/log.js';
import type { EntityType, Lang, Token } from '../../../src/records.js';
import { kuromojiResource, tokenizeJapanese } from '../../../src/tokenize/japanese.js';
import { table } from '../../table.js';
import type { EvalOptions, EvalResult } from '../../types.js';

export const corpusDir = 'ner';

interface Span {
  start: number;
  end: number;
  type: EntityType;
}
interface Sentence {
  text: string;
  gold: Span[];
}

/** At most this many sentences per language, taken evenly through the file. */
const SAMPLE = 3000;

const JA_MAP: Record<string, EntityType> = {
  人名: 'PERSON',
  法人名: 'ORG',
  政治的組織名: 'ORG',
  その他の組織名: 'ORG',
  地名: 'PLACE',
  施設名: 'PLACE',
  製品名: 'PRODUCT',
  イベント名: 'EVENT',
};
const KO_MAP: Record<string, EntityType> = { PS: 'PERSON', OG: 'ORG', LC: 'PLACE' };
const EN_MAP: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE' };
const TYPES: Record<Lang, EntityType[]> = {
  ja: ['PERSON', 'ORG', 'PLACE', 'PRODUCT', 'EVENT'],
  ko: ['PERSON', 'ORG', 'PLACE'],
  en: ['PERSON', 'ORG', 'PLACE'],
};

function sample<T>(all: T[]): T[] {
  if (all.length <= SAMPLE) return all;
  const step = all.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => all[Math.floor(i * step)]!);
}

function loadJapanese(dir: string): Sentence[] {
  const file = join(dir, 'ja', 'stockmark-ner-wikipedia.json');
  if (!existsSync(file)) return [];
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string; entities: Array<{ span: [number, number]; type: string }> }>;
  return raw.map((r) => ({
    text: r.text,
    gold: r.entities.filter((e) => JA_MAP[e.type]).map((e) => ({ start: e.span[0], end: e.span[1], type: JA_MAP[e.type]! })),
  }));
}

/** Spans from per-unit BIO tags; `offsets[i]` is where unit i starts in the sentence text. */
function bioSpans(tags: string[], offsets: number[], ends: number[], map: Record<string, EntityType>): Span[] {
  const out: Span[] = [];
  let cur: { start: number; end: number; label: string } | null = null;
  const close = () => {
    if (cur && map[cur.label]) out.push({ start: cur.start, end: cur.end, type: map[cur.label]! });
    cur = null;
  };
  tags.forEach((tag, i) => {
    const [bio, label] = tag.split('-') as [string, string | undefined];
    if (bio === 'B' || (bio === 'I' && (!cur || cur.label !== label))) {
      close();
      cur = { start: offsets[i]!, end: ends[i]!, label: label ?? '' };
    } else if (bio === 'I' && cur) cur.end = ends[i]!;
    else close();
  });
  close();
  return out;
}

function loadKorean(dir: string): Sentence[] {
  const file = join(dir, 'ko', 'klue-ner-v1.1-dev.tsv');
  if (!existsSync(file)) return [];
  const out: Sentence[] = [];
  for (const block of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const rows = block.split('\n').filter((l) => l !== '' && !l.startsWith('##'));
    if (!rows.length) continue;
    const chars: string[] = [];
    const tags: string[] = [];
    for (const row of rows) {
      const tab = row.lastIndexOf('\t');
      if (tab < 0) continue;
      chars.push(row.slice(0, tab) || ' ');
      tags.push(row.slice(tab + 1).trim());
    }
    let pos = 0;
    const offsets = chars.map((c) => ((pos += c.length), pos - c.length));
    out.push({ text: chars.join(''), gold: bioSpans(tags, offsets, offsets.map((o, i) => o + chars[i]!.length), KO_MAP) });
  }
  return out;
}

function loadEnglish(dir: string): Sentence[] {
  const file = join(dir, 'en', 'wikiann-en-dev.txt');
  if (!existsSync(file)) return [];
  const out: Sentence[] = [];
  for (const block of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const rows = block.split('\n').filter(Boolean);
    if (!rows.length) continue;
    const words: string[] = [];
    const tags: string[] = [];
    for (const row of rows) {
      const m = /^(.*)\s(\S+)$/.exec(row);
      if (!m) continue;
      words.push(m[1]!.replace(/^en:/, ''));
      tags.push(m[2]!);
    }
    let pos = 0;
    const offsets = words.map((w) => ((pos += w.length + 1), pos - w.length - 1));
    out.push({ text: words.join(' '), gold: bioSpans(tags, offsets, offsets.map((o, i) => o + words[i]!.length), EN_MAP) });
  }
  return out;
}

export async function run(opts: EvalOptions): Promise<EvalResult> {
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
  const gazetteer = await useResource(ctx, gazetteerResource);
  const kuromoji = await useResource(ctx, kuromojiResource);
  const dir = join(opts.corpus, corpusDir);
  const sets: Array<[Lang, Sentence[]]> = [
    ['ja', sample(loadJapanese(dir))],
    ['ko', sample(loadKorean(dir))],
    ['en', sample(loadEnglish(dir))],
  ];
  const metrics: Record<string, number> = {};
  const rows: (string | number)[][] = [['lang', 'type', 'gold', 'found', 'correct', 'precision', 'recall', 'f1']];
  for (const [lang, sentences] of sets) {
    if (!sentences.length) continue;
    const counts = new Map<EntityType | 'all', { gold: number; found: number; correct: number }>();
    const bump = (t: EntityType | 'all', k: 'gold' | 'found' | 'correct') => {
      const c = counts.get(t) ?? { gold: 0, found: 0, correct: 0 };
      c[k]++;
      counts.set(t, c);
    };
    const types = new Set(TYPES[lang]);
    for (const s of sentences) {
      const tokens: Token[] = lang === 'ja' ? tokenizeJapanese(kuromoji, s.text, 0) : [];
      const entities = findEntities(
        { text: s.text, title: '', lang, paragraphs: [{ start: 0, end: s.text.length, lang }], sentences: [{ start: 0, end: s.text.length }], tokens },
        gazetteer,
      );
      const predicted: Span[] = entities.flatMap((e) => (types.has(e.type) ? e.mentions.map((m) => ({ ...m, type: e.type })) : []));
      const key = (x: Span) => `${x.start}:${x.end}:${x.type}`;
      const gold = new Set(s.gold.map(key));
      for (const g of s.gold) {
        bump(g.type, 'gold');
        bump('all', 'gold');
      }
      for (const p of predicted) {
        bump(p.type, 'found');
        bump('all', 'found');
        if (gold.has(key(p))) {
          bump(p.type, 'correct');
          bump('all', 'correct');
        }
      }
    }
    for (const t of [...TYPES[lang], 'all'] as Array<EntityType | 'all'>) {
      const c = counts.get(t) ?? { gold: 0, found: 0, correct: 0 };
      const p = c.found ? c.correct / c.found : 0;
      const r = c.gold ? c.correct / c.gold : 0;
      const f1 = p + r ? (2 * p * r) / (p + r) : 0;
      metrics[`${lang}.${t}.f1`] = f1;
      if (t === 'all') {
        metrics[`${lang}.all.precision`] = p;
        metrics[`${lang}.all.recall`] = r;
      }
      rows.push([`${lang} (${sentences.length} sentences)`, t, c.gold, c.found, c.correct, p, r, f1]);
    }
  }
  return { metrics, table: table(rows) };
}
