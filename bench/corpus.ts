/**
 * A generated corpus for benchmarks: seed-like articles in the three
 * languages, made from the fixtures by reordering sections, dropping some and
 * changing figures, so that every document is distinct but realistic in
 * length, script mix and structure (front matter, chrome, repeated sections).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentFormat } from '../src/records.js';
import { prng } from '../src/prng.js';

export interface BenchDoc {
  uri: string;
  format: DocumentFormat;
  body: string;
  lang: string;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'articles');


export function templates(): BenchDoc[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const file = readdirSync(join(FIXTURES, d.name)).find((f) => /^source\./.test(f))!;
      const ext = file.split('.').pop()!;
      const format: DocumentFormat = ext === 'md' ? 'markdown' : ext === 'html' ? 'html' : 'text';
      return { uri: `${d.name}/${file}`, format, body: readFileSync(join(FIXTURES, d.name, file), 'utf8'), lang: d.name.slice(0, 2) };
    })
    .sort((a, b) => a.uri.localeCompare(b.uri));
}

/**
 * @example
 * const docs = generateCorpus(1000); // ≈ 1000 documents, ja/ko/en in the fixtures' proportions
 */
export function generateCorpus(n: number, seed = 42): BenchDoc[] {
  const base = templates();
  const rand = prng(seed);
  const out: BenchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const t = base[i % base.length]!;
    out.push({ ...t, uri: `bench://${i}/${t.uri}`, body: vary(t, rand, i) });
  }
  return out;
}

function vary(t: BenchDoc, rand: () => number, i: number): string {
  // Change figures so every copy is its own document (and its own content id).
  const renumber = (s: string) => s.replace(/\d+/g, (d) => (rand() < 0.3 ? String((Number(d) + i) % 10 ** d.length).padStart(d.length, '1') : d));
  if (t.format === 'html') return renumber(t.body);
  let head = '';
  let body = t.body;
  const fm = /^---\n[\s\S]*?\n---\n/.exec(body);
  if (fm) {
    head = fm[0];
    body = body.slice(fm[0].length);
  }
  const chunks = body.split(/\n{2,}/);
  const first = chunks.shift() ?? '';
  // Keep the opening (title, site line) in place; move and drop a few of the rest.
  const rest = chunks.filter(() => rand() > 0.08);
  for (let k = rest.length - 1; k > 0; k--) {
    if (rand() < 0.15) {
      const j = Math.floor(rand() * (k + 1));
      [rest[k], rest[j]] = [rest[j]!, rest[k]!];
    }
  }
  return head + renumber([first, ...rest].join('\n\n'));
}
