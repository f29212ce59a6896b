/**
 * Digests of stored articles: build (pure) and render (md, html, json,
 * jsonfeed, rss). The CLI (`kiji digest`), `kiji start` and the web reader
 * share these.
 */
export { buildDigest, type Digest, type DigestArticle, type DigestFigure, type DigestOptions, type DigestSource, type DigestStory, type DigestTopic } from './build.js';
export { findConflicts, toDisputes, type Conflict, type ConflictArticle, type ConflictClaim } from './conflicts.js';
export { formatAmount, formatFigure } from './figures.js';
export { conflictClaims, DIGEST_FORMATS, inertDigest, renderDigest, renderHtml, renderJsonFeed, renderMarkdown, renderRss, windowLabel, type DigestFormat, type RenderOptions } from './render.js';
export { formatLocal, resolveWindow, type Window } from './window.js';
export { digestFromStore } from './load.js';
