/**
 * `npm run train [-- --corpus DIR] [--out FILE] [--epochs N] [--lang ja,ko,en]`
 *
 * Rebuilds the entity tagger's weights (models/entity-tagger.bin) from the
 * public annotated sets in corpus/ner/, leaving out the held-out fifth that
 * `npm run eval -- ner` measures on. Fixed seed, file order and sorted
 * output: the same corpus and code give the same bytes, so a reviewer can
 * rebuild and diff. With --lang, the other languages' weights are copied
 * from the existing file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../config/load.js';
import { createContext, useResource } from '../../../context.js';
import { createLogger } from '../../../log.js';
import type { Lang } from '../../../records.js';
import { japaneseTokenizerResource, tokenizeJapanese } from '../../../tokenize/japanese.js';
import { parseGazetteer } from '../gazetteer.js';
import { FEATURE_SET, featuresOf, unitsOf } from '../tagger/features.js';
import { tagInput } from '../tagger/index.js';
import { hash32, parseModel, rowsOf, serialiseModel, type TrainedLang } from '../tagger/model.js';
import { isDevFold, isHeldOut, readSet, SETS, TYPES, type GoldSentence, type SetName } from './data.js';
import { trainPerceptron, type Example } from './perceptron.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    out: { type: 'string', default: join(root, 'models', 'entity-tagger.bin') },
    epochs: { type: 'string' },
    lang: { type: 'string', default: 'ja,ko,en' },
    dev: { type: 'boolean' },
    'min-count': { type: 'string' },
  },
});
const corpus = resolve(values.corpus ?? join(root, '..', 'shared', 'corpus'), 'ner');
const SEED = 13;
const MIN_COUNT = values['min-count'] ? Number(values['min-count']) : 2;
// Rows whose largest weight is below this many steps of 127 are dropped from the file (see serialiseModel).
const MIN_WEIGHT = 3;
// Passes over the data per language: the small ja and ko sets need more.
const EPOCHS: Record<Lang, number> = { ja: 30, ko: 30, en: 10 };
const TRAIN_SETS: Record<Lang, SetName[]> = { ja: ['ja-stockmark'], ko: ['ko-klue'], en: ['en-conll-train', 'en-conll-dev'] };

const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
const gazetteerFile = join(root, 'config', 'entities.yaml');
const gazetteer = parseGazetteer(readFileSync(gazetteerFile, 'utf8'), gazetteerFile);
const kuromoji = await useResource(ctx, japaneseTokenizerResource);

/** Words seen lower-case after the first word of a sentence, at least twice: ordinary words when capitalised. */
function lexiconOf(sentences: GoldSentence[]): number[] {
  const counts = new Map<string, number>();
  for (const s of sentences) {
    const words = s.text.split(' ');
    for (let i = 1; i < words.length; i++) if (/^\p{Ll}+$/u.test(words[i]!)) counts.set(words[i]!, (counts.get(words[i]!) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).map(([w]) => hash32(w));
}

function examplesOf(lang: Lang, sentences: GoldSentence[], labels: string[], lexicon: Set<number>): Example[] {
  const index = new Map(labels.map((l, i) => [l, i]));
  return sentences.map((s) => {
    const tokens = lang === 'ja' ? tokenizeJapanese(kuromoji, s.text, 0) : [];
    const input = tagInput(s.text, 0, s.text.length, lang, tokens, gazetteer);
    const units = unitsOf(s.text, 0, s.text.length, lang);
    const gold = new Int32Array(units.n);
    for (const g of s.gold) {
      let first = true;
      for (let i = 0; i < units.n; i++) {
        if (units.start[i]! >= g.start && units.end[i]! <= g.end) {
          gold[i] = index.get((first ? 'B-' : 'I-') + g.type)!;
          first = false;
        }
      }
    }
    const { hashes, offsets } = featuresOf(input, units, lexicon);
    return { hashes: hashes.slice(), offsets: offsets.slice(), gold };
  });
}

const langs = values.lang!.split(',') as Lang[];
const trained: TrainedLang[] = [];
const report: Record<string, unknown> = {};
let previous: ReturnType<typeof parseModel> | null = null;
for (const lang of ['ja', 'ko', 'en'] as Lang[]) {
  if (!langs.includes(lang)) {
    // Experiments on one language may write a file of their own that holds only it.
    if (!existsSync(values.out!)) continue;
    previous ??= parseModel(readFileSync(values.out!), FEATURE_SET);
    const m = previous.byLang.get(lang);
    if (!m) throw new Error(`train: ${lang} is not being trained and ${values.out} has no ${lang} weights to keep`);
    const { hashes, weights } = rowsOf(m);
    trained.push({ lang, labels: m.labels, hashes, weights, trans: Float64Array.from(m.trans), lexicon: [...m.lexicon] });
    report[lang] = previous.header.training[lang];
    continue;
  }
  const started = performance.now();
  const sets = TRAIN_SETS[lang];
  const all = sets.flatMap((set) => readSet(corpus, set));
  if (all.length === 0) throw new Error(`train: no ${lang} data under ${corpus} (${sets.map((s) => SETS[s].file).join(', ')})`);
  const train = all.filter((s) => !isHeldOut(s) && !(values.dev && isDevFold(s)));
  const labels = ['O', ...TYPES[lang].flatMap((t) => [`B-${t}`, `I-${t}`])];
  const lexicon = lang === 'en' ? lexiconOf(train) : [];
  const examples = examplesOf(lang, train, labels, new Set(lexicon));
  const epochs = values.epochs ? Number(values.epochs) : EPOCHS[lang];
  const weights = trainPerceptron(examples, {
    lang,
    labels,
    epochs,
    seed: SEED,
    minCount: MIN_COUNT,
    lexicon,
    progress: (e, err) => console.log(`${lang} epoch ${e}/${epochs}: ${(err * 100).toFixed(2)}% of units wrong`),
  });
  trained.push(weights);
  const seconds = (performance.now() - started) / 1000;
  report[lang] = {
    sets: Object.fromEntries(sets.map((set) => [set, SETS[set].file])),
    sentences: train.length,
    heldOut: all.length - train.length,
    units: examples.reduce((n, e) => n + e.gold.length, 0),
    epochs,
  };
  console.log(`${lang}: ${train.length} sentences (${all.length - train.length} held out), ${weights.hashes.length} features, ${seconds.toFixed(1)} s`);
}
const bytes = serialiseModel(trained, FEATURE_SET, { seed: SEED, minCount: MIN_COUNT, minWeight: MIN_WEIGHT, method: 'averaged structured perceptron, BIO, first-order Viterbi', ...report }, MIN_WEIGHT);
writeFileSync(values.out!, bytes);
const check = parseModel(bytes, FEATURE_SET);
console.log(`wrote ${relative(process.cwd(), values.out!)}: ${(bytes.length / 1024).toFixed(0)} KiB on disk, ${(check.bytes / 1024 / 1024).toFixed(1)} MiB in memory (${check.header.langs.map((l) => `${l.lang} ${l.rows} rows`).join(', ')})`);
