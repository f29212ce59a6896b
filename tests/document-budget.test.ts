/**
 * Issue 17.3: a document that computes for long cannot hold anything up. Each
 * document has a CPU budget in its analysis thread (`documentCpuBudgetMs`);
 * past it the thread is stopped and the document fails `too_complex`, once,
 * while the documents around it are analysed as usual. Through the real bin
 * (`analyze --jsonl --jobs 2`) and through `kiji worker` processes on a real
 * Redis, where the job must fail at once rather than stall and run again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDocument } from '../src/fetch/local.js';
import { connectRedis } from '../src/queue/connection.js';
import { enqueueDocuments, openQueues } from '../src/queue/queues.js';
import { openStore } from '../src/store/index.js';
import { kijiBin } from './support/cli.js';
import { cleanupQueues, randomPrefix, startPrivateRedis, testConfig, testContext, waitFor, type PrivateRedis } from './support/queue.js';
import { startWorkerProc, stopWorkerProc, writeConfig } from './support/worker-procs.js';

const dir = mkdtempSync(join(tmpdir(), 'kiji-budget-'));
const BUDGET_MS = 1_500;

/**
 * A Japanese report of about 600,000 characters, every sentence different (repeats are tokenized once, so they
 * would cost little): several seconds of kuromoji alone, far past the budget.
 */
function hugeJapanese(): string {
  const companies = ['トヨタ自動車', 'ソニーグループ', '日立製作所', '三菱商事', 'パナソニック', '任天堂', 'キヤノン', '東京エレクトロン'];
  const cities = ['東京', '大阪', '名古屋', '福岡', '札幌', '仙台', '広島', '神戸'];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < 600_000; i++) {
    const c = companies[i % companies.length]!;
    const city = cities[(i * 7) % cities.length]!;
    const sentence = `${c}は${city}で第${i + 1}期の決算を発表し、売上高が前年比${(i % 37) + 1}.${i % 10}%増の${1000 + i * 3}億円になったと明らかにした。${i % 6 === 5 ? '\n\n' : ''}`;
    out.push(sentence);
    length += sentence.length;
  }
  return out.join('');
}

const small = {
  ja: '日本銀行は31日の金融政策決定会合で、政策金利を0.5%に据え置くことを決めた。植田和男総裁は記者会見で、物価の見通しを説明した。',
  ko: '한국은행은 기준금리를 연 3.25%로 동결했다. 이창용 총재는 물가 상승률이 2%대로 내려왔다고 말했다.',
  en: 'Samsung Electronics said on Thursday its operating profit rose 12% to 9.1 trillion won in the third quarter, helped by memory chip prices.',
};

describe('a document past its CPU budget', () => {
  it('analyze --jsonl --jobs 2: that row fails too_complex, the rows around it are analysed, in order', { timeout: 300_000 }, async () => {
    const cfg = writeConfig(dir, { documentCpuBudgetMs: BUDGET_MS });
    const rows = [
      { id: 'ja', lang: 'ja', text: small.ja },
      { id: 'huge', lang: 'ja', text: hugeJapanese() },
      { id: 'ko', lang: 'ko', text: small.ko },
      { id: 'en', lang: 'en', text: small.en },
    ];
    const r = await kijiBin(['analyze', '--jsonl', '--jobs', '2', '--config', cfg], rows.map((x) => JSON.stringify(x)).join('\n') + '\n', 'warn');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { inputId: string; lang?: string; error?: { code: string; message: string } });
    expect(out.map((o) => o.inputId)).toEqual(['ja', 'huge', 'ko', 'en']);
    expect(out[1]!.error).toMatchObject({ code: 'too_complex', message: expect.stringMatching(/more than 1\.5 s of CPU/) });
    for (const i of [0, 2, 3]) {
      expect(out[i]!.error, out[i]!.inputId).toBeUndefined();
      expect(out[i]!.lang).toBe(out[i]!.inputId);
    }
    expect(r.stderr).toMatch(/document over its CPU budget/);
  });
});

describe('kiji worker', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('fails the job at once (not stalled, not retried), stores the others, and keeps its locks', { timeout: 300_000 }, async () => {
    const q = testConfig({ redis: redis.url, prefix: randomPrefix(), concurrency: 2, attempts: 3, lockDurationMs: 2_000, stalledIntervalMs: 1_000, maxStalledCount: 1, backoffMs: 100 }).queue;
    const db = join(dir, 'worker.db');
    const cfg = writeConfig(dir, { queue: { ...q }, store: { db }, logLevel: 'warn', documentCpuBudgetMs: BUDGET_MS });
    const ctx = testContext(testConfig({}));
    const docs = [
      localDocument(small.ja, 'plain', { kind: 'file', uri: 'boj.txt' }, ctx),
      localDocument(hugeJapanese(), 'plain', { kind: 'file', uri: 'huge-report.txt' }, ctx),
      localDocument(small.ko, 'plain', { kind: 'file', uri: 'bok.txt' }, ctx),
      localDocument(small.en, 'plain', { kind: 'file', uri: 'samsung.txt' }, ctx),
    ];
    const conn = connectRedis(q.redis);
    const queues = openQueues(q, conn);
    const w = startWorkerProc(cfg, ['--queues', 'analyze', '--jobs', '1']);
    try {
      await enqueueDocuments(queues, docs);
      await waitFor(async () => {
        const c = await queues.queues.analyze.getJobCounts('completed', 'failed');
        return c.completed! + c.failed! === docs.length;
      }, 200);
      const failed = await queues.queues.analyze.getFailed(0, -1);
      expect(failed).toHaveLength(1);
      // Failed once, for its budget: a blocked main thread would have let the 2 s lock lapse and the job run again.
      expect(failed[0]!.attemptsMade).toBe(1);
      expect(failed[0]!.failedReason).toMatch(/too_complex|too complex/);
      expect(w.stderr()).not.toMatch(/stalled/i);
      expect(await stopWorkerProc(w)).toBe(0);
      const store = await openStore(db);
      try {
        const langs = (await store.listArticles({ limit: 10 })).map((a) => a.lang).sort();
        expect(langs).toEqual(['en', 'ja', 'ko']);
      } finally {
        await store.close();
      }
    } finally {
      if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
      await queues.close();
      conn.disconnect();
      await cleanupQueues(q);
    }
  });
});
