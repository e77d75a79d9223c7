// Progress of a multi-stage computation as one fraction 0-1 for the caller's
// progress bar. Each stage reports its own 0-1; stages are weighted by their
// share of the work. Reports are thinned to steps of at least 1 % and never go
// backwards, so a callback that updates a database row is not flooded.

export type ProgressCallback = (fraction: number) => void;

/** Smallest step reported; the slack keeps a step of exactly 1 % from being lost to rounding. */
const MIN_STEP = 0.01 - 1e-12;

export class StagedProgress {
  private readonly starts: number[];
  private readonly total: number;
  private reported = 0;

  constructor(
    private readonly onProgress: ProgressCallback | undefined,
    private readonly weights: readonly number[],
  ) {
    let sum = 0;
    this.starts = weights.map((w) => {
      const start = sum;
      sum += w;
      return start;
    });
    this.total = sum;
  }

  /** A callback for stage `index` taking that stage's own fraction done. */
  stage(index: number): ProgressCallback {
    const start = this.starts[index]!;
    const weight = this.weights[index]!;
    return (fraction) => this.report((start + weight * Math.min(1, Math.max(0, fraction))) / this.total);
  }

  /** Reports completion. */
  finish(): void {
    this.report(1);
  }

  private report(overall: number): void {
    if (!this.onProgress) return;
    if (overall <= this.reported) return;
    if (overall < 1 && overall - this.reported < MIN_STEP) return;
    this.reported = overall;
    this.onProgress(overall);
  }
}
