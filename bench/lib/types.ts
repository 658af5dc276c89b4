/** One measured number in the report. Keep identical to bench/README.md and the working agreement. */
export interface BenchResult {
  name: string;
  unit: 'ms' | 'rows/s' | 'calls/s' | 'MB' | 'x' | 'count' | 'chars' | 'tokens' | '%';
  median?: number;
  p99?: number;
  value?: number;
  peak_rss_mb?: number;
  baseline?: { name: string; median: number };
  ratio?: number;
  target?: string;
  note?: string;
}

/**
 * What the runner passes to a case's `run`. A case may declare just `{ quick: boolean }`;
 * `sizes` carries the numeric flags (`--rows 2000000` → `sizes.rows`), read with `sizeOf`.
 */
export interface BenchOptions {
  quick: boolean;
  sizes?: Readonly<Record<string, number>>;
}

export type BenchRun = (options: BenchOptions) => Promise<BenchResult[]>;

export interface BenchCase {
  /** The file name under bench/cases/, without `.ts`. */
  name: string;
  run: BenchRun;
}
