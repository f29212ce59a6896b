import type { ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * One `kiji` subcommand. main.ts finds it by file name
 * (src/cli/commands/<name>.ts exporting `command`).
 *
 * @example
 * export const command: Command = {
 *   name: 'list', summary: 'the stored articles', usage: 'kiji list [--format json]',
 *   options: { format: { type: 'string' } },
 *   async run({ values }, io) { io.stdout.write('…'); return 0; },
 * };
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** Positional arguments allowed (default: any number). */
  run(args: { values: Values; positionals: string[] }, io: CliIO): Promise<number>;
}

/** Exit codes: 0 done, 1 failed, 2 usage or configuration error, 3 skipped (not an article, unsupported language). */
export const EXIT = { ok: 0, failed: 1, usage: 2, skipped: 3 } as const;

/** Options every command that touches the store or config accepts. */
export const COMMON_OPTIONS: Options = {
  db: { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  tz: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
