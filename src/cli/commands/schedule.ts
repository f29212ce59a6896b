import { withQueues } from '../../queue/queues.js';
import { addSchedule, listSchedules, removeSchedule, runScheduleNow, syncSchedules, type ScheduleInfo } from '../../queue/schedules.js';
import { EXIT, plural, type CliIO, type Command } from '../command.js';
import { contextFor, redisOverride } from '../setup.js';

export const command: Command<'schedule'> = {
  name: 'schedule',
  async run({ values, positionals }, io) {
    const [sub, ...args] = positionals;
    const ctx = contextFor(values, io, redisOverride(values));
    const cfg = ctx.config.queue;
    switch (sub) {
      case 'add':
        return withQueues(cfg, async (q) => {
          const s = await addSchedule(q, {
            source: args[0]!,
            ...(values.every !== undefined ? { every: values.every } : { cron: values.cron! }),
            ...(values.tz !== undefined && values.cron !== undefined ? { tz: values.tz } : {}),
            ...(values.id !== undefined ? { id: values.id } : {}),
            ...(values['full-text'] ? { fullText: values['full-text'] } : {}),
          });
          io.stdout.write(`scheduled ${s.id}: ${describe(s)}, next run ${formatTime(s.next)}\n`);
          return EXIT.ok;
        }, ctx.log);
      case 'list':
        return withQueues(cfg, async (q) => {
          const all = await listSchedules(q);
          if (values.format === 'json') io.stdout.write(JSON.stringify(all, null, 2) + '\n');
          else printList(all, io);
          return EXIT.ok;
        }, ctx.log);
      case 'remove':
        return withQueues(cfg, async (q) => {
          if (!(await removeSchedule(q, args[0]!))) {
            io.stderr.write(`kiji schedule remove: no schedule "${args[0]}"\n`);
            return EXIT.failed;
          }
          io.stdout.write(`removed ${args[0]}\n`);
          return EXIT.ok;
        }, ctx.log);
      case 'run':
        return withQueues(cfg, async (q) => {
          const jobId = await runScheduleNow(q, args[0]!);
          io.stdout.write(`queued a poll of ${args[0]} (job ${jobId})\n`);
          return EXIT.ok;
        }, ctx.log);
      default:
        // sync (the schema allows no other subcommand)
        return withQueues(cfg, async (q) => {
          const r = await syncSchedules(q, args[0]!, { keepOthers: values['keep-others'] === true });
          io.stdout.write(`synced ${plural(r.upserted.length, 'schedule')} from ${args[0]}${r.removed.length ? `; removed ${r.removed.join(', ')}` : ''}\n`);
          return EXIT.ok;
        }, ctx.log);
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
