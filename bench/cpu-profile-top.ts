/**
 * The functions that took the most self time in a V8 CPU profile (what
 * `node --cpu-prof` writes), and the inclusive time of the pipeline stages.
 *
 *   node --cpu-prof --cpu-prof-dir=prof/ja --import tsx bin/kiji.js analyze --jsonl < profile-inputs/ja.jsonl > /dev/null
 *   node --import tsx bench/cpu-profile-top.ts prof/ja/*.cpuprofile [N]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const STAGES = ['extract', 'normalise', 'tokenize', 'dedupe', 'enrich', 'summarise'];
const [file, top = '10'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-top.ts FILE.cpuprofile [N]');
const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<string, number>();
const stage = new Map<string, number>();
let total = 0;
p.samples.forEach((id, i) => {
  const dt = p.timeDeltas[i] ?? 0;
  total += dt;
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*?\/(node_modules|src)\//, '$1/')}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  // A stage counts once per sample, however deep it recurses.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at)!.callFrame.functionName;
    if (STAGES.includes(name) && !seen.has(name)) {
      seen.add(name);
      stage.set(name, (stage.get(name) ?? 0) + dt);
    }
  }
});
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(`${ms(v)}  ${k}`);
console.log('stages (inclusive; time in async continuations and GC is not attributed):');
for (const s of STAGES) console.log(`${ms(stage.get(s) ?? 0)}  ${s}`);
