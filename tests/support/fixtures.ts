import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { createContext, type StageContext } from '../../src/context.js';
import { acquireDocument } from '../../src/fetch/index.js';
import { createLogger } from '../../src/log.js';
import { analyzeDocument } from '../../src/pipeline.js';
import type { Analysis } from '../../src/records.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'articles');

export interface Fixture {
  slug: string;
  dir: string;
  /** The source document, relative to the repository root (as it appears in `source.uri`). */
  source: string;
}

/** Every fixture folder: `fixtures/articles/<slug>/source.<ext>`. */
export function listFixtures(): Fixture[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(FIXTURES, d.name);
      const file = readdirSync(dir).find((f) => /^source\.[a-z]+$/.test(f));
      if (!file) throw new Error(`fixture ${d.name} has no source.* file`);
      return { slug: d.name, dir, source: relative(ROOT, join(dir, file)) };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

export const hasGolden = (f: Fixture, name: string) => existsSync(join(f.dir, name));

/** A context on the default configuration, quiet, with a fixed clock: goldens must not depend on when they ran. */
export function fixtureContext(): StageContext {
  return createContext(loadConfig({ file: null, env: {}, cwd: ROOT }), {
    log: createLogger({ level: 'silent' }),
    clock: () => new Date('2026-01-01T00:00:00Z'),
  });
}

/** Analyze a fixture exactly as `kiji analyze fixtures/articles/<slug>/source.*` run from the root does. */
export async function analyzeFixture(f: Fixture, ctx: StageContext): Promise<Analysis> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const doc = await acquireDocument({ kind: 'file', path: f.source }, ctx);
    const out = await analyzeDocument(doc!, ctx);
    if (out.kind !== 'ok') throw new Error(`${f.slug}: skipped (${out.reason}: ${out.detail})`);
    return out.value;
  } finally {
    process.chdir(cwd);
  }
}
