export type Parsed =
  | { kind: 'answer'; code: number; stdout?: string; stderr?: string }
  | { kind: 'run'; name: string; values: Record<string, string | boolean | undefined>; positionals: string[] };
export declare const VERSION: string;
export declare function parseCommandLine(argv: string[]): Parsed;
export declare function quick(argv: string[], stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown }): number | null;
export declare function overview(): string;
export declare function commandHelp(c: import('./registry.d.ts').CommandSpec): string;
export declare function usageLines(c: import('./registry.d.ts').CommandSpec): string;
