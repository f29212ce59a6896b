import type { ArgsOf, CommandName } from './options.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The common options every command takes, as a command's config needs them. */
export interface CommonValues {
  db?: string | undefined;
  config?: string | undefined;
  'log-level'?: 'debug' | 'info' | 'warn' | 'error' | 'silent' | undefined;
  tz?: string | undefined;
}

/**
 * One `kiji` subcommand: src/cli/commands/<name>.ts exports `command`. Its
 * name, summary, usage and options are in src/cli/registry.js (help without
 * loading any command); its option schema in src/cli/options.ts. `run` gets
 * the options already parsed and typed.
 *
 * @example
 * export const command: Command<'list'> = {
 *   name: 'list',
 *   async run({ values }, io) { io.stdout.write('…'); return EXIT.ok; },
 * };
 */
export interface Command<N extends CommandName = CommandName> {
  name: N;
  run(args: ArgsOf<N>, io: CliIO): Promise<number>;
}

/** Exit codes: 0 done, 1 failed, 2 usage or configuration error, 3 skipped (not an article, unsupported language). */
export const EXIT = { ok: 0, failed: 1, usage: 2, skipped: 3 } as const;

/** `1 input`, `2 inputs`, `1 story`, `3 stories`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
