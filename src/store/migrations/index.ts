import type { Migration, MigrationProvider } from 'kysely';
import * as core from './001-core.js';
import * as dedupe from './002-dedupe.js';
import * as summaries from './004-summaries.js';

/**
 * Every migration, in order. Names sort in the order they must run; add a new
 * file with the next number and list it here. Never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001-core': core,
  '002-dedupe': dedupe,
  '004-summaries': summaries,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
