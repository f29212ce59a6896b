import { FullTextMode } from '../../fetch/config.js';
import { withQueues } from '../../queue/queues.js';
import { addSchedule, listSchedules, removeSchedule, runScheduleNow, syncSchedules, type ScheduleInfo } from '../../queue/schedules.js';
import { EXIT, type CliIO, type Command } from '../command.js';
import { contextFor } from '../setup.js';

const USAGE = [
  'kiji schedule add <feed-url|opml|path> (--every 15m | --cron "*/30 * * * *" [--tz Asia/Tokyo]) [--id ID] [--full-text auto|always|never]',
  'kiji schedule list [--format json]',
  'kiji schedule remove <id>',
  'kiji schedule run <id>',
  'kiji schedule sync <feeds.yaml> [--keep-others]',
].join('\n       ');

export const command: Command = {
  name: 'schedule',
  summary: 'ingestion schedules on the queue (BullMQ job schedulers, kept in Redis): add, list, remove, run now, sync from a file',
  usage: USAGE,
  options: {
    every: { type: 'string' },
    cron: { type: 'string' },
    id: { type: 'string' },
    'full-text': { type: 'string' },
    format: { type: 'string' },
    redis: { type: 'string' },
    'keep-others': { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const [sub, ...args] = positionals;
    const need = (n: number) => {
      if (args.length === n) return true;
      io.stderr.write(`kiji schedule ${sub}: expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}\nusage: ${USAGE}\n`);
      return false;
    };
    const ctx = contextFor(values, io, values.redis ? { queue: { redis: String(values.redis) } } : {});
    const cfg = ctx.config.queue;
    switch (sub) {
      case 'add': {
        if (!need(1)) return EXIT.usage;
        if ((values.every === undefined) === (values.cron === undefined)) {
          io.stderr.write(`kiji schedule add: give exactly one of --every or --cron\nusage: ${USAGE}\n`);
          return EXIT.usage;
        }
        const fullText = values['full-text'] === undefined ? null : FullTextMode.safeParse(values['full-text']);
        if (fullText && !fullText.success) {
          io.stderr.write(`kiji schedule add: --full-text must be auto, always or never, not "${values['full-text']}"\n`);
          return EXIT.usage;
        }
        return withQueues(cfg, async (q) => {
          const s = await addSchedule(q, {
            source: args[0]!,
            ...(values.every !== undefined ? { every: String(values.every) } : { cron: String(values.cron) }),
            ...(values.tz !== undefined && values.cron !== undefined ? { tz: String(values.tz) } : {}),
            ...(values.id !== undefined ? { id: String(values.id) } : {}),
            ...(fullText ? { fullText: fullText.data } : {}),
          });
          io.stdout.write(`scheduled ${s.id}: ${describe(s)}, next run ${formatTime(s.next)}\n`);
          return EXIT.ok;
        });
      }
      case 'list':
        return withQueues(cfg, async (q) => {
          const all = await listSchedules(q);
          if (values.format === 'json') io.stdout.write(JSON.stringify(all, null, 2) + '\n');
          else printList(all, io);
          return EXIT.ok;
        });
      case 'remove':
        if (!need(1)) return EXIT.usage;
        return withQueues(cfg, async (q) => {
          if (!(await removeSchedule(q, args[0]!))) {
            io.stderr.write(`kiji schedule remove: no schedule "${args[0]}"\n`);
            return EXIT.failed;
          }
          io.stdout.write(`removed ${args[0]}\n`);
          return EXIT.ok;
        });
      case 'run':
        if (!need(1)) return EXIT.usage;
        return withQueues(cfg, async (q) => {
          const jobId = await runScheduleNow(q, args[0]!);
          io.stdout.write(`queued a poll of ${args[0]} (job ${jobId})\n`);
          return EXIT.ok;
        });
      case 'sync':
        if (!need(1)) return EXIT.usage;
        return withQueues(cfg, async (q) => {
          const r = await syncSchedules(q, args[0]!, { keepOthers: values['keep-others'] === true });
          io.stdout.write(`synced ${r.upserted.length} schedules from ${args[0]}${r.removed.length ? `; removed ${r.removed.join(', ')}` : ''}\n`);
          return EXIT.ok;
        });
      default:
        io.stderr.write(`kiji schedule: ${sub ? `unknown subcommand "${sub}"` : 'give a subcommand'}\nusage: ${USAGE}\n`);
        return EXIT.usage;
    }
  },
};

function describe(s: ScheduleInfo): string {
  const rhythm = s.every ? `every ${formatInterval(s.every)}` : `cron "${s.cron}"${s.tz ? ` (${s.tz})` : ''}`;
  return `${s.source} ${rhythm}${s.fullText && s.fullText !== 'auto' ? `, full text ${s.fullText}` : ''}`;
}

function formatInterval(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

const formatTime = (ms: number | null) => (ms ? new Date(ms).toISOString() : '—');

function printList(all: ScheduleInfo[], io: CliIO): void {
  if (all.length === 0) {
    io.stdout.write('no schedules\n');
    return;
  }
  for (const s of all) {
    const last = s.last ? `${s.last.at} ${s.last.ok ? `ok, ${s.last.documents} documents${s.last.failed ? `, ${s.last.failed} failed` : ''}` : `failed: ${s.last.error}`}` : 'never ran';
    io.stdout.write(`${s.id}\n  ${describe(s)}\n  next: ${formatTime(s.next)}   last: ${last}\n`);
  }
}
