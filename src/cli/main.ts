import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, KijiError } from '../errors.js';
import { EXIT, type CliIO, type Command } from './command.js';
import { parseOptions, type CommandName } from './options.js';
import { parseCommandLine } from './quick.js';
import { COMMANDS } from './registry.js';

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** The names of every command (src/cli/registry.js). */
export function commandNames(): string[] {
  return COMMANDS.map((c) => c.name);
}

async function loadCommand(name: CommandName): Promise<Command> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const mod = (await import(pathToFileURL(join(COMMANDS_DIR, `${name}.${ext}`)).href)) as { command: Command };
  return mod.command;
}

/**
 * The `kiji` command line. Returns the exit code; prints errors as one line
 * naming the input and the reason. Help and malformed options are answered
 * from the registry; the options are then parsed by the command's zod schema
 * before the command (and what it imports) is loaded.
 *
 * @example
 * process.exitCode = await main(['analyze', 'article.md']);
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.kind === 'answer') {
    if (parsed.stdout) io.stdout.write(parsed.stdout);
    if (parsed.stderr) io.stderr.write(parsed.stderr);
    return parsed.code;
  }
  const name = parsed.name as CommandName;
  const spec = COMMANDS.find((c) => c.name === name)!;
  const options = await parseOptions(name, { values: parsed.values, positionals: parsed.positionals });
  if (!options.ok) {
    io.stderr.write(`kiji ${name}: ${options.problems.join('\n  ')}\nusage: ${spec.usage.map(([u]) => u).join('\n       ')}\n`);
    return EXIT.usage;
  }
  try {
    const command = await loadCommand(name);
    return await command.run(options.args as never, io);
  } catch (err) {
    return reportError(err, name, io);
  }
}

/** One line for what went wrong; the stack only for what kiji did not foresee. */
function reportError(err: unknown, name: string, io: CliIO): number {
  if (err instanceof ConfigError) {
    io.stderr.write(`kiji: ${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof KijiError) {
    io.stderr.write(`kiji ${name}: ${err.message}\n`);
    return EXIT.failed;
  }
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'EADDRINUSE') {
    io.stderr.write(`kiji ${name}: port ${e.port ?? ''} on ${e.address ?? 'this machine'} is already in use (another kiji serve?); choose another with --port\n`);
    return EXIT.failed;
  }
  if (e?.code === 'EACCES' && e.syscall === 'listen') {
    io.stderr.write(`kiji ${name}: not allowed to listen on port ${e.port ?? ''} (ports below 1024 need privileges); choose another with --port\n`);
    return EXIT.failed;
  }
  io.stderr.write(`kiji ${name}: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.failed;
}

/**
 * The real process's streams. A reader that closes the pipe early
 * (`kiji list | head -1`) is a normal end: exit quietly.
 */
export function processIO(): CliIO {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      throw err;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
