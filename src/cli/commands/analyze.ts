import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { StageContext } from '../../context.js';
import { InputError, toErrorRecord } from '../../errors.js';
import { acquireDocument, classifyInput } from '../../fetch/index.js';
import { localDocument } from '../../fetch/local.js';
import { analyzeDocument } from '../../pipeline.js';
import { analyzerFor, inOrder, usesThreads, type Analyzer } from '../../pool/index.js';
import { Lang, type Analysis, type RawDocument } from '../../records.js';
import { EXIT, type CliIO, type Command } from '../command.js';
import { withRuntime } from '../setup.js';

/**
 * One line of `kiji analyze --jsonl` input (CONTRACT.md): one of `text`,
 * `html`, `path` or `url`; `url` beside `html` or `path` is that page's
 * address (base for links, canonical URL). `text` is the article body, all
 * of it; its title is `title`, when given.
 */
export const JsonlInput = z
  .object({
    id: z.union([z.string(), z.number()]),
    text: z.string().optional(),
    html: z.string().optional(),
    path: z.string().optional(),
    url: z.string().regex(/^https?:\/\//i, 'must be an http(s) URL').optional(),
    title: z.string().optional(),
    lang: Lang.optional(),
  })
  .refine((v) => [v.text, v.html, v.path].filter((x) => x !== undefined).length === (v.url !== undefined && v.text === undefined && v.html === undefined && v.path === undefined ? 0 : 1), {
    message: 'give exactly one of text, html, path or url (url may go beside the others as the page address)',
  });
export type JsonlInput = z.infer<typeof JsonlInput>;

export const command: Command<'analyze'> = {
  name: 'analyze',
  async run({ values, positionals }, io) {
    // The dictionaries, the gazetteer and the LLM client load once, before the first document:
    // in this thread for one document or --jobs 1, else once in each of the pool's threads.
    const threads = values.jsonl === true && usesThreads(values.jobs);
    return withRuntime(values, io, { store: false, analysis: !threads }, (rt) => (values.jsonl ? runJsonl(rt.ctx, io, values.jobs) : analyzeOne(positionals[0]!, values.lang ?? null, rt.ctx, io)));
  },
};

async function analyzeOne(input: string, lang: Lang | null, ctx: StageContext, io: CliIO): Promise<number> {
  let doc: RawDocument;
  try {
    doc = await acquireDocument(classifyInput(input), ctx, { stdin: io.stdin, lang });
  } catch (err) {
    io.stderr.write(`kiji analyze: ${oneLine(err, input)}\n`);
    return EXIT.failed;
  }
  try {
    const out = await analyzeDocument(doc, ctx);
    if (out.kind === 'skip') {
      io.stderr.write(`kiji analyze: ${out.detail} (skipped: ${out.reason})\n`);
      return EXIT.skipped;
    }
    io.stdout.write(JSON.stringify(out.value, null, 2) + '\n');
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`kiji analyze: ${oneLine(err, input)}\n`);
    return EXIT.failed;
  }
}

type JsonlResult = (Analysis & { inputId: string | number | null }) | { inputId: string | number | null; error: { code: string; message: string } };

/**
 * Batch mode: one JSON object per input line, one Analysis (or error) per
 * output line, in order. With `jobs` > 1 the documents are analysed by a
 * pool of threads, several at once, and written in input order all the same.
 */
async function runJsonl(ctx: StageContext, io: CliIO, jobs: number): Promise<number> {
  const analyzer = await analyzerFor(ctx, jobs);
  // Read only once the threads are up: lines a readline interface emits before anyone iterates it are lost.
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  const numbered = async function* () {
    for await (const line of lines) {
      lineNo++;
      if (line.trim()) yield { line, lineNo };
    }
  };
  try {
    await inOrder(
      numbered(),
      analyzer.window,
      (row) => analyzeLine(row.line, row.lineNo, ctx, analyzer.analyze),
      (result) => {
        if ('error' in result) failed++;
        io.stdout.write(JSON.stringify(result) + '\n');
      },
    );
  } finally {
    await analyzer.close();
  }
  ctx.log.info('jsonl done', { lines: lineNo, failed });
  return EXIT.ok;
}

/** One input line's output record: its Analysis, or the error that stopped it. Never throws. */
async function analyzeLine(line: string, lineNo: number, ctx: StageContext, analyze: Analyzer): Promise<JsonlResult> {
  let inputId: string | number | null = null;
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new InputError('cli', 'bad_request', `line ${lineNo}: not valid JSON`);
    }
    if (raw && typeof raw === 'object' && 'id' in raw) inputId = (raw as { id: string | number }).id;
    const parsed = JsonlInput.safeParse(raw);
    if (!parsed.success) throw new InputError('cli', 'bad_request', `line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    const doc = await documentFor(parsed.data, ctx, lineNo);
    const out = await analyze(doc);
    return out.kind === 'ok' ? { ...out.value, inputId } : { inputId, error: { code: out.reason, message: out.detail } };
  } catch (err) {
    const rec = toErrorRecord(err, 'cli');
    return { inputId, error: { code: rec.code, message: rec.message } };
  }
}

async function documentFor(input: JsonlInput, ctx: StageContext, lineNo: number): Promise<RawDocument> {
  const lang = input.lang ?? null;
  let doc: RawDocument;
  // The body as given: every line of it is text (a fenced front matter block still reads as metadata).
  if (input.text !== undefined) doc = localDocument(input.text, 'plain', { kind: 'stdin', uri: `stdin:${lineNo}` }, ctx, lang);
  else if (input.html !== undefined) doc = localDocument(input.html, 'html', input.url ? { kind: 'url', uri: input.url } : { kind: 'stdin', uri: `stdin:${lineNo}` }, ctx, lang);
  else if (input.path !== undefined) doc = await acquireDocument({ kind: 'file', path: input.path }, ctx, { lang });
  else doc = await acquireDocument(classifyInput(input.url!), ctx, { lang });
  // The page's address, when the row gives it beside its body: the base for links and the canonical URL.
  const url = input.url !== undefined && (input.text !== undefined || input.html !== undefined || input.path !== undefined) ? input.url : null;
  return { ...doc, meta: { ...doc.meta, ...(url ? { url } : {}), ...(input.title !== undefined ? { title: input.title } : {}) } };
}

/** The first line of an error's message, naming the input when the message does not. */
function oneLine(err: unknown, input?: string): string {
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return input && !msg.includes(input) ? `${input}: ${msg}` : msg;
}
