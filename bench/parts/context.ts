/** What every part of `npm run bench` gets: the mode, how often to repeat a timing, where to write, how to print. */
export interface BenchContext {
  /** `--quick`: fewer samples and one run per timing (a smoke run; figures are rough). */
  quick: boolean;
  /** Runs per timing (the median is reported): 3, or 1 in quick mode, or `--runs N`. */
  runs: number;
  /** A temporary directory for generated case files. */
  tmp: string;
  /** The repository root (for `bin/bcase.js` and the examples). */
  root: string;
  log: (line: string) => void;
}

export interface BenchPart {
  name: string;
  about: string;
  run(ctx: BenchContext): Promise<Record<string, unknown>>;
}
