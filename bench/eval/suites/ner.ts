/**
 * Named entities on the held-out fifth of each public set (corpus/ner/; the
 * split is src/enrich/entities/train/data.ts's, so nothing measured here was
 * trained on): Japanese Wikipedia (stockmark), Korean news and reviews
 * (KLUE), English Reuters news (CoNLL-2003 train and dev, held-out
 * documents) and English Wikipedia (WikiANN, a domain the tagger was not
 * trained on). Each sentence goes through kiji's entity finder as a
 * one-paragraph document (Japanese tokens from kuromoji, as the pipeline
 * makes them); a prediction counts when its span and type are both exact.
 * Label mapping: see data.ts. Scored types: PERSON, ORG, PLACE (and PRODUCT,
 * EVENT for stockmark); kiji's OTHER and CoNLL's MISC are left out on both
 * sides, and types a set does not label are dropped from its predictions.
 *
 * compromise 14 (rules and a lexicon) runs on the same English sentences in
 * the same run, as the reference point the issue names. The table also gives
 * the tagger's speed (sentences/s through findEntities, tokenization
 * excluded) and the model's size on disk and in memory; those are reported,
 * not floored, since they depend on the machine.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { loadConfig } from '../../../src/config/load.js';
import { createContext, useResource } from '../../../src/context.js';
import { findEntities } from '../../../src/enrich/entities/find.js';
import { gazetteerResource } from '../../../src/enrich/entities/gazetteer.js';
import { entityTaggerResource, resolveModelFile } from '../../../src/enrich/entities/tagger/index.js';
import { isHeldOut, readSet, type GoldSentence, type SetName } from '../../../src/enrich/entities/train/data.js';
import { createLogger } from '../../../src/log.js';
import type { EntityType, Lang, Token } from '../../../src/records.js';
import { japaneseTokenizerResource, tokenizeJapanese } from '../../../src/tokenize/japanese.js';
import { table } from '../../table.js';
import type { EvalOptions, EvalResult } from '../../types.js';

export const corpusDir = 'ner';

interface Span {
  start: number;
  end: number;
  type: string;
}

/** Metric prefix, the sets it pools, and the types scored. */
const SUITES: Array<{ name: string; lang: Lang; sets: SetName[]; types: string[] }> = [
  { name: 'ja', lang: 'ja', sets: ['ja-stockmark'], types: ['PERSON', 'ORG', 'PLACE', 'PRODUCT', 'EVENT'] },
  { name: 'ko', lang: 'ko', sets: ['ko-klue'], types: ['PERSON', 'ORG', 'PLACE'] },
  { name: 'en', lang: 'en', sets: ['en-conll-train', 'en-conll-dev'], types: ['PERSON', 'ORG', 'PLACE'] },
  { name: 'en-wikiann', lang: 'en', sets: ['en-wikiann'], types: ['PERSON', 'ORG', 'PLACE'] },
];

class Counts {
  private m = new Map<string, { gold: number; found: number; correct: number }>();
  add(gold: Span[], predicted: Span[], types: string[]): void {
    const scored = new Set(types);
    const g = gold.filter((x) => scored.has(x.type));
    const p = predicted.filter((x) => scored.has(x.type));
    const key = (x: Span) => `${x.start}:${x.end}:${x.type}`;
    const remaining = new Map<string, number>();
    for (const x of g) {
      remaining.set(key(x), (remaining.get(key(x)) ?? 0) + 1);
      this.bump(x.type, 'gold');
    }
    for (const x of p) {
      this.bump(x.type, 'found');
      const left = remaining.get(key(x)) ?? 0;
      if (left > 0) {
        remaining.set(key(x), left - 1);
        this.bump(x.type, 'correct');
      }
    }
  }
  private bump(t: string, k: 'gold' | 'found' | 'correct') {
    for (const x of [t, 'all']) {
      const c = this.m.get(x) ?? { gold: 0, found: 0, correct: 0 };
      c[k]++;
      this.m.set(x, c);
    }
  }
  prf(t: string) {
    const c = this.m.get(t) ?? { gold: 0, found: 0, correct: 0 };
    const p = c.found ? c.correct / c.found : 0;
    const r = c.gold ? c.correct / c.gold : 0;
    return { ...c, p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
  }
}

/** compromise's people, organisations and places with their character offsets. */
function compromiseSpans(text: string): Span[] {
  const doc = nlp(text);
  const out: Span[] = [];
  const take = (view: { out: (how: 'offset') => unknown }, type: EntityType) => {
    for (const o of view.out('offset') as Array<{ text: string; offset: { start: number; length: number } }>) {
      // compromise's offsets include trailing punctuation it attached to the term; trim it off like the gold.
      let start = o.offset.start;
      let end = start + o.offset.length;
      while (end > start && /[\s.,;:!?'"()]/.test(text[end - 1]!)) end--;
      while (start < end && /[\s'"(]/.test(text[start]!)) start++;
      if (end > start) out.push({ start, end, type });
    }
  };
  take(doc.people(), 'PERSON');
  take(doc.organizations(), 'ORG');
  take(doc.places(), 'PLACE');
  return out;
}

export async function run(opts: EvalOptions): Promise<EvalResult> {
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
  const gazetteer = await useResource(ctx, gazetteerResource);
  const kuromoji = await useResource(ctx, japaneseTokenizerResource);
  const heapBefore = process.memoryUsage();
  const tagger = await useResource(ctx, entityTaggerResource);
  const heapAfter = process.memoryUsage();
  const dir = join(opts.corpus, corpusDir);
  const metrics: Record<string, number> = {};
  const rows: (string | number)[][] = [['set (held-out sentences)', 'system', 'type', 'gold', 'found', 'correct', 'precision', 'recall', 'f1']];
  const speed: (string | number)[][] = [['lang', 'sentences', 'sentences/s', 'ms/sentence']];
  for (const suite of SUITES) {
    const sentences: GoldSentence[] = suite.sets.flatMap((s) => readSet(dir, s)).filter(isHeldOut);
    if (!sentences.length) continue;
    const kiji = new Counts();
    const comp = suite.lang === 'en' ? new Counts() : null;
    const tokens: Token[][] = sentences.map((s) => (suite.lang === 'ja' ? tokenizeJapanese(kuromoji, s.text, 0) : []));
    const started = performance.now();
    const predicted = sentences.map((s, i) =>
      findEntities(
        { text: s.text, title: '', lang: suite.lang, paragraphs: [{ start: 0, end: s.text.length, lang: suite.lang }], sentences: [{ start: 0, end: s.text.length }], tokens: tokens[i]! },
        gazetteer,
        tagger,
      ).flatMap((e) => e.mentions.map((m) => ({ ...m, type: e.type as string }))),
    );
    const ms = performance.now() - started;
    speed.push([suite.name, sentences.length, (sentences.length / ms) * 1000, ms / sentences.length]);
    sentences.forEach((s, i) => {
      kiji.add(s.gold, predicted[i]!, suite.types);
      comp?.add(s.gold, compromiseSpans(s.text), suite.types);
    });
    for (const [system, counts] of [['kiji', kiji], ['compromise 14', comp]] as const) {
      if (!counts) continue;
      for (const t of [...suite.types, 'all']) {
        const c = counts.prf(t);
        rows.push([`${suite.name} (${sentences.length})`, system, t, c.gold, c.found, c.correct, c.p, c.r, c.f]);
        const prefix = system === 'kiji' ? suite.name : `compromise.${suite.name}`;
        if (system !== 'kiji') continue; // compromise is a reference, not a floor
        metrics[`${prefix}.${t}.f1`] = c.f;
        if (t === 'all') {
          metrics[`${prefix}.all.precision`] = c.p;
          metrics[`${prefix}.all.recall`] = c.r;
        }
      }
    }
  }
  const file = resolveModelFile(ctx.config.enrich.entityModelFile);
  const size = [
    `model ${file.split('/').slice(-2).join('/')}: ${(statSync(file).size / 1024).toFixed(0)} KiB on disk; ${(tagger.bytes / 1024 / 1024).toFixed(1)} MiB of tables in memory ` +
      `(heap + buffers grew ${((heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 1024 / 1024).toFixed(1)} MiB on load); ` +
      tagger.header.langs.map((l) => `${l.lang} ${l.rows.toLocaleString('en-US')} weight rows × ${l.labels.length} labels`).join(', '),
  ];
  return { metrics, table: [table(rows), '', 'entity finding speed (tagger + gazetteer + boundaries, tokenization excluded):', table(speed), '', ...size].join('\n') };
}
