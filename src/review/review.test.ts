import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext } from '../context.js';
import { createLogger } from '../log.js';
import { analyzeDocument } from '../pipeline.js';
import type { Analysis, RawDocument } from '../records.js';
import { buildReview, renderReviewJson, renderReviewMarkdown, renderReviewText } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });

async function analyse(file: string, format: RawDocument['format']): Promise<Analysis> {
  const raw: RawDocument = {
    source: { kind: 'file', uri: file },
    format,
    body: readFileSync(join(here, '../dedupe/testdata', file), 'utf8'),
    langHint: null,
    meta: { title: null, publishedAt: null, author: null, url: null, siteName: null, feedUrl: null, guid: null },
    fetchedAt: '2025-11-01T00:00:00Z',
  };
  const out = await analyzeDocument(raw, ctx);
  if (out.kind !== 'ok') throw new Error(out.detail);
  return out.value;
}

describe('review', () => {
  let ko: Analysis;
  let ja: Analysis;
  beforeAll(async () => {
    ko = await analyse('ko-debris.md', 'markdown');
    ja = await analyse('004_7595e8c5fc868f83.txt', 'text');
  });

  it('places every dropped entry exactly once, in original order', () => {
    for (const a of [ko, ja]) {
      const r = buildReview(a);
      const drops = r.items.flatMap((i) => i.drops);
      expect(drops).toHaveLength(a.dropped.length);
      const indexes = r.items.map((i) => i.index);
      expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
      expect(r.items.filter((i) => i.kind === 'kept')).toHaveLength(a.paragraphs.length);
    }
  });

  it('Markdown shows kept text, struck-through drops with reason, similarity and the kept paragraph', () => {
    const md = renderReviewMarkdown(ja);
    expect(md).toBe(renderReviewMarkdown(ja));
    expect(md.startsWith('# Review: 韓国とBlackRockのAIハブ構想')).toBe(true);
    expect(md).toContain('- dropped: 64 (contained 6, exact-duplicate 45, fragment-merged 3, marker 8, near-duplicate 2)');
    expect(md).toContain('**¶12** ✂ marker\n\n> ~~---END---~~');
    expect(md).toMatch(/\*\*¶14\*\* ✂ contained · similarity 1\.00 · kept in ¶0 · every sentence is already kept, in ¶0, ¶1/);
    expect(md).toContain('**¶17 sentence 0** ✂ fragment-merged · joined to ¶11');
    expect(md).toContain('可能性を秘めている。それは、単なる経済的競争に留まらず');
    // Sentence drops sit under the kept paragraph they were taken from.
    const p102 = md.slice(md.indexOf('**¶102** paragraph'), md.indexOf('**¶103**'));
    expect(p102).toMatch(/- ✂ sentence 1 — near-duplicate · similarity 0\.95 · kept in ¶60: ~~投資家としては/);
  });

  it('terminal text is coloured only when asked', () => {
    const plain = renderReviewText(ko);
    const colour = renderReviewText(ko, null, { color: true });
    expect(plain).not.toContain('\x1b[');
    expect(colour).toContain('\x1b[9m');
    expect(colour.replace(/\x1b\[\d+m/g, '')).toBe(plain);
    expect(plain).toContain('near-duplicate · similarity 0.79 · kept in ¶3');
  });

  it('lists cross-document duplicates and cluster members with similarities', () => {
    const links = {
      duplicateOf: { id: 'orig01', title: 'HBM 수출 역대 최대', lang: 'ko', similarity: 0.91 },
      duplicates: [],
      clusterId: 'c-hbm',
      cluster: [{ id: 'en01', title: 'Korea chip exports hit record', lang: 'en', similarity: null }],
    };
    const md = renderReviewMarkdown(ko, links);
    expect(md).toContain('- duplicate of `orig01` “HBM 수출 역대 최대” (similarity 0.91)');
    expect(md).toContain('  - `en01` [en] “Korea chip exports hit record” (similarity —)');
    expect(renderReviewJson(ko, links).links?.cluster[0]?.id).toBe('en01');
    expect(JSON.parse(JSON.stringify(renderReviewJson(ko))).items.length).toBeGreaterThan(0);
  });
});
