// The runs of one z-slice, as the labeller's first pass records them: kept for
// the slice being scanned and the slice before, so the scratch memory of the
// labeller scales with a slice, not with the volume.

/** Runs of one z-slice: row y owns runs first[y] .. first[y+1]-1; columns [start, end). */
export class RunTable {
  readonly first: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly label: Int32Array;
  length = 0;

  /**
   * Sized for the most runs a slice can hold (every other voxel), so the arrays
   * never change: V8 compiles the scan assuming they stay put, and swapping one
   * would throw that code away mid-volume. 6 bytes per slice voxel.
   */
  constructor(nx: number, ny: number) {
    const capacity = ny * ((nx + 1) >> 1);
    this.first = new Int32Array(ny + 1);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.label = new Int32Array(capacity);
  }
}
