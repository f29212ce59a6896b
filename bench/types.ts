/**
 * The shapes bench and eval suites share. A bench suite measures speed and
 * memory (never asserted in tests); an eval suite measures quality against
 * the public corpus and is gated by floors that may only rise.
 */
export interface BenchResult {
  /** A plain-text table for the terminal (and the issue note). */
  table: string;
  /** Numbers worth tracking (throughput, ratios); printed as JSON with --json. */
  metrics?: Record<string, number>;
}

/** bench/suites/<name>.ts exports `run(opts)`; each suite runs in its own process so peak RSS is its own. */
export interface BenchOptions {
  /** Scale factor from the command line (`--scale 0.1` for a quick look); suites multiply their sizes by it. */
  scale: number;
  /** The shared corpus folder when present (benches may compare against it); null on a fresh clone. */
  corpus: string | null;
}

export interface EvalResult {
  /** Metric name → value in 0..1 (e.g. `ja.money.f1`); floors apply to these. */
  metrics: Record<string, number>;
  table: string;
}

/** bench/eval/suites/<name>.ts exports `run(opts)` and `corpusDir` (the folder under the corpus it reads). */
export interface EvalOptions {
  corpus: string;
  /** Print per-page (or per-case) rows too. */
  verbose?: boolean;
}
