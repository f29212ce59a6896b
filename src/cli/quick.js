// @ts-check
/**
 * The command line up to the point where a command runs: help, the version,
 * unknown commands (with the one meant) and malformed options, all answered
 * from the registry without loading TypeScript or any command, so they are
 * instant. `main` (src/cli/main.ts) parses with the same function.
 */
import { parseArgs } from 'node:util';
import { closest } from '../suggest.js';
import { COMMANDS, COMMON_OPTIONS, EXIT } from './registry.js';

export const VERSION = '0.1.0';

/**
 * @typedef {{ kind: 'answer', code: number, stdout?: string, stderr?: string }
 *   | { kind: 'run', name: string, values: Record<string, string | boolean | undefined>, positionals: string[] }} Parsed
 */

/**
 * @param {string[]} argv
 * @returns {Parsed}
 */
export function parseCommandLine(argv) {
  const [name, ...rest] = argv;
  if (name === undefined) return { kind: 'answer', code: EXIT.usage, stderr: overview() };
  if (name === '--help' || name === '-h' || name === 'help') {
    const about = rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    return { kind: 'answer', code: EXIT.ok, stdout: about ? commandHelp(about) : overview() };
  }
  if (name === '--version' || name === '-v') return { kind: 'answer', code: EXIT.ok, stdout: `kiji ${VERSION}\n` };
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = closest(name, COMMANDS.map((c) => c.name));
    const what = name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`;
    return { kind: 'answer', code: EXIT.usage, stderr: `kiji: ${what}${near ? ` (did you mean "kiji ${near}"?)` : ''}; see kiji --help\n` };
  }
  const options = Object.fromEntries(Object.entries({ ...COMMON_OPTIONS, ...command.options }).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: /** @type {any} */ (options), allowPositionals: true, strict: true });
  } catch (err) {
    const message = /** @type {Error} */ (err).message;
    const unknown = /Unknown option '(--?[^']+)'/.exec(message)?.[1];
    const near = unknown?.startsWith('--') ? closest(unknown.slice(2), Object.keys(options)) : null;
    const hint = near ? ` (did you mean --${near}?)` : '';
    return { kind: 'answer', code: EXIT.usage, stderr: `kiji ${name}: ${message.split('\n')[0]}${hint}\n${usageLines(command)}` };
  }
  if (parsed.values.help) return { kind: 'answer', code: EXIT.ok, stdout: commandHelp(command) };
  return { kind: 'run', name, values: /** @type {Record<string, string | boolean | undefined>} */ (parsed.values), positionals: parsed.positionals };
}

/**
 * Answer what needs no command (help, version, usage errors); null when a command must run.
 * @param {string[]} argv
 * @param {{ write(s: string): unknown }} stdout
 * @param {{ write(s: string): unknown }} stderr
 * @returns {number | null}
 */
export function quick(argv, stdout, stderr) {
  const p = parseCommandLine(argv);
  if (p.kind === 'run') return null;
  if (p.stdout) stdout.write(p.stdout);
  if (p.stderr) stderr.write(p.stderr);
  return p.code;
}

/** @param {string[]} left @param {number} width */
const pad = (left, width) => left.map((s) => s.padEnd(width));

/** @returns {string} */
export function overview() {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const lines = [
    'kiji: Japanese, Korean and English news — ingest, clean, deduplicate, enrich, summarise, digest',
    '',
    'usage: kiji <command> [options]     kiji <command> --help for its options',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'common options:',
    ...optionLines(COMMON_OPTIONS),
    '',
    'exit codes: 0 done · 1 failed · 2 usage or configuration error · 3 skipped (not an article, unsupported language)',
  ];
  return lines.join('\n') + '\n';
}

/** @param {import('./registry.d.ts').CommandSpec} c @returns {string} */
export function commandHelp(c) {
  const lines = [`kiji ${c.name}: ${c.summary}`, ...(c.detail ? ['', ...wrap(c.detail, 100)] : []), '', usageLines(c).trimEnd()];
  const own = optionLines(c.options);
  if (own.length) lines.push('', 'options:', ...own);
  lines.push('', 'common options:', ...optionLines(COMMON_OPTIONS));
  return lines.join('\n') + '\n';
}

/** @param {import('./registry.d.ts').CommandSpec} c @returns {string} */
export function usageLines(c) {
  const described = c.usage.filter(([, what]) => what);
  // Subcommand lines with what each does, in two aligned columns.
  const width = Math.min(60, Math.max(...c.usage.map(([u]) => u.length))) + 2;
  const rows = c.usage.map(([u, what], i) => `${i === 0 ? 'usage: ' : '       '}${described.length > 1 && what ? (u.length + 2 > width ? `${u}\n${' '.repeat(7 + width)}${what}` : `${u.padEnd(width)}${what}`) : u}`);
  return rows.join('\n') + '\n';
}

/** @param {Record<string, import('./registry.d.ts').OptionSpec>} options @returns {string[]} */
function optionLines(options) {
  const left = Object.entries(options).map(([k, o]) => `  ${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`);
  const width = Math.max(0, ...left.map((l) => l.length)) + 2;
  return Object.values(options)
    .map((o, i) => (o.help ? `${pad([left[i] ?? ''], width)[0]}${o.help}` : (left[i] ?? '')))
    .filter((l) => l.trim() !== '');
}

/** @param {string} text @param {number} width @returns {string[]} */
function wrap(text, width) {
  const out = [''];
  for (const word of text.split(/\s+/)) {
    const last = out[out.length - 1] ?? '';
    if (last && last.length + 1 + word.length > width) out.push(word);
    else out[out.length - 1] = last ? `${last} ${word}` : word;
  }
  return out;
}
