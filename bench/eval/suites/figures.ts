/**
 * Figure recognition against the Recognizers-Text spec cases
 * (corpus/figures/{english,japanese,korean}/<Model>.json): for every case,
 * kiji's output on `Input` is compared with the expected results by span
 * overlap and normalised value (and ISO currency where the case names one).
 * Micro precision/recall/F1 per language and model:
 *
 * - number: every numeral kiji reads (src/enrich/figures/numerals.ts), value equal
 * - percent: percent figures, value equal
 * - currency: money figures, value equal and ISO code equal when the case gives one
 * - dimension: quantity figures, value equal
 * - numberrange: range / atLeast / atMost figures, bounds equal (open or closed ends not compared)
 *
 * Every case counts, including those the reference implementations mark as
 * unsupported, so the numbers are comparable across runs but not with theirs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFigures } from '../../../src/enrich/figures/find.js';
import { scanNumerals } from '../../../src/enrich/figures/numerals.js';
import type { Figure } from '../../../src/records.js';
import { table } from '../../table.js';
import type { EvalOptions, EvalResult } from '../../types.js';

export const corpusDir = 'figures';

interface SpecCase {
  Input: string;
  Results: Array<{ Text: string; TypeName: string; Resolution?: { value?: string; unit?: string; isoCurrency?: string } | null; Start: number; End: number }>;
}

/** A prediction or an expectation: a span with what it must equal. */
interface Item {
  start: number;
  end: number;
  values: Array<number | null>;
  currency?: string | null;
}

const LANGS: Array<[string, string]> = [
  ['en', 'english'],
  ['ja', 'japanese'],
  ['ko', 'korean'],
];
const MODELS: Array<[string, string]> = [
  ['number', 'Number-NumberModel.json'],
  ['percent', 'Number-PercentModel.json'],
  ['currency', 'NumberWithUnit-CurrencyModel.json'],
  ['dimension', 'NumberWithUnit-DimensionModel.json'],
  ['numberrange', 'Number-NumberRangeModel.json'],
];

function predict(model: string, input: string): Item[] {
  if (model === 'number') return scanNumerals(input).filter((n) => !n.vague).map((n) => ({ start: n.start, end: n.end, values: [n.lo] }));
  // Ranges and bounds are judged on the phrase alone, so bare numbers (3965以上) count here.
  const figs = findFigures(input, { bare: model === 'numberrange' });
  const pick = (pred: (f: Figure) => boolean) => figs.filter(pred);
  switch (model) {
    case 'percent':
      return pick((f) => f.kind === 'percent').map((f) => item(f, [f.value ?? f.low]));
    case 'currency':
      return pick((f) => f.kind === 'money').map((f) => ({ ...item(f, [f.value ?? f.low]), currency: f.unit }));
    case 'dimension':
      return pick((f) => f.kind === 'quantity').map((f) => item(f, [f.value ?? f.low]));
    default:
      return pick((f) => f.qualifier === 'range' || f.qualifier === 'atLeast' || f.qualifier === 'atMost').map((f) =>
        item(f, f.qualifier === 'range' ? [f.low, f.high] : f.qualifier === 'atLeast' ? [f.value, null] : [null, f.value]),
      );
  }
}

const item = (f: Figure, values: Array<number | null>): Item => ({ start: f.start, end: f.end, values });

function expected(model: string, c: SpecCase): Item[] {
  return c.Results.map((r) => {
    const v = r.Resolution?.value ?? '';
    const span = { start: r.Start, end: r.End + 1 };
    if (model === 'numberrange') {
      const m = /^[[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]$/.exec(v);
      const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
      return { ...span, values: m ? [num(m[1]), num(m[2])] : [NaN] };
    }
    return { ...span, values: [Number(v.replace('%', ''))], currency: r.Resolution?.isoCurrency ?? null };
  });
}

const near = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function matches(p: Item, g: Item): boolean {
  if (p.start >= g.end || p.end <= g.start) return false;
  if (p.values.length !== g.values.length || !p.values.every((v, i) => near(v, g.values[i]!))) return false;
  if (g.currency && p.currency !== g.currency) return false;
  return true;
}

export async function run(opts: EvalOptions): Promise<EvalResult> {
  const metrics: Record<string, number> = {};
  const rows: (string | number)[][] = [['lang', 'model', 'cases', 'expected', 'found', 'correct', 'precision', 'recall', 'f1']];
  for (const [lang, folder] of LANGS) {
    let tp = 0;
    let np = 0;
    let ng = 0;
    for (const [model, file] of MODELS) {
      const path = join(opts.corpus, corpusDir, folder, file);
      if (!existsSync(path)) continue;
      const cases = JSON.parse(readFileSync(path, 'utf8')) as SpecCase[];
      let correct = 0;
      let found = 0;
      let want = 0;
      for (const c of cases) {
        const preds = predict(model, c.Input);
        const gold = expected(model, c);
        found += preds.length;
        want += gold.length;
        const used = new Set<number>();
        for (const g of gold) {
          const k = preds.findIndex((p, i) => !used.has(i) && matches(p, g));
          if (k >= 0) {
            used.add(k);
            correct++;
          }
        }
      }
      const p = found ? correct / found : want ? 0 : 1;
      const r = want ? correct / want : 1;
      const f1 = p + r ? (2 * p * r) / (p + r) : 0;
      metrics[`${lang}.${model}.precision`] = p;
      metrics[`${lang}.${model}.recall`] = r;
      metrics[`${lang}.${model}.f1`] = f1;
      rows.push([lang, model, cases.length, want, found, correct, p, r, f1]);
      tp += correct;
      np += found;
      ng += want;
    }
    const p = np ? tp / np : 0;
    const r = ng ? tp / ng : 0;
    metrics[`${lang}.all.f1`] = p + r ? (2 * p * r) / (p + r) : 0;
    rows.push([lang, 'all', '', ng, np, tp, p, r, metrics[`${lang}.all.f1`]!]);
  }
  return { metrics, table: table(rows) };
}
