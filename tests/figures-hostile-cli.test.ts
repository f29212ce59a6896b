/*
 * Issue 17.1 through the product: a document whose body holds 400 KB of
 * digits and whose title is a 1 MB run of one letter (which reaches the
 * figure reader through the summariser too) is analysed by the real CLI and
 * finishes. Inputs are generated here; the timeout is a hang guard (the
 * quadratic e-mail mask took minutes on this), not a speed assertion.
 */
import { describe, expect, it } from 'vitest';
import { enrich } from '../src/enrich/index.js';
import { localDocument } from '../src/fetch/local.js';
import { prepare } from '../src/pipeline.js';
import { groundSummary } from '../src/summarise/llm/grounding.js';
import { summariseExtractive } from '../src/summarise/index.js';
import { kijiBin } from './support/cli.js';
import { fixtureContext } from './support/fixtures.js';

describe('kiji analyze on hostile figure input', () => {
  it('finishes on 400 KB of digits in the body and a 1 MB one-letter title, and still reads the prose figures', { timeout: 300_000 }, async () => {
    const prose = 'Hyundai said it would invest about $3 billion in Korea, with 260,000 GPUs to be deployed by 2030 across the country.';
    const text = [prose, prose.replace('Hyundai', 'Samsung'), `The serial was ${'7'.repeat(400_000)} in the filing, the company said.`, prose.replace('Hyundai', 'LG')].join('\n\n');
    const r = await kijiBin(['analyze', '--jsonl'], `${JSON.stringify({ id: 'hostile', title: 'a'.repeat(1_000_000), text, lang: 'en' })}\n`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n')[0]!) as { inputId: string; figures?: Array<{ text: string }>; error?: unknown };
    expect(out.inputId).toBe('hostile');
    expect(out.error).toBeUndefined();
    expect(out.figures!.map((f) => f.text)).toEqual(expect.arrayContaining(['about $3 billion', '260,000']));
    expect(out.figures!.some((f) => f.text.includes('7777'))).toBe(false);
  });

  it('the summariser reads a 1 MB title and a 5 MB line of a title without hanging (extractive and LLM grounding)', { timeout: 300_000 }, async () => {
    const ctx = fixtureContext();
    const p = await prepare(localDocument('---\ntitle: Korea AI\n---\nHyundai said it would invest about $3 billion in Korea, with 260,000 GPUs to be deployed.\n\nSamsung said it would invest about $2 billion.\n', 'markdown', { kind: 'file', uri: 'hostile.md' }, ctx, 'en'), ctx);
    if (p.kind !== 'ok') throw new Error('prepare skipped');
    const e = await enrich(p.value, ctx);
    if (e.kind !== 'ok') throw new Error('enrich skipped');
    for (const title of ['a'.repeat(1_000_000), 'ab1.c-d_+'.repeat(560_000), '9'.repeat(400_000)]) {
      const doc = { ...e.value, title };
      expect(summariseExtractive(doc, ctx.config.summarise).bullets.length).toBeGreaterThan(0);
      const g = groundSummary({ language: 'en', headline: 'Hyundai to invest about $3 billion', bullets: ['Hyundai will invest about $3 billion.'], keyFigures: [], entities: ['Hyundai'] }, doc, 'en', null);
      expect(g.reasons).toEqual([]);
    }
  });
});
