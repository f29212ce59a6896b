/**
 * `--jobs 2` (a pool of analysis threads) gives what `--jobs 1` (no threads)
 * gives, byte for byte and in the same order: `analyze --jsonl` through the
 * installed bin (so the threads load TypeScript the way a user's run does),
 * and `ingest` into real SQLite stores.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiji, kijiBin } from './support/cli.js';
import { FIXTURES } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-jobs-'));

const source = (name: string) => {
  const folder = join(FIXTURES, name);
  const file = ['source.txt', 'source.md', 'source.html'].find((f) => {
    try {
      readFileSync(join(folder, f));
      return true;
    } catch {
      return false;
    }
  })!;
  return join(folder, file);
};

describe('--jobs 2 against --jobs 1', () => {
  it('--jobs is a whole number of at least 1, a usage error otherwise', async () => {
    for (const [args, message] of [
      [['analyze', '--jsonl', '--jobs', '0'], /--jobs must be at least 1/],
      [['ingest', 'x', '--jobs', 'two'], /--jobs must be a whole number from 1 to 256/],
      [['worker', '--jobs', '1000'], /--jobs must be at most 256/],
    ] as const) {
      const r = await kiji([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('analyze --jsonl: the same bytes in the same order, errors and skips included, for every kind of row in ja, ko and en', { timeout: 240_000 }, async () => {
    const koHtml = readFileSync(source('ko-blackrock-ai-hub-html'), 'utf8');
    const enHtml = readFileSync(source('en-nvidia-korea-gpus-html'), 'utf8');
    const rows: string[] = [
      JSON.stringify({ id: 'ja-path', path: source('ja-innovatopia-nvidia-korea-gpus') }),
      JSON.stringify({ id: 'ko-text', text: '반도체 수출 역대 최대\n\n10월 반도체 수출이 전년 대비 25% 늘어난 173억 달러를 기록했다. 메모리 가격 상승이 수출을 이끌었다.' }),
      JSON.stringify({ id: 'en-html-url', html: enHtml, url: 'https://news.example.com/2025/11/01/nvidia-korea?utm_source=rss' }),
      'not json',
      JSON.stringify({ id: 'ja-text-titled', title: 'トヨタ、新工場に3000億円', text: 'トヨタ自動車は5日、愛知県の新工場に約3000億円を投じると発表した。' }),
      JSON.stringify({ id: 'both', text: 'a', path: 'b' }),
      JSON.stringify({ id: 'ko-html', html: koHtml }),
      JSON.stringify({ id: 'missing', path: join(dir, 'no-such-file.md') }),
      JSON.stringify({ id: 'en-md', path: source('en-samsung-foundry-results') }),
      JSON.stringify({ id: 'ja-path-url', path: source('ja-allforces-blackrock-korea-ai-hub'), url: 'https://allforces.example.jp/blackrock' }),
      // Skipped in the thread (unsupported language): the error line the single-thread path writes.
      JSON.stringify({ id: 'fr', text: "Accord entre la Corée et BlackRock\n\nLe gouvernement sud-coréen et le gestionnaire d'actifs ont signé un protocole d'accord pour des centres de données." }),
      JSON.stringify({ id: 'ko-md', path: source('ko-hbm-export-outlook'), lang: 'ko' }),
      JSON.stringify({ id: 'bad-url', html: koHtml, url: 'ftp://news.example.co.kr/view/5531' }),
      JSON.stringify({ id: 'en-text', text: 'Samsung Electronics will invest $3 billion in chip plants in Texas, the company said on Monday.' }),
      JSON.stringify({ id: 'en-txt', path: source('en-blackrock-korea-ai-hub') }),
      JSON.stringify({ id: 'en-txt-syndicated', path: source('en-blackrock-korea-ai-hub-syndicated') }),
      '',
      JSON.stringify({ id: 'ko-path', path: source('ko-nvidia-apec-gpu') }),
      JSON.stringify({ id: 'ja-path-again', path: source('ja-innovatopia-nvidia-korea-gpus') }),
    ];
    // Whole articles again after the mixed rows: a run long enough for the pool to start its second thread
    // (it waits until the run has spent as long analysing as a thread takes to load).
    for (let round = 0; round < 30; round++) {
      for (const name of ['ja-innovatopia-nvidia-korea-gpus', 'ko-hbm-export-outlook', 'en-nvidia-korea-gpus-html', 'ja-allforces-blackrock-korea-ai-hub', 'ko-nvidia-apec-gpu']) {
        rows.push(JSON.stringify({ id: `${name}-${round}`, path: source(name) }));
      }
    }
    const stdin = rows.join('\n') + '\n';
    const [one, two] = await Promise.all([kijiBin(['analyze', '--jsonl', '--jobs', '1'], stdin), kijiBin(['analyze', '--jsonl', '--jobs', '2'], stdin, 'debug')]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // Both threads took part: the second one started, and each wrote analysis log lines.
    expect(two.stderr).toMatch(/"msg":"analysis thread started".*"pool_thread":1/);
    expect(two.stderr).toMatch(/"pool_thread":1,"stage":"extract"|"stage":"extract".*"pool_thread":1|"pool_thread":1.*"msg":"extracted"|"msg":"extracted".*"pool_thread":1/);
    const out = two.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.inputId)).toEqual(rows.filter((r) => r.trim()).map((r) => (r.startsWith('{') ? JSON.parse(r).id : null)));
    const langs = Object.fromEntries(out.filter((o) => !o.error).map((o) => [o.inputId, o.lang]));
    expect(langs).toMatchObject({ 'ja-path': 'ja', 'ko-text': 'ko', 'en-html-url': 'en', 'ko-html': 'ko', 'ja-text-titled': 'ja', 'en-md': 'en' });
    const errors = Object.fromEntries(out.filter((o) => o.error).map((o) => [o.inputId ?? 'line 4', o.error.code]));
    expect(errors).toEqual({ 'line 4': 'bad_request', both: 'bad_request', missing: 'not_found', fr: 'unsupported-language', 'bad-url': 'bad_request' });
  });

  it('ingest: the same articles, links and failures in the store', { timeout: 240_000 }, async () => {
    const docs = join(dir, 'docs');
    for (const name of ['ja-allforces-blackrock-korea-ai-hub', 'ko-nvidia-apec-gpu', 'en-samsung-foundry-results', 'en-blackrock-korea-ai-hub', 'en-blackrock-korea-ai-hub-syndicated', 'ko-blackrock-ai-hub-html']) {
      cpSync(join(FIXTURES, name), join(docs, name), { recursive: true });
    }
    // The same article twice under two names: which copy is the original depends on the order they are linked in.
    cpSync(join(FIXTURES, 'ja-innovatopia-nvidia-korea-gpus'), join(docs, 'ja-a-first'), { recursive: true });
    cpSync(join(FIXTURES, 'ja-innovatopia-nvidia-korea-gpus'), join(docs, 'ja-z-again'), { recursive: true });
    writeFileSync(join(docs, 'broken.md'), '---\ntitle: [unclosed\n---\nbody');
    writeFileSync(join(docs, 'fr.txt'), "Accord entre la Corée et BlackRock\n\nLe gouvernement sud-coréen et le gestionnaire d'actifs ont signé un protocole d'accord pour des centres de données.");

    const stored: Record<string, { stderr: string; list: string; shown: string[] }> = {};
    await Promise.all(
      ['1', '2'].map(async (jobs) => {
        const db = join(dir, `jobs-${jobs}.db`);
        const r = await kijiBin(['ingest', docs, '--jobs', jobs, '--db', db]);
        expect(r.code, r.stderr).toBe(0);
        const list = (await kijiBin(['list', '--format', 'json', '--db', db])).stdout;
        const ids = (JSON.parse(list) as { id: string }[]).map((a) => a.id);
        const shown = [];
        for (const id of ids) shown.push((await kijiBin(['show', id, '--format', 'json', '--db', db])).stdout);
        stored[jobs] = { stderr: r.stderr, list, shown };
      }),
    );
    expect(stored['1']!.stderr).toMatch(/ingest: 6 stored, 2 duplicate, 1 skipped, 1 failed/);
    expect(stored['2']!.stderr).toBe(stored['1']!.stderr);
    expect(stored['2']!.list).toBe(stored['1']!.list);
    expect(stored['2']!.shown).toEqual(stored['1']!.shown);
  });
});
