/*
 * Readers for the public annotated sets the tagger learns from
 * (corpus/ner/), and the deterministic split that keeps a fifth of each out
 * of training for evaluation. The eval suite and `npm run train` both take
 * their sentences from here, so a held-out sentence can never be trained on.
 *
 *   stockmark (ja): 人名→PERSON; 法人名, 政治的組織名, その他の組織名→ORG; 地名, 施設名→PLACE; 製品名→PRODUCT; イベント名→EVENT
 *   KLUE (ko): PS→PERSON, OG→ORG, LC→PLACE; DT, TI, QT (dates, times, quantities) are not entities
 *   CoNLL-2003 (en): PER→PERSON, ORG→ORG, LOC→PLACE, MISC→MISC (nationalities, events, titles: kept as a label so
 *     that they are not learnt as places; kiji reports them as OTHER)
 *   WikiANN (en): PER→PERSON, ORG→ORG, LOC→PLACE
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../records.js';
import { hash32 } from '../tagger/model.js';

/** A gold entity span: offsets into the sentence text, a tagger label type. */
export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

/** One annotated sentence. `group` keeps sentences of one article or document together in the split. */
export interface GoldSentence {
  set: string;
  lang: Lang;
  group: string;
  text: string;
  gold: GoldSpan[];
}

/** The sets, with the file under corpus/ner/ each is read from. */
export const SETS = {
  'ja-stockmark': { lang: 'ja' as Lang, file: 'ja/stockmark-ner-wikipedia.json' },
  'ko-klue': { lang: 'ko' as Lang, file: 'ko/klue-ner-v1.1-dev.tsv' },
  'en-conll-train': { lang: 'en' as Lang, file: 'en/conllpp-train.txt' },
  'en-conll-dev': { lang: 'en' as Lang, file: 'en/conllpp-dev.txt' },
  'en-wikiann': { lang: 'en' as Lang, file: 'en/wikiann-en-dev.txt' },
};
export type SetName = keyof typeof SETS;

/** Tagger label types per language. */
export const TYPES: Record<Lang, string[]> = {
  ja: ['PERSON', 'ORG', 'PLACE', 'PRODUCT', 'EVENT'],
  ko: ['PERSON', 'ORG', 'PLACE'],
  en: ['PERSON', 'ORG', 'PLACE', 'MISC'],
};

const JA_MAP: Record<string, string> = {
  人名: 'PERSON',
  法人名: 'ORG',
  政治的組織名: 'ORG',
  その他の組織名: 'ORG',
  地名: 'PLACE',
  施設名: 'PLACE',
  製品名: 'PRODUCT',
  イベント名: 'EVENT',
};
const KO_MAP: Record<string, string> = { PS: 'PERSON', OG: 'ORG', LC: 'PLACE' };
const EN_MAP: Record<string, string> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE', MISC: 'MISC' };

/**
 * Whether a sentence is held out for evaluation: one group in five, by a hash
 * of its set and group, so the split does not depend on file order.
 *
 * @example
 * isHeldOut({ set: 'ko-klue', group: 'klue-ner-v1_dev_00002-wikitree', … }) // true or false, always the same
 */
export function isHeldOut(s: Pick<GoldSentence, 'set' | 'group'>): boolean {
  return hash32(`${s.set}\u0000${s.group}`) % 5 === 0;
}

/**
 * A second fifth, for choosing settings during development (`npm run train -- --dev` leaves it out too);
 * the shipped weights train on it.
 */
export function isDevFold(s: Pick<GoldSentence, 'set' | 'group'>): boolean {
  return hash32(`${s.set}\u0000${s.group}`) % 5 === 1;
}

/** Spans from per-unit BIO (or IOB1) tags; `starts[i]`/`ends[i]` place unit i in the sentence. */
function bioSpans(tags: string[], starts: number[], ends: number[], map: Record<string, string>): GoldSpan[] {
  const out: GoldSpan[] = [];
  let cur: { start: number; end: number; label: string } | null = null;
  const close = () => {
    if (cur && map[cur.label]) out.push({ start: cur.start, end: cur.end, type: map[cur.label]! });
    cur = null;
  };
  tags.forEach((tag, i) => {
    const bio = tag[0];
    const label = tag.slice(2);
    if (bio === 'B' || (bio === 'I' && (!cur || cur.label !== label))) {
      close();
      cur = { start: starts[i]!, end: ends[i]!, label };
    } else if (bio === 'I' && cur) cur.end = ends[i]!;
    else close();
  });
  close();
  return out;
}

function readJapanese(file: string): GoldSentence[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Array<{ curid: string; text: string; entities: Array<{ span: [number, number]; type: string }> }>;
  return raw.map((r) => ({
    set: 'ja-stockmark',
    lang: 'ja',
    group: String(r.curid),
    text: r.text,
    gold: r.entities.filter((e) => JA_MAP[e.type]).map((e) => ({ start: e.span[0], end: e.span[1], type: JA_MAP[e.type]! })),
  }));
}

function readKorean(file: string): GoldSentence[] {
  const out: GoldSentence[] = [];
  for (const block of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const head = lines.find((l) => l.startsWith('## '));
    const rows = lines.filter((l) => l !== '' && !l.startsWith('##'));
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
    const starts = chars.map((c) => ((pos += c.length), pos - c.length));
    const id = head ? head.slice(3).split('\t')[0]! : `#${out.length}`;
    out.push({ set: 'ko-klue', lang: 'ko', group: id, text: chars.join(''), gold: bioSpans(tags, starts, starts.map((o, i) => o + chars[i]!.length), KO_MAP) });
  }
  return out;
}

/** Token-per-line files: CoNLL (`token POS chunk tag`, -DOCSTART- between documents) and WikiANN (`en:token<TAB>tag`). */
function readColumns(file: string, set: SetName, map: Record<string, string>): GoldSentence[] {
  const out: GoldSentence[] = [];
  let doc = 0;
  let sentence = 0;
  for (const block of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    const rows = block.split('\n').filter((l) => l.trim() !== '');
    if (!rows.length) continue;
    if (rows[0]!.startsWith('-DOCSTART-')) {
      doc++;
      rows.shift();
      if (!rows.length) continue;
    }
    const words: string[] = [];
    const tags: string[] = [];
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 2) continue;
      words.push(cols[0]!.replace(/^en:/, ''));
      tags.push(cols[cols.length - 1]!);
    }
    let pos = 0;
    const starts = words.map((w) => ((pos += w.length + 1), pos - w.length - 1));
    // CoNLL splits by document (a story's sentences stay on one side); WikiANN sentences stand alone.
    const group = set.startsWith('en-conll') ? `doc${doc}` : `s${sentence}`;
    sentence++;
    out.push({ set, lang: 'en', group, text: words.join(' '), gold: bioSpans(tags, starts, starts.map((o, i) => o + words[i]!.length), map) });
  }
  return out;
}

/**
 * Every sentence of one set, in file order; [] when the file is absent.
 *
 * @example
 * readSet('/work/shared/corpus/ner', 'ko-klue').length // 2473 (dev split of KLUE v1.1)
 */
export function readSet(dir: string, set: SetName): GoldSentence[] {
  const file = join(dir, SETS[set].file);
  if (!existsSync(file)) return [];
  if (set === 'ja-stockmark') return readJapanese(file);
  if (set === 'ko-klue') return readKorean(file);
  return readColumns(file, set, EN_MAP);
}
