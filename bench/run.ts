/**
 * `npm run bench [-- suite…] [--scale N] [--json]`: runs each bench suite in a
 * process of its own and prints its table and peak RSS. Speed is measured
 * here, never asserted in tests; every suite reports a ratio against a
 * baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, json: { type: 'boolean' }, corpus: { type: 'string' } },
  allowPositionals: true,
});
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((s) => positionals.length === 0 || positionals.includes(s));
if (suites.length === 0) {
  console.error(`bench: no suite named ${positionals.join(', ')}`);
  process.exit(2);
}
const corpus = resolve(values.corpus ?? join(here, '..', '..', 'shared', 'corpus'));
let failed = 0;
for (const suite of suites) {
  console.log(`\n== ${suite} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'suite-runner.ts'), suite, values.scale!, existsSync(corpus) ? corpus : '', values.json ? 'json' : ''], {
    stdio: 'inherit',
    env: { ...process.env, KIJI_LOG_LEVEL: 'silent' },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: suite ${suite} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
