import type { Migration, MigrationProvider } from 'kysely';
import * as core from './001-core.js';
import * as dedupe from './002-dedupe.js';
import * as feeds from './003-feeds.js';
import * as summaries from './004-summaries.js';
import * as overrides from './005-overrides.js';
import * as failureKind from './006-failure-kind.js';
import * as dedupeScale from './007-dedupe-scale.js';

/**
 * Every migration, in order. Names sort in the order they must run; add a new
 * file with the next number and list it here. Never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001-core': core,
  '002-dedupe': dedupe,
  '003-feeds': feeds,
  '004-summaries': summaries,
  '005-overrides': overrides,
  '006-failure-kind': failureKind,
  '007-dedupe-scale': dedupeScale,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
