/**
 * `npm run eval [-- suite…] [--corpus DIR] [--update] [--allow-lower] [--verbose]`
 *
 * Quality against the public corpus (../shared/corpus by default; a user's
 * clone may not have it). Each suite's metrics are checked against the floors
 * in bench/eval/baselines/<suite>.json; the run fails when any metric falls
 * below its floor. `--update` raises floors to what was measured (rounded
 * down to 2 decimals) and never lowers one unless `--allow-lower` is given.
 * A baseline records a hash of the corpus files it was measured on, so a
 * changed corpus is reported rather than silently compared.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EvalOptions, EvalResult } from '../types.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: { corpus: { type: 'string' }, update: { type: 'boolean' }, 'allow-lower': { type: 'boolean' }, json: { type: 'boolean' }, verbose: { type: 'boolean' } },
  allowPositionals: true,
});
const corpus = resolve(values.corpus ?? join(here, '..', '..', '..', 'shared', 'corpus'));
if (!existsSync(corpus)) {
  console.error(`eval: no corpus at ${corpus}; pass --corpus DIR (the public evaluation corpus, see docs/evaluation.md)`);
  process.exit(2);
}

interface Baseline {
  corpusHash: string;
  floors: Record<string, number>;
}

const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((s) => positionals.length === 0 || positionals.includes(s));
let failures = 0;
for (const suite of suites) {
  const mod = (await import(`./suites/${suite}.ts`)) as { run: (o: EvalOptions) => Promise<EvalResult>; corpusDir: string };
  const started = performance.now();
  const result = await mod.run({ corpus, verbose: values.verbose ?? false });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n== ${suite} (${seconds.toFixed(1)} s) ==\n${result.table.trimEnd()}`);

  const file = join(here, 'baselines', `${suite}.json`);
  const hash = corpusHash(join(corpus, mod.corpusDir));
  const baseline: Baseline = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { corpusHash: hash, floors: {} };
  if (baseline.corpusHash !== hash) console.log(`note: the corpus under ${mod.corpusDir}/ changed since the floors were set (hash ${baseline.corpusHash} → ${hash})`);
  const below = Object.entries(baseline.floors).filter(([k, floor]) => !(k in result.metrics) || result.metrics[k]! < floor);
  for (const [k, floor] of below) console.log(`FLOOR BROKEN ${suite}.${k}: ${result.metrics[k]?.toFixed(4) ?? 'missing'} < ${floor}`);
  if (values.update) {
    const floors = { ...baseline.floors };
    for (const [k, v] of Object.entries(result.metrics)) {
      const measured = Math.floor(v * 100) / 100;
      if (floors[k] === undefined || measured > floors[k]! || values['allow-lower']) floors[k] = measured;
    }
    writeFileSync(file, JSON.stringify({ corpusHash: hash, floors: sortKeys(floors) }, null, 2) + '\n');
    console.log(`floors written to ${relative(process.cwd(), file)}`);
  } else if (below.length) failures += below.length;
  if (values.json) console.log(JSON.stringify({ suite, metrics: result.metrics }));
}
if (failures) {
  console.error(`\neval: ${failures} metric(s) below their floor`);
  process.exit(1);
}
console.log('\neval: every metric at or above its floor');

function corpusHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else h.update(`${relative(dir, p)}:${st.size}\n`);
    }
  };
  if (existsSync(dir)) walk(dir);
  return h.digest('hex').slice(0, 16);
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
