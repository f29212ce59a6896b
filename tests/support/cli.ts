import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Commands that take `--jobs` (analysis threads, one per core by default). */
const THREADED = new Set(['analyze', 'ingest', 'worker', 'run']);

/**
 * Run `kiji …` in-process with captured output (the real command code, no mocks).
 * `--jobs 1` unless the test gives `--jobs`: each thread of a pool loads the
 * dictionaries again, which dozens of short in-process runs cannot repay; the
 * threads themselves are tested through the bin (tests/cli-jobs.test.ts,
 * tests/document-budget.test.ts) and the worker processes.
 */
export async function kiji(args: string[], opts: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  if (THREADED.has(args[0] ?? '') && !args.includes('--jobs') && !args.includes('--help')) args = [...args, '--jobs', '1'];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await main(args, {
    stdout,
    stderr,
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    env: { KIJI_LOG_LEVEL: 'silent', ...opts.env },
    cwd: opts.cwd ?? ROOT,
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/**
 * Run the installed `kiji` (bin/kiji.js) in a child process with `stdin`, as a
 * user's shell does: what threads and start-up are tested through.
 *
 * @example
 * const r = await kijiBin(['analyze', '--jsonl'], '{"text":"…"}\n');
 */
export function kijiBin(args: string[], stdin = '', logLevel = 'silent'): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(ROOT, 'bin', 'kiji.js'), ...args], { cwd: ROOT, env: { ...process.env, KIJI_LOG_LEVEL: logLevel }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
    child.stdin!.end(stdin);
  });
}
