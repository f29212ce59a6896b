/** Types for registry.js (plain JavaScript, so help needs no TypeScript loader). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help (`N`, `URL`). */
  arg?: string;
  help?: string;
}
export interface CommandSpec {
  name: string;
  summary: string;
  /** More than one line says, shown by `kiji <command> --help`. */
  detail?: string;
  /** Usage lines, each with what it does (empty when the summary says it). */
  usage: [string, string][];
  options: Record<string, OptionSpec>;
}
export declare const COMMANDS: CommandSpec[];
export declare const COMMON_OPTIONS: Record<string, OptionSpec>;
export declare const EXIT: { readonly ok: 0; readonly failed: 1; readonly usage: 2; readonly skipped: 3 };
