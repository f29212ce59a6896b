import type { Enriched, Lang } from '../../records.js';
import type { LlmRequest } from './client.js';
import type { Dispute } from './grounding.js';
import { LLM_SUMMARY_JSON_SCHEMA } from './schema.js';

/** Bumped when the prompt changes, so cached replies to an older prompt are not reused. */
export const PROMPT_VERSION = 1;

const LANG_NAME: Record<Lang, string> = { ja: 'Japanese', ko: 'Korean', en: 'English' };

/**
 * The request for one article in one reader language. The extracted figures
 * and entities go with the text so the model can copy them rather than recall.
 *
 * @example
 * const req = buildRequest(enriched, 'en', 12_000);
 * const story = buildRequest(enriched, 'en', 12_000, disputes); // the sources disagree: the model must give every value
 */
export function buildRequest(doc: Enriched, lang: Lang, maxChars: number, disputes: readonly Dispute[] = []): LlmRequest {
  const system = [
    'You summarise one news article for a news digest.',
    `Write the headline and 3 to 5 bullets in ${LANG_NAME[lang]} (language code "${lang}"), whatever the article's language.`,
    'Use only facts stated in the article. Do not add background knowledge, dates, names or numbers that are not in the article.',
    'Every number you write must be one the article states (you may convert units or scripts: 30億ドル = $3 billion = 30억 달러).',
    'List each figure you use in keyFigures with sourceText copied exactly from the article.',
    'List in entities every person, organisation, place, product and event you name.',
    ...(disputes.length
      ? ['Other reports of this story give different values for some figures (listed after the text). If you state such a figure, state every value and who reports it; never state one side alone.']
      : []),
    'Reply with the JSON object only.',
  ].join('\n');
  const disputed = disputes.map((d) => `- ${d.what}: ${d.claims.map((c) => `${c.display}${c.source ? ` (${c.source})` : ''}`).join(' vs ')}`);
  const figures = doc.figures.slice(0, 40).map((f) => `- ${f.text}`);
  const entities = doc.entities.slice(0, 30).map((e) => `- ${e.canonical}${e.surface.length ? ` (${[...new Set(e.surface)].slice(0, 4).join(', ')})` : ''}`);
  const user = [
    `Title: ${doc.title}`,
    `Article language: ${doc.lang}`,
    doc.publishedAt ? `Published: ${doc.publishedAt}` : null,
    '',
    'Text:',
    clipAtParagraph(doc.text, maxChars),
    '',
    figures.length ? `Figures found in the text:\n${figures.join('\n')}` : null,
    entities.length ? `Named entities found in the text (canonical name and spellings):\n${entities.join('\n')}` : null,
    disputed.length ? `Figures other reports of this story give differently:\n${disputed.join('\n')}` : null,
  ]
    .filter((x) => x !== null)
    .join('\n');
  return { system, user, schemaName: 'kiji_summary', schema: LLM_SUMMARY_JSON_SCHEMA };
}

function clipAtParagraph(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n\n', max);
  return text.slice(0, cut > max / 2 ? cut : max);
}
