/**
 * What the fetch stage hands on: a document already in hand, or an article
 * page still to be fetched (a feed item that carries only a title or a
 * teaser), each with the feed item it settles when there is one. Both cross
 * the queue, so they are zod records.
 */
import { z } from 'zod';
import type { KijiError } from '../errors.js';
import { Lang, LanguageSignal, SourceMeta, type RawDocument } from '../records.js';

/**
 * A feed item under its identity key: marked seen once its article is stored
 * or its failure recorded, so a crash in between loses nothing and the next
 * poll fetches nothing new.
 */
export const SeenItemRef = z.object({
  feedUrl: z.string(),
  key: z.string(),
  guid: z.string().nullable(),
  link: z.string().nullable(),
  hash: z.string(),
});
export type SeenItemRef = z.infer<typeof SeenItemRef>;

/**
 * An article page to fetch for a feed item, with what the feed already said
 * of it. The page's own metadata wins; the feed's fills what the page lacks.
 */
export const PageRequest = z.object({
  /** The item's link (http or https). */
  url: z.string().regex(/^https?:\/\//i, 'url must be http(s)'),
  /** How failures name the item: its link and, where the feed gave them, its title and feed. */
  label: z.string(),
  langHint: Lang.nullable(),
  /** The feed's declared language: a signal beside the page's own (src/language/decide.ts). */
  languageSignals: z.array(LanguageSignal).default([]),
  /** Fields that hold whatever the page says (the feed and the item's GUID). */
  meta: SourceMeta,
  /** Fields used where the page says nothing (the feed's title for the item, its date, author, the feed's name). */
  fallback: SourceMeta,
});
export type PageRequest = z.infer<typeof PageRequest>;

export type Unit =
  | { kind: 'document'; doc: RawDocument; item: SeenItemRef | null }
  | { kind: 'page'; page: PageRequest; item: SeenItemRef | null }
  /** An item that cannot become an article (no link to follow, a link that is not http): recorded, and settled. */
  | { kind: 'invalid'; input: string; error: KijiError; item: SeenItemRef | null };

/** Where a unit's failure or skip is recorded. */
export function unitInput(u: Unit): string {
  if (u.kind === 'document') return u.doc.source.uri;
  if (u.kind === 'page') return u.page.url;
  return u.input;
}
