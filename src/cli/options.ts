/**
 * One zod schema per command for what the command line gave it: option
 * types, ranges and choices, and how many arguments. `main` parses with it
 * before the command runs, so a command sees typed values only, and every
 * problem is one usage error (exit 2) listing all of them.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { FullTextMode } from '../fetch/config.js';
import { STAGES } from '../queue/names.js';

const LogLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
const common = {
  db: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  'log-level': LogLevel.optional(),
  tz: z.string().min(1).optional(),
  help: z.boolean().optional(),
};

/** A whole number given as text, within bounds. */
const count = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `must be ${values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values[0]}, not "${String(iss.input)}"` });

const command = <V extends z.ZodRawShape>(values: V, positionals: z.ZodType<string[], string[]> = z.array(z.string())) =>
  z.object({ values: z.strictObject({ ...common, ...values }), positionals });

/** `--jobs N`: analysis threads; one per core this process may use when not given, 1 for no threads at all. */
const jobs = () => count(1, 256).default(() => availableParallelism());

const none = z.array(z.string()).max(0, 'takes no arguments');
const exactly = (n: number, what: string) => z.array(z.string()).length(n, `give ${what}`);

/** An interval (`90s`, `15m`, `1h30m`) of at least a second, in ms. */
export function parseInterval(text: string): number | null {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  const t = text.trim();
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * units[m[2]!]!;
    consumed = re.lastIndex;
  }
  return consumed === t.length && total >= 1000 ? Math.round(total) : null;
}

export const OPTIONS = {
  analyze: command(
    { lang: choice(['ja', 'ko', 'en']).optional(), format: choice(['json']).optional(), jsonl: z.boolean().optional(), jobs: jobs() },
  ).superRefine((a, ctx) => {
    if (a.values.jsonl && a.positionals.length) ctx.addIssue({ code: 'custom', path: ['positionals'], message: '--jsonl reads standard input: give no file' });
    if (!a.values.jsonl && a.positionals.length !== 1) ctx.addIssue({ code: 'custom', path: ['positionals'], message: `give exactly one file, URL or - (got ${a.positionals.length})` });
  }),
  digest: command(
    {
      since: z.string().min(1).optional(),
      from: z.string().min(1).optional(),
      to: z.string().min(1).optional(),
      all: z.boolean().optional(),
      lang: choice(['ja', 'ko', 'en']).optional(),
      format: choice(['md', 'html', 'json', 'jsonfeed', 'rss']).default('md'),
      out: z.string().min(1).optional(),
      'base-url': z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      limit: count(1).optional(),
    },
    none,
  ).refine((a) => !(a.values.all && (a.values.since || a.values.from || a.values.to)), { path: ['values', 'all'], message: 'takes no --since, --from or --to' }),
  ingest: command({ 'full-text': FullTextMode.optional(), jobs: jobs() }, z.array(z.string()).min(1, 'nothing to ingest: give paths, URLs, feeds or -')),
  jobs: command(
    {
      queue: z.string().transform((s) => s.replace(/^kiji\./, '')).pipe(choice(STAGES)).optional(),
      limit: count(1).default(50),
      format: choice(['text', 'json']).default('text'),
      'full-text': FullTextMode.optional(),
      redis: z.string().min(1).optional(),
    },
    z.array(z.string()).superRefine((p, ctx) => {
      const [sub, ...args] = p;
      if (!sub) ctx.addIssue({ code: 'custom', message: 'give a subcommand: add, counts, failed or retry' });
      else if (!['add', 'counts', 'failed', 'retry'].includes(sub)) ctx.addIssue({ code: 'custom', message: `unknown subcommand "${sub}" (add, counts, failed, retry)` });
      else if (sub === 'add' && args.length === 0) ctx.addIssue({ code: 'custom', message: 'jobs add: nothing to add' });
      else if ((sub === 'counts' || sub === 'failed') && args.length) ctx.addIssue({ code: 'custom', message: `jobs ${sub} takes no arguments` });
    }),
  ),
  list: command({ format: choice(['text', 'json']).default('text'), lang: choice(['ja', 'ko', 'en']).optional(), limit: count(1).optional() }, none),
  review: command({ format: choice(['text', 'md', 'json']).default('text'), color: z.boolean().optional(), 'no-color': z.boolean().optional() }, exactly(1, 'one article id or file')),
  run: command({ feeds: z.string().min(1).optional(), concurrency: count(1, 64).optional(), jobs: jobs(), redis: z.string().min(1).optional() }, none),
  schedule: command(
    {
      every: z
        .string()
        .refine((s) => parseInterval(s) !== null, { error: (iss) => `"${String(iss.input)}" is not an interval of at least 1s (e.g. 90s, 15m, 2h, 1d)` })
        .optional(),
      cron: z.string().min(1).optional(),
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dot, dash and underscore only').optional(),
      'full-text': FullTextMode.optional(),
      format: choice(['text', 'json']).default('text'),
      'keep-others': z.boolean().optional(),
      redis: z.string().min(1).optional(),
    },
    z.array(z.string()).superRefine((p, ctx) => {
      const [sub, ...args] = p;
      const arity: Record<string, number> = { add: 1, list: 0, remove: 1, run: 1, sync: 1 };
      if (!sub) ctx.addIssue({ code: 'custom', message: 'give a subcommand: add, list, remove, run or sync' });
      else if (!(sub in arity)) ctx.addIssue({ code: 'custom', message: `unknown subcommand "${sub}" (add, list, remove, run, sync)` });
      else if (args.length !== arity[sub]) ctx.addIssue({ code: 'custom', message: `schedule ${sub}: expected ${arity[sub]} argument${arity[sub] === 1 ? '' : 's'}, got ${args.length}` });
    }),
  ).superRefine(async (a, ctx) => {
    if (a.positionals[0] !== 'add') return;
    if ((a.values.every === undefined) === (a.values.cron === undefined)) ctx.addIssue({ code: 'custom', path: ['values', 'every'], message: 'give exactly one of --every or --cron' });
    if (a.values.cron !== undefined) {
      const { CronExpressionParser } = await import('cron-parser');
      try {
        CronExpressionParser.parse(a.values.cron, a.values.tz ? { tz: a.values.tz } : {});
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['values', 'cron'], message: `bad cron pattern "${a.values.cron}": ${(err as Error).message}` });
      }
    }
    if (a.values.tz !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: a.values.tz });
      } catch {
        ctx.addIssue({ code: 'custom', path: ['values', 'tz'], message: `unknown time zone "${a.values.tz}"` });
      }
    }
  }),
  serve: command({ port: count(0, 65535).optional(), host: z.string().min(1).optional() }, none),
  show: command({ format: choice(['text', 'json']).default('text') }, exactly(1, 'one article id')),
  start: command({}),
  worker: command(
    {
      queues: z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim().replace(/^kiji\./, '')).filter(Boolean))
        .pipe(z.array(choice(STAGES)).min(1, 'name at least one queue'))
        .optional(),
      concurrency: count(1, 64).optional(),
      jobs: jobs(),
      'until-empty': z.boolean().optional(),
      redis: z.string().min(1).optional(),
    },
    none,
  ),
} satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof OPTIONS;
/** What a command's `run` receives: its options parsed and typed. */
export type ArgsOf<N extends CommandName> = z.output<(typeof OPTIONS)[N]>;

/**
 * Parse a command's options; the problems, one per line, when they do not fit.
 *
 * @example
 * const r = await parseOptions('list', { values: { limit: '0' }, positionals: [] });
 * // { ok: false, problems: ['--limit: must be at least 1'] }
 */
export async function parseOptions<N extends CommandName>(name: N, raw: { values: Record<string, unknown>; positionals: string[] }): Promise<{ ok: true; args: ArgsOf<N> } | { ok: false; problems: string[] }> {
  const r = await (OPTIONS[name] as z.ZodType).safeParseAsync(raw);
  if (r.success) return { ok: true, args: r.data as ArgsOf<N> };
  return {
    ok: false,
    problems: r.error.issues.map((i) => {
      const [where, key] = i.path as string[];
      const label = where === 'values' && key ? `--${key}` : where === 'positionals' ? 'arguments' : 'options';
      return /^must /.test(i.message) ? `${label} ${i.message}` : `${label}: ${i.message}`;
    }),
  };
}
