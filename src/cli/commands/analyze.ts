import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { StageContext } from '../../context.js';
import { InputError, toErrorRecord } from '../../errors.js';
import { acquire, classifyInput, type InputRef } from '../../fetch/index.js';
import { localDocument } from '../../fetch/local.js';
import { analyzeDocument } from '../../pipeline.js';
import { Lang, type Analysis, type RawDocument } from '../../records.js';
import { EXIT, type CliIO, type Command } from '../command.js';
import { contextFor } from '../setup.js';

/** One line of `kiji analyze --jsonl` input. */
export const JsonlInput = z
  .object({
    id: z.union([z.string(), z.number()]),
    text: z.string().optional(),
    html: z.string().optional(),
    path: z.string().optional(),
    url: z.string().optional(),
    lang: Lang.optional(),
  })
  .refine((v) => [v.text, v.html, v.path, v.url].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of text, html, path, url is required',
  });
export type JsonlInput = z.infer<typeof JsonlInput>;

export const command: Command = {
  name: 'analyze',
  summary: 'run every stage in-process on one document and print its Analysis record as JSON (stores nothing)',
  usage: 'kiji analyze <file|url|-> [--lang ja|ko|en] [--format json] | kiji analyze --jsonl',
  options: { lang: { type: 'string' }, format: { type: 'string' }, jsonl: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (values.format !== undefined && values.format !== 'json') {
      io.stderr.write(`kiji analyze: unknown format "${values.format}" (json)\n`);
      return EXIT.usage;
    }
    const lang = values.lang === undefined ? null : Lang.safeParse(values.lang);
    if (lang && !lang.success) {
      io.stderr.write(`kiji analyze: --lang must be ja, ko or en, not "${values.lang}"\n`);
      return EXIT.usage;
    }
    const ctx = contextFor(values, io);
    if (values.jsonl) return runJsonl(ctx, io);
    if (positionals.length !== 1) {
      io.stderr.write(`kiji analyze: give exactly one file, URL or - (got ${positionals.length})\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    const input = positionals[0]!;
    let docs: RawDocument[];
    try {
      docs = await acquire(classifyInput(input), ctx, { stdin: io.stdin, lang: lang ? lang.data! : null });
    } catch (err) {
      io.stderr.write(`kiji analyze: ${oneLine(err, input)}\n`);
      return EXIT.failed;
    }
    if (docs.length !== 1) {
      io.stderr.write(`kiji analyze: ${input}: holds ${docs.length} documents (a feed?); use kiji ingest for feeds\n`);
      return EXIT.failed;
    }
    try {
      const out = await analyzeDocument(docs[0]!, ctx);
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
  },
};

/**
 * Batch mode: one JSON object per input line, one Analysis (or error) per
 * output line, in order. The context — and with it kuromoji — is shared.
 */
async function runJsonl(ctx: StageContext, io: CliIO): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let inputId: string | number | null = null;
    let result: (Analysis & { inputId: string | number | null }) | { inputId: string | number | null; error: { code: string; message: string } };
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
      const out = await analyzeDocument(doc, ctx);
      result = out.kind === 'ok' ? { ...out.value, inputId } : { inputId, error: { code: out.reason, message: out.detail } };
    } catch (err) {
      const rec = toErrorRecord(err, 'cli');
      result = { inputId, error: { code: rec.code, message: rec.message } };
    }
    if ('error' in result) failed++;
    io.stdout.write(JSON.stringify(result) + '\n');
  }
  ctx.log.info('jsonl done', { lines: lineNo, failed });
  return EXIT.ok;
}

async function documentFor(input: JsonlInput, ctx: StageContext, lineNo: number): Promise<RawDocument> {
  const lang = input.lang ?? null;
  const source = { kind: 'stdin' as const, uri: `stdin:${lineNo}` };
  // extract reads front matter from any text that opens with a fence.
  if (input.text !== undefined) return localDocument(input.text, 'text', source, ctx, lang);
  if (input.html !== undefined) return localDocument(input.html, 'html', source, ctx, lang);
  const ref: InputRef = input.path !== undefined ? { kind: 'file', path: input.path } : classifyInput(input.url!);
  if (ref.kind === 'file' && input.url !== undefined) throw new InputError('cli', 'bad_request', `line ${lineNo}: url must be http(s)`);
  const docs = await acquire(ref, ctx, { lang });
  if (docs.length !== 1) throw new InputError('cli', 'bad_request', `line ${lineNo}: ${input.path ?? input.url} holds ${docs.length} documents, not one`);
  return docs[0]!;
}

/** The first line of an error's message, naming the input when the message does not. */
function oneLine(err: unknown, input?: string): string {
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return input && !msg.includes(input) ? `${input}: ${msg}` : msg;
}
