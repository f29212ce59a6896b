/** Runs one bench suite in this process and reports its result and this process's peak RSS. */
import type { BenchOptions, BenchResult } from './types.js';

const [suite, scale, corpus, json] = process.argv.slice(2);
const mod = (await import(`./suites/${suite}.ts`)) as { run: (opts: BenchOptions) => Promise<BenchResult> };
const started = performance.now();
const result = await mod.run({ scale: Number(scale) || 1, corpus: corpus || null });
const seconds = (performance.now() - started) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(result.table.trimEnd());
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB · suite wall time ${seconds.toFixed(1)} s`);
if (json) console.log(JSON.stringify({ suite, ...result.metrics, peakRssMb: Math.round(peakRssMb), seconds: Math.round(seconds * 10) / 10 }));
