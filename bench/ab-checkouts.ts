/**
 * The in-process pipeline of two checkouts on the same `analyze --jsonl`
 * input, in one process, document by document and alternating which goes
 * first, so that a busy machine slows both alike: CPU seconds of each and
 * whether every Analysis is the same.
 *
 *   git archive main | tar -x -C /tmp/kiji-main && ln -s "$PWD/node_modules" /tmp/kiji-main/
 *   node --import tsx bench/ab-checkouts.ts /tmp/kiji-main . profile-inputs/ja.jsonl
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Side {
  run: (i: number) => Promise<unknown>;
  n: number;
}

async function load(root: string, input: string): Promise<Side> {
  const src = (p: string) => import(resolve(root, 'src', p));
  const { loadConfig } = await src('config/load.ts');
  const { createContext, useResource } = await src('context.ts');
  const { createLogger } = await src('log.ts');
  const { analyzeDocument } = await src('pipeline.ts');
  const { acquireDocument } = await src('fetch/index.ts');
  const { localDocument } = await src('fetch/local.ts');
  const japanese = await src('tokenize/japanese.ts');
  // Checkouts before the IPADIC reader named it after kuromoji.
  const japaneseTokenizerResource = japanese.japaneseTokenizerResource ?? japanese.kuromojiResource;
  const { gazetteerResource } = await src('enrich/entities/gazetteer.ts');
  const { entityTaggerResource } = await src('enrich/entities/tagger/index.ts');
  const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }), clock: () => new Date('2026-01-01T00:00:00Z') });
  await Promise.all([useResource(ctx, japaneseTokenizerResource), useResource(ctx, gazetteerResource), useResource(ctx, entityTaggerResource)]);
  const docs: unknown[] = [];
  for (const [i, line] of readFileSync(input, 'utf8').trim().split('\n').entries()) {
    const j = JSON.parse(line) as { text?: string; path?: string; title?: string; lang?: string };
    try {
      const d =
        j.text !== undefined
          ? localDocument(j.text, 'plain', { kind: 'stdin', uri: `stdin:${i}` }, ctx, j.lang ?? null)
          : await acquireDocument({ kind: 'file', path: j.path! }, ctx, { lang: j.lang ?? null });
      docs.push({ ...d, meta: { ...d.meta, ...(j.title !== undefined ? { title: j.title } : {}) } });
    } catch {
      docs.push(null); // unreadable on both sides alike
    }
  }
  return { run: (i) => (docs[i] ? analyzeDocument(docs[i], ctx).catch((e: Error) => ({ error: e.message })) : Promise.resolve(null)), n: docs.length };
}

const [baseRoot, nextRoot, input] = process.argv.slice(2);
if (!baseRoot || !nextRoot || !input) throw new Error('usage: ab-checkouts.ts BASE_ROOT NEW_ROOT INPUT.jsonl');
const sides = { base: await load(baseRoot, input), new: await load(nextRoot, input) };
const cpu = { base: 0, new: 0 };
let same = 0;
let differ = 0;
for (let i = 0; i < sides.base.n; i++) {
  const out: Record<string, string> = {};
  for (const v of i % 2 === 0 ? (['base', 'new'] as const) : (['new', 'base'] as const)) {
    const c = process.cpuUsage();
    out[v] = JSON.stringify(await sides[v].run(i));
    const d = process.cpuUsage(c);
    cpu[v] += (d.user + d.system) / 1000;
  }
  if (out.base === out.new) same++;
  else differ++;
}
console.log(JSON.stringify({ input, docs: sides.base.n, cpu_s_base: +(cpu.base / 1000).toFixed(2), cpu_s_new: +(cpu.new / 1000).toFixed(2), ratio: +(cpu.new / cpu.base).toFixed(3), same, differ }));
