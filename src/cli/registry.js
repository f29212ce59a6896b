// @ts-check
/**
 * Every `kiji` command's name, one-line summary, usage and options, in plain
 * JavaScript: `kiji --help`, `kiji <command> --help` and usage errors are
 * answered from here before the TypeScript loader or any command module is
 * brought in, so they come back at once. What the options mean (their types,
 * ranges and choices) is checked by each command's zod schema
 * (src/cli/options.ts); the command itself lives in src/cli/commands/<name>.ts.
 */

const jobs = { jobs: { type: 'string', arg: 'N', help: 'analysis threads, each with its own models, sharing one Japanese dictionary (default: one per core; 1: no threads)' } };
const redis = { redis: { type: 'string', arg: 'URL', help: 'Redis (default $REDIS_URL, then redis://127.0.0.1:6379; a cluster is redis+cluster://h1:6379,h2:6379)' } };

/** @type {import('./registry.d.ts').CommandSpec[]} */
export const COMMANDS = [
  {
    name: 'analyze',
    summary: 'run every stage on one document and print its Analysis record as JSON (stores nothing)',
    detail:
      'Standard input (-) is the article body, all of it: no line is taken for a title. --jsonl reads one ' +
      '{"id", "text"|"html"|"path"|"url", "title"?, "lang"?} per line ("url" beside the others is the page address) ' +
      'and writes one Analysis per line, in order, with "inputId".',
    usage: [['kiji analyze <file|url|-> [--lang ja|ko|en] [--format json]', 'one document'], ['kiji analyze --jsonl [--jobs N]', 'one JSON object per line on stdin']],
    options: { lang: { type: 'string', arg: 'ja|ko|en' }, format: { type: 'string', arg: 'json' }, jsonl: { type: 'boolean' }, ...jobs },
  },
  {
    name: 'digest',
    summary: 'a digest of the stored articles: stories grouped by topic, with bullets, key figures, entities and sources',
    usage: [['kiji digest [--since 24h | --from DATE --to DATE | --all] [--lang ja|ko|en] [--format md|html|json|jsonfeed|rss] [--out FILE] [--base-url URL] [--limit N]', '']],
    options: {
      since: { type: 'string', arg: '24h' },
      from: { type: 'string', arg: 'DATE' },
      to: { type: 'string', arg: 'DATE' },
      all: { type: 'boolean' },
      lang: { type: 'string', arg: 'ja|ko|en' },
      format: { type: 'string', arg: 'md|html|json|jsonfeed|rss' },
      out: { type: 'string', short: 'o', arg: 'FILE' },
      'base-url': { type: 'string', arg: 'URL', help: 'where the digest is published: the RSS channel link and the JSON Feed feed_url' },
      limit: { type: 'string', arg: 'N' },
    },
  },
  {
    name: 'ingest',
    summary: 'run the pipeline on files, folders, URLs, feeds and OPML lists, and store the results',
    detail: 'A feed item that is only a title or a teaser is followed to its article page. Exit 0 when every input was handled (stored, or recorded as failed with its reason).',
    usage: [['kiji ingest <path|url|feed-url|opml|->... [--full-text auto|always|never] [--jobs N] [--db URL]', '']],
    options: { 'full-text': { type: 'string', arg: 'auto|always|never' }, ...jobs },
  },
  {
    name: 'jobs',
    summary: 'inspect and feed the queues: add work, count jobs, list and retry failed jobs',
    usage: [
      ['kiji jobs add <path|url>... [--full-text auto|always|never]', 'enqueue files (read here) and URLs, feeds and OPML lists (read by the workers)'],
      ['kiji jobs counts [--format json]', 'jobs per queue and state'],
      ['kiji jobs failed [--queue Q] [--limit N] [--format json]', 'failed jobs with their reason and payload'],
      ['kiji jobs retry [job-id...] [--queue Q]', 'retry failed jobs (all of them when no id is given)'],
    ],
    options: { queue: { type: 'string', arg: 'Q' }, limit: { type: 'string', arg: 'N' }, format: { type: 'string', arg: 'text|json' }, 'full-text': { type: 'string', arg: 'auto|always|never' }, ...redis },
  },
  {
    name: 'list',
    summary: 'the stored articles, newest first',
    usage: [['kiji list [--lang ja|ko|en] [--limit N] [--format text|json]', '']],
    options: { format: { type: 'string', arg: 'text|json' }, lang: { type: 'string', arg: 'ja|ko|en' }, limit: { type: 'string', arg: 'N' } },
  },
  {
    name: 'review',
    summary: 'what dedupe kept and dropped, and why (a stored article by id, or a file analysed in-process)',
    usage: [['kiji review <article-id|file> [--format text|md|json] [--color|--no-color]', '']],
    options: { format: { type: 'string', arg: 'text|md|json' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  },
  {
    name: 'run',
    summary: 'a small install in one process: sync the schedules of a feeds file (if given) and run every queue worker until SIGINT/SIGTERM',
    usage: [['kiji run [--feeds config/feeds.yaml] [--concurrency N] [--jobs N] [--redis URL] [--db URL]', '']],
    options: { feeds: { type: 'string', arg: 'FILE' }, concurrency: { type: 'string', arg: 'N' }, ...jobs, ...redis },
  },
  {
    name: 'schedule',
    summary: 'ingestion schedules on the queue (BullMQ job schedulers, kept in Redis): add, list, remove, run now, sync from a file',
    usage: [
      ['kiji schedule add <feed-url|opml|path> (--every 15m | --cron "*/30 * * * *" [--tz Asia/Tokyo]) [--id ID] [--full-text auto|always|never]', 'add or replace a schedule'],
      ['kiji schedule list [--format json]', 'every schedule, its next run and last result'],
      ['kiji schedule remove <id>', 'remove a schedule'],
      ['kiji schedule run <id>', 'poll a schedule now'],
      ['kiji schedule sync <feeds.yaml> [--keep-others]', 'make Redis hold exactly the schedules of a file'],
    ],
    options: {
      every: { type: 'string', arg: '15m' },
      cron: { type: 'string', arg: 'PATTERN' },
      id: { type: 'string', arg: 'ID' },
      'full-text': { type: 'string', arg: 'auto|always|never' },
      format: { type: 'string', arg: 'text|json' },
      'keep-others': { type: 'boolean' },
      ...redis,
    },
  },
  {
    name: 'serve',
    summary: 'the web reader: digests, articles, dedupe review with overrides, sources, queue dashboard (/queues) and metrics (/metrics)',
    detail: 'Set KIJI_WEB_TOKEN to allow overrides beyond loopback and job actions on /queues; KIJI_WEB_HOSTS names the Host names it answers beyond loopback.',
    usage: [['kiji serve [--port N] [--host H] [--db URL]', '']],
    options: { port: { type: 'string', arg: 'N' }, host: { type: 'string', arg: 'H' } },
  },
  {
    name: 'show',
    summary: 'one stored article: metadata, summary, entities, figures and text (or its Analysis record as JSON)',
    usage: [['kiji show <id> [--format text|json]', '']],
    options: { format: { type: 'string', arg: 'text|json' } },
  },
  {
    name: 'start',
    summary: 'the main job on the embedded defaults: ingest the fixture articles into SQLite, print what was stored and the digest of it',
    usage: [['kiji start [paths...] [--db URL]', '']],
    options: {},
  },
  {
    name: 'worker',
    summary: 'run queue workers until SIGINT/SIGTERM (running jobs finish first, within queue.shutdownGraceMs)',
    usage: [['kiji worker [--queues poll,fetch,analyze] [--concurrency N] [--jobs N] [--until-empty] [--redis URL] [--db URL]', '']],
    options: { queues: { type: 'string', arg: 'LIST' }, concurrency: { type: 'string', arg: 'N' }, ...jobs, 'until-empty': { type: 'boolean' }, ...redis },
  },
];

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  db: { type: 'string', arg: 'URL', help: 'the store: a SQLite file or postgres://… (default $KIJI_DB, then ./data/kiji.db)' },
  config: { type: 'string', arg: 'FILE', help: 'the config file (default $KIJI_CONFIG, then config/kiji.yaml when it exists)' },
  'log-level': { type: 'string', arg: 'LEVEL', help: 'debug, info, warn, error or silent' },
  tz: { type: 'string', arg: 'ZONE', help: 'IANA time zone for dates without one and digest windows' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
};

/** Exit codes: 0 done, 1 failed, 2 usage or configuration error, 3 skipped. */
export const EXIT = /** @type {const} */ ({ ok: 0, failed: 1, usage: 2, skipped: 3 });
