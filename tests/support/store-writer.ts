/**
 * A store writer in a process of its own, for the concurrency test:
 * `node --import tsx tests/support/store-writer.ts <db-url> <analyses.json> <seed>`
 * opens (and migrates) the store, saves every analysis in an order of its
 * own, and prints `{ [id]: 'stored' | 'unchanged' | 'updated' }` as JSON.
 */
import { readFileSync } from 'node:fs';
import { prng } from '../../src/prng.js';
import type { Analysis } from '../../src/records.js';
import { openStore } from '../../src/store/index.js';

const [url, file, seed] = process.argv.slice(2);
const analyses = JSON.parse(readFileSync(file!, 'utf8')) as Analysis[];
const rand = prng(Number(seed));
for (let i = analyses.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [analyses[i], analyses[j]] = [analyses[j]!, analyses[i]!];
}
const store = await openStore(url!);
const results: Record<string, string> = {};
try {
  await Promise.all(
    // A few saves in flight at once, as a worker with concurrency does.
    [0, 1, 2].map(async (lane) => {
      for (let i = lane; i < analyses.length; i += 3) {
        const a = analyses[i]!;
        results[a.id] = await store.saveArticle(a, { duplicateOf: null, similarity: null, clusterId: null }, new Date());
      }
    }),
  );
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(results));
