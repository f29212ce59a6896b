/*
 * The gazetteer: canonical entities with aliases in three scripts
 * (config/entities.yaml), and a matcher that finds every alias in a text with
 * the word-boundary rules each script needs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { defineResource, type StageContext } from '../../context.js';
import { ConfigError } from '../../errors.js';
import { EntityType } from '../../records.js';

export const GazetteerEntry = z.object({
  name: z.string().min(1),
  type: EntityType,
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .nullable()
    .default(null),
  aliases: z.array(z.string().min(1)).default([]),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

export const GazetteerFile = z.object({ entities: z.array(GazetteerEntry) });

/** One spelling to look for, pointing at its entry. */
interface Alias {
  text: string;
  entry: GazetteerEntry;
}

export interface Gazetteer {
  entries: GazetteerEntry[];
  /** Aliases by first code unit, longest first. */
  byFirst: Map<string, Alias[]>;
  /** Canonical entries by lower-case name or alias, for linking rule-found names. */
  byKey: Map<string, GazetteerEntry>;
}

/** A gazetteer hit in text. */
export interface AliasHit {
  start: number;
  end: number;
  entry: GazetteerEntry;
}

const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
const isHangul = (c: string | undefined) => c !== undefined && /[\uac00-\ud7a3]/.test(c);
const isKatakana = (c: string | undefined) => c !== undefined && /[\u30a1-\u30fa\u30fc]/.test(c);
const isKanji = (c: string | undefined) => c !== undefined && /\p{Script=Han}/u.test(c);

// What may follow a Korean name inside its eojeol: particles, plural, 측 (side).
const KO_TAIL =
  /^(?:으로부터|에서부터|에게서|에서는|에서도|에서의|에게는|으로는|으로도|으로서|이라고|이라는|까지|부터|보다|처럼|에서|에게|으로|와의|과의|이나|이며|이고|에는|에도|로는|로도|로서|이란|라고|라는|측은|측이|측의|측|들은|들이|들의|들|은|는|이|가|을|를|의|에|와|과|로|도|만|나|란|께|엔|랑|했다|한다|하고)?$/;

/**
 * Build the matcher from entries.
 *
 * @example
 * const g = buildGazetteer([{ name: 'NVIDIA', type: 'ORG', wikidata: null, aliases: ['엔비디아'] }]);
 * matchAliases('엔비디아의 GPU', g)[0].entry.name // 'NVIDIA'
 */
export function buildGazetteer(entries: GazetteerEntry[]): Gazetteer {
  const byFirst = new Map<string, Alias[]>();
  const byKey = new Map<string, GazetteerEntry>();
  const add = (text: string, entry: GazetteerEntry) => {
    const list = byFirst.get(text[0]!) ?? [];
    if (!list.some((a) => a.text === text)) list.push({ text, entry });
    byFirst.set(text[0]!, list);
  };
  for (const entry of entries) {
    for (const alias of new Set([entry.name, ...entry.aliases])) {
      add(alias, entry);
      // NVIDIA also written Nvidia; NAVER Cloud as Naver Cloud.
      if (/^[A-Z]{4,}\b/.test(alias)) add(alias.replace(/\b([A-Z])([A-Z]{3,})\b/g, (_, a: string, b: string) => a + b.toLowerCase()), entry);
      const key = alias.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, entry);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { entries, byFirst, byKey };
}

/**
 * Every alias occurrence in `text`, longest match first at each position,
 * without overlaps.
 *
 * @example
 * matchAliases('サムスン電子と韓国', gazetteer).map((h) => h.entry.name) // ['Samsung Electronics', 'South Korea']
 */
export function matchAliases(text: string, g: Gazetteer): AliasHit[] {
  const hits: AliasHit[] = [];
  let i = 0;
  while (i < text.length) {
    const list = g.byFirst.get(text[i]!);
    let hit: AliasHit | null = null;
    if (list) {
      for (const a of list) {
        if (!text.startsWith(a.text, i)) continue;
        const end = i + a.text.length;
        if (!boundaryOk(text, i, end, a.text)) continue;
        hit = { start: i, end, entry: a.entry };
        break;
      }
    }
    if (hit) {
      hits.push(hit);
      i = hit.end;
    } else i++;
  }
  return hits;
}

function boundaryOk(text: string, start: number, end: number, alias: string): boolean {
  const prev = text[start - 1];
  const next = text[end];
  const first = alias[0]!;
  const last = alias[alias.length - 1]!;
  if (isLatin(first) && isLatin(prev)) return false;
  if (isLatin(last) && isLatin(next)) return false;
  if (isKatakana(first) && (isKatakana(prev) || prev === '・')) return false;
  if (isKatakana(last) && (isKatakana(next) || next === '・')) return false;
  if (isKanji(first) && alias.length === 1 && (isKanji(prev) || isKanji(next))) return false;
  if (isHangul(first) && isHangul(prev)) return false;
  if (isHangul(last) && isHangul(next)) {
    // The rest of the eojeol must be a particle or ending: 삼성전자는, not 삼성전자서비스.
    let j = end;
    while (j < text.length && isHangul(text[j])) j++;
    return KO_TAIL.test(text.slice(end, j));
  }
  return true;
}

/**
 * Where the gazetteer file is: as configured, else the copy shipped with kiji.
 *
 * @example
 * resolveEntitiesFile('config/entities.yaml') // '/path/to/cwd/config/entities.yaml' when it exists there
 */
export function resolveEntitiesFile(file: string, cwd = process.cwd()): string {
  if (isAbsolute(file)) return file;
  const local = resolve(cwd, file);
  if (existsSync(local)) return local;
  // From src/enrich/entities (or a build of it) up to the package root.
  const shipped = resolve(dirname(fileURLToPath(import.meta.url)), '../../..', file);
  return existsSync(shipped) ? shipped : local;
}

/**
 * Parse gazetteer YAML, naming every problem.
 *
 * @example
 * parseGazetteer('entities:\n  - { name: NVIDIA, type: ORG, aliases: [엔비디아] }\n', 'inline').entries.length // 1
 */
export function parseGazetteer(source: string, file: string): Gazetteer {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (err) {
    throw new ConfigError([`enrich.entitiesFile: ${file}: ${(err as Error).message.split('\n')[0]}`]);
  }
  const parsed = GazetteerFile.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `enrich.entitiesFile: ${file}: ${i.path.join('.')}: ${i.message}`));
  return buildGazetteer(parsed.data.entities);
}

/**
 * The gazetteer of `ctx.config.enrich.entitiesFile`, read once per context.
 *
 * @example
 * const gazetteer = await useResource(ctx, gazetteerResource);
 */
export const gazetteerResource = defineResource<Gazetteer>('enrich.gazetteer', async (ctx: StageContext) => {
  const file = resolveEntitiesFile(ctx.config.enrich.entitiesFile);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`enrich.entitiesFile: cannot read ${file}: ${(err as Error).message}`]);
  }
  const g = parseGazetteer(source, file);
  ctx.log.debug('gazetteer loaded', { stage: 'enrich', file, entries: g.entries.length });
  return g;
});
