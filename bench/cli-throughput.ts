/**
 * `kiji analyze --jsonl --jobs N` as a user runs it — bin/kiji.js in a
 * process of its own — on a ja, a ko and an en mix of generated articles,
 * beside kuromoji-only tokenization of the same text in one thread of this
 * process, measured in the same run. Throughput is from the first output line
 * to the last (the process and the dictionaries already loaded, as in a long
 * run); the wall time with start-up is shown beside it. Peak RSS is the kiji
 * process's high-water mark (/proc/PID/status VmHWM, polled): threads share
 * one process, so that is the whole cost of N dictionaries.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, templates, type BenchDoc } from './corpus.js';
import { loadKuromojiLibrary } from './kuromoji-library.js';
import { table } from './table.js';

const ROOT = join(import.meta.dirname, '..');
const EXT: Record<BenchDoc['format'], string> = { markdown: 'md', html: 'html', text: 'txt', plain: 'txt' };

export interface CliThroughput {
  table: string;
  metrics: Record<string, number>;
}

/**
 * @example
 * const r = await cliThroughput(1000, [1, 2]); console.log(r.table);
 */
export async function cliThroughput(perLang: number, jobs: number[]): Promise<CliThroughput> {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-bench-jobs-'));
  const kuromoji = await loadKuromojiLibrary();
  const rows: (string | number)[][] = [['mix', 'path', 'articles/s', 'chars/s', 'vs kuromoji-only', 'wall s (with start-up)', 'peak RSS MB']];
  const metrics: Record<string, number> = {};
  try {
    for (const lang of ['ja', 'ko', 'en']) {
      const docs = mix(lang, perLang);
      const chars = docs.reduce((s, d) => s + d.body.length, 0);
      // Markdown and text as files (`path` rows: front matter and scraped-text handling as a user's files get);
      // HTML as `html` rows, since the generator renumbers digits everywhere, a page's `charset=utf-8` too.
      const lines = docs.map((d, i) => {
        if (d.format === 'html') return JSON.stringify({ id: i, html: d.body });
        const file = join(dir, `${lang}-${i}.${EXT[d.format]}`);
        writeFileSync(file, d.body);
        return JSON.stringify({ id: i, path: file });
      });
      const input = join(dir, `${lang}.jsonl`);
      writeFileSync(input, lines.join('\n') + '\n');

      const t = performance.now();
      for (const d of docs) for (const para of d.body.split(/\n{2,}/)) kuromoji.tokenize(para);
      const kMs = performance.now() - t;
      rows.push([lang, 'kuromoji-only tokenization, 1 thread (baseline)', perSec(docs.length, kMs), perSec(chars, kMs), '1.00×', '', '']);
      metrics[`${lang}KuromojiArticlesPerSec`] = perSec(docs.length, kMs);

      for (const j of jobs) {
        const r = await runCli(input, j);
        if (r.lines !== docs.length) throw new Error(`bench pipeline: kiji analyze --jsonl --jobs ${j} wrote ${r.lines} lines for ${docs.length} ${lang} documents`);
        const ms = r.lastLineMs - r.firstLineMs;
        // The first document's own time is outside the interval: count the documents after it.
        const n = docs.length - 1;
        const c = chars * (n / docs.length);
        rows.push([lang, `kiji analyze --jsonl --jobs ${j} (${j === 1 ? 'no threads' : `${j} threads`})`, perSec(n, ms), perSec(c, ms), `${(kMs / docs.length / (ms / n)).toFixed(2)}×`, (r.wallMs / 1000).toFixed(1), r.peakRssMb ?? 'n/a']);
        metrics[`${lang}Jobs${j}ArticlesPerSec`] = perSec(n, ms);
        metrics[`${lang}Jobs${j}CharsPerSec`] = perSec(c, ms);
        metrics[`${lang}Jobs${j}RatioToKuromoji`] = kMs / docs.length / (ms / n);
        if (r.peakRssMb !== null) metrics[`${lang}Jobs${j}PeakRssMb`] = r.peakRssMb;
        if (r.errors) rows.push([lang, `  (${r.errors} error lines)`, '', '', '', '', '']);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    table: [
      `kiji analyze --jsonl through bin/kiji.js, ${perLang} generated articles per mix; articles/s from the first output line to the last; goals: --jobs 2 ≥ 1.5× kuromoji-only, --jobs 1 ≥ 0.8×, peak RSS < 500 MB with one dictionary`,
      table(rows),
    ].join('\n'),
    metrics,
  };
}

/** `n` generated articles of one language, cycling through that language's templates. */
function mix(lang: string, n: number): BenchDoc[] {
  const all = templates();
  const share = all.filter((t) => t.lang === lang).length / all.length;
  return generateCorpus(Math.ceil(n / share) + all.length, lang.charCodeAt(0))
    .filter((d) => d.lang === lang)
    .slice(0, n);
}

const perSec = (count: number, ms: number) => (count / ms) * 1000;

interface CliRun {
  lines: number;
  errors: number;
  firstLineMs: number;
  lastLineMs: number;
  wallMs: number;
  peakRssMb: number | null;
}

function runCli(input: string, jobs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'analyze', '--jsonl', '--jobs', String(jobs)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, KIJI_LOG_LEVEL: 'silent' },
    });
    child.stdin.end(readFileSync(input));
    const run: CliRun = { lines: 0, errors: 0, firstLineMs: 0, lastLineMs: 0, wallMs: 0, peakRssMb: null };
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const now = performance.now();
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        if (!line) continue;
        if (run.lines === 0) run.firstLineMs = now;
        run.lines++;
        run.lastLineMs = now;
        if (line.startsWith('{"inputId"')) run.errors++;
      }
    });
    // VmHWM only grows: the last reading before exit is the peak.
    const poll = setInterval(() => {
      const hwm = vmHwmMb(child.pid);
      if (hwm !== null) run.peakRssMb = Math.max(run.peakRssMb ?? 0, hwm);
    }, 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      run.wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`bench pipeline: kiji analyze --jsonl --jobs ${jobs} exited with ${code}`));
      resolve(run);
    });
  });
}

function vmHwmMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
