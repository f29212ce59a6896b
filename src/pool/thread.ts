/**
 * An analysis thread: builds its own runtime once (the kuromoji dictionary,
 * the gazetteer, the tagger's weights, the LLM client: one copy per thread)
 * and runs `analyzeDocument` on each document the main thread posts, one at
 * a time. Loaded by thread-entry.js, which brings in the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { provideResource } from '../context.js';
import { createLogger } from '../log.js';
import { analyzeDocument } from '../pipeline.js';
import type { ReviewOverride } from '../review/overrides.js';
import { createRuntime } from '../runtime.js';
import { summaryCacheResource, type SummaryCache } from '../summarise/index.js';
import type { FromThread, PortCall, ThreadInit, ToThread } from './messages.js';
import { fromWire, toWire } from './remote-error.js';

const port = parentPort!;
const init = workerData as ThreadInit;
const send = (m: FromThread) => port.postMessage(m);

// Calls to the main thread waiting for their reply, by call number.
const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
let nextCall = 0;
const call = <T>(c: PortCall): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const id = nextCall++;
    calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    send({ type: 'call', call: id, ...c });
  });

const log = createLogger({ level: init.config.logLevel }).child({ pool_thread: init.index });
const started = performance.now();
let runtime;
try {
  runtime = await createRuntime(init.config, { store: false, analysis: true, log, ipadic: init.ipadic });
} catch (err) {
  send({ type: 'start-failed', error: toWire(err) });
  process.exit(1);
}
const { ctx } = runtime;
// One summary cache for every thread: the main thread's (in the store when the run has one).
const cache: SummaryCache = { get: (key) => call({ port: 'cache.get', key }), put: (key, value) => call({ port: 'cache.put', key, value }) };
provideResource(ctx, summaryCacheResource, cache);

// One document at a time: the main thread keeps at most two here, so the next is ready when this one ends.
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToThread) => {
  if (m.type === 'reply') {
    const waiting = calls.get(m.call);
    calls.delete(m.call);
    if (m.ok) waiting?.resolve(m.value);
    else waiting?.reject(fromWire(m.error));
    return;
  }
  queue = queue.then(async () => {
    try {
      send({ type: 'started', task: m.task });
      const keep = m.keep ? (articleId: string) => call<readonly ReviewOverride[]>({ port: 'keep', task: m.task, articleId }) : undefined;
      const outcome = await analyzeDocument(m.raw, ctx, keep ? { keep } : {});
      send({ type: 'done', task: m.task, outcome });
    } catch (err) {
      send({ type: 'failed', task: m.task, error: toWire(err) });
    }
  });
});
send({ type: 'ready', loadMs: performance.now() - started });
