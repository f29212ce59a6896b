/**
 * Undated articles and skipped languages through the CLI and the store: an
 * article whose page states no date is listed and digested by when kiji
 * first saw it ("first seen 30 Nov"), never as if published that day; a page
 * in another language is recorded as skipped with the language found.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFirstSeen } from '../src/digest/window.js';
import { kiji } from './support/cli.js';
import { ROOT } from './support/fixtures.js';

describe('undated articles and the language gate in the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiji-undated-'));
  const db = join(dir, 'kiji.db');
  const docs = join(dir, 'pages');
  for (const slug of ['en-undated-blog', 'en-rinkside-recap', 'de-engine-review'])
    cpSync(join(ROOT, 'fixtures', 'pages', slug, 'source.html'), join(docs, `${slug}.html`));

  it('stores the English pages and records the German one as skipped, naming German', async () => {
    const r = await kiji(['ingest', docs, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 stored, 0 duplicate, 1 skipped, 0 failed/);
    expect(r.stderr).toMatch(/de-engine-review\.html: not Japanese, Korean or English: German \(de\)/);
  });

  it('lists the undated article as first seen, with a null publishedAt in JSON', async () => {
    const json = JSON.parse((await kiji(['list', '--format', 'json', '--db', db])).stdout) as { title: string; publishedAt: string | null }[];
    const undated = json.find((a) => a.title.startsWith('Notes on running'))!;
    const dated = json.find((a) => a.title.startsWith('Leafs edge'))!;
    expect(undated.publishedAt).toBeNull();
    expect(dated.publishedAt).toBe('2024-01-21T04:12:00.000Z');
    const text = (await kiji(['list', '--db', db])).stdout;
    expect(text).toMatch(/first seen \d{1,2} [A-Z][a-z]{2}\s+Notes on running/);
    expect(text).toMatch(/2024-01-21\s+Leafs edge/);
  });

  it('digests the undated article by when it was first seen, and says so', async () => {
    const recent = (await kiji(['digest', '--since', '24h', '--format', 'md', '--db', db])).stdout;
    expect(recent).toMatch(/Notes on running/);
    expect(recent).toMatch(/first seen \d{1,2} [A-Z][a-z]{2}/);
    // The 2024 recap is not in the last day; the undated post is not in January 2024.
    expect(recent).not.toMatch(/Leafs edge/);
    const jan = (await kiji(['digest', '--from', '2024-01-01', '--to', '2024-01-31', '--format', 'md', '--db', db])).stdout;
    expect(jan).toMatch(/Leafs edge/);
    expect(jan).not.toMatch(/Notes on running/);
  });

  it('formats first-seen days in the reader zone, with the year when it is not this one', () => {
    expect(formatFirstSeen('2025-11-29T16:00:00Z', 'Asia/Tokyo', new Date('2025-12-01T00:00:00Z'))).toBe('first seen 30 Nov');
    expect(formatFirstSeen('2024-11-29T16:00:00Z', 'Asia/Tokyo', new Date('2025-12-01T00:00:00Z'))).toBe('first seen 30 Nov 2024');
  });
});
