/**
 * Worker processes for the crash and restart tests: the real `kiji worker`
 * command in child processes, on a config file of the test's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT } from './fixtures.js';

export interface WorkerProc {
  proc: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
}

/** Write a kiji.yaml for child processes. */
export function writeConfig(dir: string, config: Record<string, unknown>): string {
  const file = join(dir, `kiji-${Math.random().toString(36).slice(2, 8)}.yaml`);
  writeFileSync(file, stringify(config));
  return file;
}

export function startWorkerProc(configFile: string, args: string[] = []): WorkerProc {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'kiji.js'), 'worker', '--config', configFile, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KIJI_LOG_LEVEL: 'warn' },
  });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, exited, stderr: () => err };
}

/** SIGTERM (graceful) and wait; SIGKILL if it is still there when the test cleans up. */
export async function stopWorkerProc(w: WorkerProc): Promise<number | null> {
  if (w.proc.exitCode !== null || w.proc.signalCode !== null) return w.proc.exitCode;
  w.proc.kill('SIGTERM');
  return w.exited;
}
