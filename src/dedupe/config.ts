import { z } from 'zod';

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
  })
  .prefault({});
export type DedupeConfig = z.infer<typeof DedupeConfig>;
