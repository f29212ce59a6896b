/*
 * The learned entity tagger at run time: the committed weights
 * (models/entity-tagger.bin, rebuilt by `npm run train`) loaded once per
 * context, and a function that tags one sentence. The gazetteer and the
 * rule-based finders feed it as features (hints); its BIO output is the span
 * and type of every mention.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineResource, type StageContext } from '../../../context.js';
import { KijiError } from '../../../errors.js';
import type { Lang, Token } from '../../../records.js';
import { matchAliases, type Gazetteer } from '../gazetteer.js';
import { englishCandidates, japaneseCandidates, koreanCandidates, latinRuns } from '../rules.js';
import { FEATURE_SET, featuresOf, unitsOf, type Hint, type TagInput, type Units } from './features.js';
import { decode, parseModel, Workspace, type TaggerModel } from './model.js';

export { FEATURE_SET } from './features.js';
export { Workspace, type TaggerModel } from './model.js';

/** A span the tagger labelled, offsets into the document text; `type` is a tagger label type (PERSON, ORG, PLACE, PRODUCT, EVENT, MISC). */
export interface TaggedSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * Where the model file is: as configured, else the copy shipped with kiji.
 *
 * @example
 * resolveModelFile('models/entity-tagger.bin') // '/path/to/kiji/models/entity-tagger.bin'
 */
export function resolveModelFile(file: string, cwd = process.cwd()): string {
  if (isAbsolute(file)) return file;
  const local = resolve(cwd, file);
  if (existsSync(local)) return local;
  // From src/enrich/entities/tagger (or a build of it) up to the package root.
  const shipped = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', file);
  return existsSync(shipped) ? shipped : local;
}

/**
 * Read and check a model file.
 *
 * @example
 * const model = await loadTaggerModel('models/entity-tagger.bin');
 */
export async function loadTaggerModel(file: string): Promise<TaggerModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new KijiError('enrich', 'model_unavailable', `cannot read the entity tagger model ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseModel(bytes, FEATURE_SET);
  } catch (err) {
    throw new KijiError('enrich', 'model_unavailable', `the entity tagger model ${file} is unusable: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The entity tagger of `ctx.config.enrich.entityModelFile`, loaded once per
 * context. The runtime may load it eagerly at start; enrich loads it on first use.
 *
 * @example
 * const tagger = await useResource(ctx, entityTaggerResource);
 */
export const entityTaggerResource = defineResource<TaggerModel>('enrich.entity-tagger', async (ctx: StageContext) => {
  const file = resolveModelFile(ctx.config.enrich.entityModelFile);
  const model = await loadTaggerModel(file);
  ctx.log.debug('entity tagger loaded', { stage: 'enrich', file, langs: model.header.langs.map((l) => `${l.lang}:${l.rows}`).join(' ') });
  return model;
});

/**
 * Names the rule-based finders propose inside one sentence: hints for the tagger.
 *
 * @example
 * ruleHints('정의선 회장은 말했다', 0, 11, 'ko', [])[0] // { start: 0, end: 3, type: 'PERSON' }
 */
export function ruleHints(text: string, from: number, to: number, lang: Lang, tokens: Token[]): Hint[] {
  let rules: Hint[];
  if (lang === 'en') {
    const lead = /^[\s"'“‘(\[]*/.exec(text.slice(from, to))![0].length;
    rules = englishCandidates(text, from, to, new Set([from + lead]));
  } else {
    rules = latinRuns(text, from, to);
    if (lang === 'ja') rules.push(...japaneseCandidates(text, tokens.filter((t) => t.start >= from && t.end <= to)));
    else rules.push(...koreanCandidates(text, from, to));
  }
  return rules.map((r) => ({ start: r.start, end: r.end, type: r.type }));
}

/**
 * Gazetteer hits and rule-found names inside one sentence: the tagger's hints.
 *
 * @example
 * hintsFor('NVIDIAのフアンCEO', 0, 13, 'ja', tokens, gazetteer).gazetteer[0].type // 'ORG'
 */
export function hintsFor(text: string, from: number, to: number, lang: Lang, tokens: Token[], g: Gazetteer): { gazetteer: Hint[]; rules: Hint[] } {
  const gazetteer = matchAliases(text.slice(from, to), g).map((h) => ({ start: from + h.start, end: from + h.end, type: h.entry.type }));
  return { gazetteer, rules: ruleHints(text, from, to, lang, tokens) };
}

/**
 * Build the tagger's input for one sentence.
 *
 * @example
 * const input = tagInput(text, 0, text.length, 'ko', [], gazetteer);
 */
export function tagInput(text: string, from: number, to: number, lang: Lang, tokens: Token[], g: Gazetteer): TagInput {
  const inSentence = lang === 'ja' ? tokens.filter((t) => t.start >= from && t.end <= to) : [];
  return { text, from, to, lang, tokens: inSentence, ...hintsFor(text, from, to, lang, inSentence, g) };
}

/**
 * The spans the tagger finds in one sentence.
 *
 * @example
 * tagSentence(model, tagInput('Jensen Huang visited Seoul.', 0, 27, 'en', [], gazetteer), new Workspace())
 * // [{ start: 0, end: 12, type: 'PERSON' }, { start: 21, end: 26, type: 'PLACE' }]
 */
export function tagSentence(model: TaggerModel, input: TagInput, ws = new Workspace()): TaggedSpan[] {
  const m = model.byLang.get(input.lang);
  if (!m) return [];
  const units = unitsOf(input.text, input.from, input.to, input.lang);
  if (units.n === 0) return [];
  const labels = decode(m, featuresOf(input, units, m.lexicon, ws), units.n, ws);
  return spansOf(Array.from(labels, (c) => m.labels[c]!), units);
}

/**
 * BIO labels over units → spans.
 *
 * @example
 * spansOf(['B-ORG', 'I-ORG', 'O'], unitsOf('Air Astana flies', 0, 16, 'en')) // [{ start: 0, end: 10, type: 'ORG' }]
 */
export function spansOf(labels: string[], units: Units): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let cur: TaggedSpan | null = null;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label.startsWith('I-') && cur && cur.type === label.slice(2)) {
      cur.end = units.end[i]!;
      continue;
    }
    if (cur) out.push(cur);
    cur = label === 'O' ? null : { start: units.start[i]!, end: units.end[i]!, type: label.slice(2) };
  }
  if (cur) out.push(cur);
  return out;
}
