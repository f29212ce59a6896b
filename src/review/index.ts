/**
 * The dedupe review: what was kept and dropped, and why, as Markdown (golden
 * `review.md` files, the web reader), terminal text and JSON.
 */
import type { Analysis } from '../records.js';
import { buildReview, type Review, type ReviewLinks } from './model.js';

export { renderReviewMarkdown, reviewToMarkdown } from './markdown.js';
export { renderReviewText, reviewToText } from './text.js';
export { buildReview, type LinkedArticle, type Review, type ReviewDrop, type ReviewItem, type ReviewLinks } from './model.js';

/**
 * The review as a JSON value (`kiji review --format json`).
 *
 * @example
 * JSON.stringify(renderReviewJson(analysis), null, 2)
 */
export function renderReviewJson(analysis: Analysis, links: ReviewLinks | null = null): Review {
  return buildReview(analysis, links);
}
