/**
 * The structured reply kiji asks the model for, as a zod schema (the check)
 * and the JSON Schema sent as `response_format` (the request). Both describe
 * the same object; a test keeps them in step.
 */
import { z } from 'zod';
import { Lang } from '../../records.js';

export const LlmSummary = z.object({
  language: Lang,
  headline: z.string().trim().min(1).max(300),
  bullets: z.array(z.string().trim().min(1).max(600)).min(1).max(6),
  keyFigures: z
    .array(
      z.object({
        /** The figure as the summary states it: `$3 billion`, `260,000 GPUs`. */
        value: z.string().trim().min(1),
        /** The words of the article it comes from, copied exactly: `約30億ドル`. */
        sourceText: z.string().trim().min(1),
      }),
    )
    .max(8),
  /** Every person, organisation, place, product or event the summary names. */
  entities: z.array(z.string().trim().min(1)).max(30),
});
export type LlmSummary = z.infer<typeof LlmSummary>;

/** OpenAI strict mode: every property required, no others. */
export const LLM_SUMMARY_JSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'headline', 'bullets', 'keyFigures', 'entities'],
  properties: {
    language: { type: 'string', enum: ['ja', 'ko', 'en'] },
    headline: { type: 'string', description: 'One-line headline in the requested language.' },
    bullets: { type: 'array', minItems: 1, maxItems: 6, items: { type: 'string' }, description: '3 to 5 key points, one sentence each.' },
    keyFigures: {
      type: 'array',
      maxItems: 8,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'sourceText'],
        properties: {
          value: { type: 'string', description: 'The figure as stated in the summary.' },
          sourceText: { type: 'string', description: 'The exact words of the article the figure comes from.' },
        },
      },
    },
    entities: { type: 'array', maxItems: 30, items: { type: 'string' }, description: 'Every named entity mentioned in headline or bullets.' },
  },
};
