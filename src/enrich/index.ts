/**
 * enrich: the named entities (linked across scripts through the gazetteer)
 * and the figures (normalised amounts with their evidence) of a cleaned
 * document. Every offset indexes `input.text`.
 */
import { useResource, type StageContext } from '../context.js';
import { ok, type Outcome } from '../outcome.js';
import type { Cleaned, Enriched } from '../records.js';
import { findEntities } from './entities/find.js';
import { gazetteerResource } from './entities/gazetteer.js';
import { outletCountry } from './figures/country.js';
import { entityTaggerResource } from './entities/tagger/index.js';
import { findFigures } from './figures/find.js';

export { findEntities } from './entities/find.js';
export { findFigures } from './figures/find.js';
export { entityTaggerResource } from './entities/tagger/index.js';

/**
 * @example
 * const out = await enrich(cleaned, ctx);
 * if (out.kind === 'ok') for (const f of out.value.figures) console.log(f.text, f.value, f.unit);
 */
export async function enrich(input: Cleaned, ctx: StageContext): Promise<Outcome<Enriched>> {
  const gazetteer = await useResource(ctx, gazetteerResource);
  const tagger = await useResource(ctx, entityTaggerResource);
  // The outlet's country resolves currency words several countries share ($, pesos); the language needs no help, since
  // names are per language (ドル, 달러, dollar) and a sign's default is the same in all three.
  const figures = findFigures(input.text, { country: outletCountry(input.url) });
  let entities = findEntities(input, gazetteer, tagger);
  const max = ctx.config.enrich.maxEntities;
  if (max > 0) entities = entities.slice(0, max);
  ctx.log.debug('enriched', { stage: 'enrich', article_id: input.id, entities: entities.length, figures: figures.length });
  return ok({ ...input, entities, figures });
}
