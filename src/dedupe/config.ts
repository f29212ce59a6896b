import { z } from 'zod';

/** Cross-document dedupe: MinHash/LSH near-duplicates and story clusters. */
export const AcrossConfig = z
  .object({
    /** MinHash signature length. */
    minhashSize: z.number().int().min(16).max(512).default(128),
    /** LSH bands × rows (≤ minhashSize): with 20 × 4, pairs at Jaccard 0.7 meet in a bucket >99% of the time, at 0.6 94%, at 0.3 15%, at 0.1 0.2%. */
    bands: z.number().int().min(1).default(20),
    rows: z.number().int().min(1).default(4),
    /** Character n-grams of Japanese and Korean text, word n-grams of English, for article shingles. */
    charGram: z.number().int().min(2).max(10).default(5),
    wordGram: z.number().int().min(1).max(6).default(3),
    /** Estimated Jaccard at or above which an article is a near-duplicate of a stored one. */
    docNear: z.number().min(0).max(1).default(0.6),
    /** LSH candidates verified per article. */
    maxCandidates: z.number().int().min(1).default(200),
    /** Story clusters: articles within this many hours of each other. */
    storyWindowHours: z.number().min(1).default(96),
    /** Shared canonical entities and normalised figures needed to join a story across languages. */
    storyMinEntities: z.number().int().min(1).default(2),
    storyMinFigures: z.number().int().min(0).default(1),
    /** Within one language: estimated Jaccard that, with one shared entity, joins a story. */
    storyText: z.number().min(0).max(1).default(0.25),
    /** Entities (by salience) and figures of an article used as story features. */
    maxEntities: z.number().int().min(1).default(8),
    maxFigures: z.number().int().min(0).default(12),
    /** Feature rows read per lookup (newest first). */
    maxFeatureRows: z.number().int().min(10).default(2000),
  })
  .prefault({});
export type AcrossConfig = z.infer<typeof AcrossConfig>;

/** Thresholds for dedupe; docs/dedupe.md explains each one and why its default. */
export const DedupeConfig = z
  .object({
    /** Jaccard similarity of sentence shingles at or above which two sentences are near-duplicates. */
    sentenceNear: z.number().min(0).max(1).default(0.75),
    /** Share of a sentence's shingles found in earlier kept text (at most three sentences) for it to count as contained. */
    contained: z.number().min(0).max(1).default(0.9),
    /** Character n-gram size for Japanese (and other Han/kana text). */
    charShingle: z.number().int().min(1).max(8).default(3),
    /** Character n-gram size for Korean: a Hangul syllable carries more than a kana, so shorter grams. */
    hangulShingle: z.number().int().min(1).max(8).default(2),
    /** Word n-gram size for English and other space-separated Latin text. */
    wordShingle: z.number().int().min(1).max(5).default(1),
    /** Sentences shorter than this (match-form letters and digits) are only dropped when exactly equal, and only inside a repeated section. */
    minSentenceChars: z.number().int().min(0).default(8),
    /** A later copy that holds an earlier sentence must add at least this share of new shingles to replace it as its extended form. */
    extendMinNew: z.number().min(0).max(1).default(0.15),
    /** Shortest repeated overlap (characters) accepted when stitching a cut sentence to a continuation that repeats its end. */
    minOverlapChars: z.number().int().min(1).default(3),
    /** Shingles seen in more kept sentences than this are too common to find candidates by (keeps lookups near-linear). */
    postingCap: z.number().int().min(4).default(64),
    /** Candidates (by shared shingles) verified exactly per sentence. */
    maxCandidates: z.number().int().min(1).default(8),
    /** Across documents: duplicates and story clusters (docs/dedupe.md). */
    across: AcrossConfig,
  })
  .prefault({});
export type DedupeConfig = z.infer<typeof DedupeConfig>;
