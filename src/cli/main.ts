import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, KijiError } from '../errors.js';
import { COMMON_OPTIONS, EXIT, type CliIO, type Command } from './command.js';

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** The names of every command: one file each in src/cli/commands. */
export function commandNames(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => /^[a-z][a-z-]*\.(ts|js)$/.test(f) && !f.includes('.test.'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

async function loadCommand(name: string): Promise<Command | null> {
  if (!commandNames().includes(name)) return null;
  const file = readdirSync(COMMANDS_DIR).find((f) => f === `${name}.ts` || f === `${name}.js`)!;
  const mod = (await import(pathToFileURL(join(COMMANDS_DIR, file)).href)) as { command: Command };
  return mod.command;
}

/**
 * The `kiji` command line. Returns the exit code; prints errors as one line
 * naming the input and the reason.
 *
 * @example
 * process.exitCode = await main(['analyze', 'article.md']);
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('kiji 0.1.0\n');
    return EXIT.ok;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr.write(`kiji: unknown command "${name}" (try: kiji --help)\n`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    io.stderr.write(`kiji ${name}: ${(err as Error).message}\nusage: ${command.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout.write(`${command.summary}\n\nusage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] }, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`kiji: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof KijiError) {
      io.stderr.write(`kiji ${name}: ${err.message}\n`);
      return EXIT.failed;
    }
    io.stderr.write(`kiji ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failed;
  }
}

async function usage(): Promise<string> {
  const lines = ['kiji: Japanese, Korean and English news — ingest, clean, deduplicate, enrich, summarise, digest', '', 'commands:'];
  for (const n of commandNames()) {
    const c = await loadCommand(n);
    if (c) lines.push(`  ${c.usage}\n      ${c.summary}`);
  }
  lines.push('', 'common options: --db URL (SQLite path or postgres://…), --config FILE, --log-level LEVEL, --tz ZONE');
  return lines.join('\n') + '\n';
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
