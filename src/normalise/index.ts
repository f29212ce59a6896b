import { createHash } from 'node:crypto';
import type { StageContext } from '../context.js';
import { decideLanguage } from '../language/decide.js';
import { countScripts, detectLanguage, dominantLanguage } from '../language/detect.js';
import { ok, skip, type Outcome } from '../outcome.js';
import type { Extracted, Normalised } from '../records.js';
import { matchForm } from './match-form.js';

/**
 * normalise: give each block its match form and language, decide the
 * document language, and derive the stable content id.
 *
 * A document kiji cannot read (Chinese, French, Russian …) is a skip with
 * reason `unsupported-language`, not an error.
 *
 * @example
 * const out = normalise(extracted, ctx);
 * if (out.kind === 'ok') console.log(out.value.id, out.value.lang);
 */
export function normalise(input: Extracted, ctx: StageContext): Outcome<Normalised> {
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
