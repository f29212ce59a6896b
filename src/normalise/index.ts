import { createHash } from 'node:crypto';
import type { StageContext } from '../context.js';
import { decideLanguage } from '../language/decide.js';
import { safeHref } from '../html-escape.js';
import { countScripts, detectLanguage, dominantLanguage } from '../language/detect.js';
import { ok, skip, type Outcome } from '../outcome.js';
import type { Extracted, Normalised } from '../records.js';
import { stripControls, stripControlsInline } from './controls.js';
import { matchForm } from './match-form.js';

/**
 * normalise: make every string inert (control characters and bidi overrides
 * removed, links only http(s)), give each block its match form and language,
 * decide the document language, and derive the stable content id.
 *
 * A document kiji cannot read (Chinese, French, Russian …) is a skip with
 * reason `unsupported-language`, not an error.
 *
 * @example
 * const out = normalise(extracted, ctx);
 * if (out.kind === 'ok') console.log(out.value.id, out.value.lang);
 */
export function normalise(raw: Extracted, ctx: StageContext): Outcome<Normalised> {
  const input = inert(raw);
  const blocks = input.blocks.map((b) => {
    const d = detectLanguage(b.text);
    return { ...b, norm: matchForm(b.text), lang: d.lang };
  });
  if (blocks.length === 0) return skip('normalise', 'not-an-article', `${input.source.uri}: no body text after extraction`);

  // The whole document against every declared language (src/language/decide.ts); then ja/ko/en by paragraph weight.
  const decision = decideLanguage({ texts: blocks.map((b) => b.text), title: input.title, signals: input.languageSignals, hint: input.langHint });
  if (decision.kind !== 'supported') {
    const what = decision.kind === 'unsupported' ? `${decision.name} (${decision.found}); ${decision.basis}` : 'no letters';
    return skip('normalise', 'unsupported-language', `${input.source.uri}: not Japanese, Korean or English: ${what}`);
  }
  const lang = input.langHint ?? dominantLanguage(blocks) ?? decision.lang;
  // Han-only text (見出し, 【編集部解説】) is Japanese inside a Japanese document, not Chinese;
  // with a hint, every paragraph without a language of its own takes the document's.
  for (const b of blocks) {
    if (b.lang === null && (input.langHint || (lang === 'ja' && countScripts(b.text).han > 0))) b.lang = lang;
  }
  ctx.log.debug('normalised', { article_uri: input.source.uri, lang, blocks: blocks.length });

  return ok({ ...input, id: contentId(input.title, blocks.map((b) => b.norm)), lang, blocks });
}

/**
 * Everything of a document that reaches output, without control characters
 * or bidi overrides (a page must not retitle the operator's terminal, nor
 * show `‮gpj.exe` as `exe.jpg`), and its URL only when it is an http(s) link.
 * A block that held nothing else is gone: it had no text.
 *
 * @example
 * inert(extracted).title // 'Title ]0;owned here' for 'Title \u001b]0;owned\u0007 here'
 */
export function inert(doc: Extracted): Extracted {
  const line = (s: string | null) => (s === null ? null : stripControlsInline(s));
  return {
    ...doc,
    url: doc.url !== null && safeHref(doc.url) !== null ? stripControlsInline(doc.url).trim() : null,
    title: stripControlsInline(doc.title),
    author: line(doc.author),
    siteName: line(doc.siteName),
    excerpt: doc.excerpt === null ? null : stripControls(doc.excerpt),
    tags: doc.tags.map(stripControlsInline).filter((t) => t.trim() !== ''),
    categories: doc.categories.map(stripControlsInline).filter((t) => t.trim() !== ''),
    blocks: doc.blocks.map((b) => ({ ...b, text: stripControls(b.text) })).filter((b) => b.text.trim() !== ''),
    dropped: doc.dropped.map((d) => ({ ...d, text: stripControls(d.text), detail: line(d.detail) })),
  };
}

/**
 * The stable id of a document: a hash of its title and body in match form, so
 * the same content gives the same id whatever its source, encoding or width.
 *
 * @example
 * contentId('Title', ['body']) === contentId('Ｔｉｔｌｅ', ['ｂｏｄｙ']) // true
 */
export function contentId(title: string, bodyNorms: string[]): string {
  const h = createHash('sha256');
  h.update(matchForm(title));
  for (const n of bodyNorms) h.update('\n').update(n);
  return h.digest('hex').slice(0, 16);
}
