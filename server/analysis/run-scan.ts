// The two passes of the labeller, run by run. A run is a maximal stretch of
// foreground voxels along x. Every run gets a provisional label, joined in the
// union-find with every run it touches in the rows already scanned: the row
// before (y-1) in the same slice and the same row in the slice before (z-1) for
// 6-connectivity; for 26-connectivity also rows y-1 and y+1 of the slice before,
// with runs touching when their column ranges are at most one apart. Comparing
// runs rather than voxels leaves one read and one table look-up per voxel (four
// voxels at a time where a word holds one label), however many neighbours the
// connectivity has; only a run's first voxel is written.
//
// The second pass finds the runs again in the data and fills them with their
// final labels. Everything called once per run or per voxel lives in this one
// module: a call into another module's export can go through an accessor (as
// tsx and bundlers compile imports), which costs more than the work in the loop.
import { RunTable } from "./run-table";

/** Share of the work the first pass takes, for progress reporting (measured: about 3/4). */
const FIRST_PASS_SHARE = 0.75;

/** Root of `x`, halving the path on the way (every visited node skips to its grandparent). */
function find(parent: Int32Array, x: number): number {
  let node = x;
  let up = parent[node]!;
  while (up !== node) {
    const grand = parent[up]!;
    parent[node] = grand;
    node = grand;
    up = parent[node]!;
  }
  return node;
}

/**
 * Joins root `root` (0: none yet) with the set of `other`; returns the new root.
 * Union by minimum label (Wu, Otoo & Suzuki 2009): the root is always the smallest
 * label of its set, so parent[l] <= l, which the flatten step relies on.
 */
function union(parent: Int32Array, root: number, other: number): number {
  const otherRoot = find(parent, other);
  if (root === 0 || otherRoot === root) return otherRoot;
  if (otherRoot < root) {
    parent[root] = otherRoot;
    return otherRoot;
  }
  parent[otherRoot] = root;
  return root;
}

/**
 * Joins the run [s, e) with the runs of a neighbour row that touch it, from run
 * `from` on (the caller has skipped those ending too early) while they start
 * early enough; returns the root.
 */
function joinTouching(start: Int32Array, label: Int32Array, from: number, to: number, e: number, window: number, parent: Int32Array, root: number): number {
  let joined = root;
  for (let q = from; q < to && start[q]! < e + window; q++) joined = union(parent, joined, label[q]!);
  return joined;
}

/**
 * Moves a cursor over a neighbour row's runs [at, to) past the runs ending
 * before column s - window: they cannot touch this run or any later one in the
 * row, so cursors only move forward. Returns the new position.
 */
function skipEnded(end: Int32Array, at: number, to: number, s: number, window: number): number {
  let q = at;
  while (q < to && end[q]! + window <= s) q++;
  return q;
}

/** What stays the same for every row of a labelling. */
export interface RowScan {
  readonly data: Uint8Array;
  /** The same bytes four at a time, when the data is 4-byte aligned (else null). */
  readonly words: Uint32Array | null;
  /** 1 for foreground label values, 0 for background (exactly 0 or 1). */
  readonly foreground: Uint8Array;
  readonly labels: Int32Array;
  /** 0 for 6-connectivity, 1 for 26 (how many columns apart touching runs may be). */
  readonly window: number;
  readonly nx: number;
  readonly ny: number;
}

/**
 * The first index from `from` (before `end`) whose voxel's foreground status
 * is not `status` (0 or 1). Label volumes hold long stretches of one label, so
 * where the data is aligned it tests four voxels at once: a word whose four
 * bytes are equal (whatever the byte order) has the status of any of them.
 */
function skipWhile(scan: RowScan, status: number, from: number, end: number): number {
  const { data, words, foreground } = scan;
  let i = from;
  while (i < end) {
    if (words !== null && (i & 3) === 0 && i + 4 <= end) {
      const word = words[i >>> 2]!;
      if (((word ^ (word >>> 8)) & 0xffffff) === 0 && foreground[word & 255] === status) {
        i += 4;
        continue;
      }
    }
    if (foreground[data[i]!] !== status) return i;
    i++;
  }
  return end;
}

/**
 * Scans row y of the slice whose runs go into `current` (its rows before y are
 * done; `previous` holds the slice before, or null for z = 0). Writes provisional
 * labels and returns the next free one. The caller makes room in `parent` for
 * ceil(nx / 2) new labels beforehand (the union-find table is an argument, not
 * a field, because it is reallocated as it grows).
 */
function scanRow(scan: RowScan, parent: Int32Array, row: number, y: number, current: RunTable, previous: RunTable | null, firstFree: number): number {
  const { labels, window, nx, ny } = scan;
  const { start: cs, end: ce, label: cl, first: cf } = current;
  const { start: ps, end: pe, label: pl, first: pf } = previous ?? current;
  let next = firstFree;
  let k = current.length;
  cf[y] = k;
  // Each neighbour row is a range [at, to) of run indices (empty when the row does not exist); plain
  // integers rather than cursor objects, as this runs once per row. Row y-1 of this slice ends where row y begins.
  let upAt = y > 0 ? cf[y - 1]! : 0;
  const upTo = y > 0 ? k : 0;
  const hasBack = previous !== null;
  let backAt = hasBack ? pf[y]! : 0;
  const backTo = hasBack ? pf[y + 1]! : 0;
  const diagonal = hasBack && window === 1;
  let backUpAt = diagonal && y > 0 ? pf[y - 1]! : 0;
  const backUpTo = diagonal && y > 0 ? pf[y]! : 0;
  let backDownAt = diagonal && y < ny - 1 ? pf[y + 1]! : 0;
  const backDownTo = diagonal && y < ny - 1 ? pf[y + 2]! : 0;
  const rowEnd = row + nx;
  let i = row;
  while (i < rowEnd) {
    i = skipWhile(scan, 0, i, rowEnd);
    if (i === rowEnd) break;
    const runStart = i;
    i = skipWhile(scan, 1, i, rowEnd);
    const s = runStart - row;
    const e = i - row;
    upAt = skipEnded(ce, upAt, upTo, s, window);
    let root = joinTouching(cs, cl, upAt, upTo, e, window, parent, 0);
    backAt = skipEnded(pe, backAt, backTo, s, window);
    root = joinTouching(ps, pl, backAt, backTo, e, window, parent, root);
    if (diagonal) {
      backUpAt = skipEnded(pe, backUpAt, backUpTo, s, window);
      root = joinTouching(ps, pl, backUpAt, backUpTo, e, window, parent, root);
      backDownAt = skipEnded(pe, backDownAt, backDownTo, s, window);
      root = joinTouching(ps, pl, backDownAt, backDownTo, e, window, parent, root);
    }
    if (root === 0) {
      parent[next] = next;
      root = next++;
    }
    cs[k] = s;
    ce[k] = e;
    cl[k] = root;
    k++;
    // Only the run's first voxel carries its label until pass 2, which finds the run again in the data
    // and fills it with the final label: the label array is otherwise written once and never read.
    labels[runStart] = root;
  }
  current.length = k;
  return next;
}

/**
 * Pass 1: provisional labels and their equivalences, row by row. Also records
 * in `spans` where each row's runs begin and end, so pass 2 reads only that
 * stretch of a row and skips empty rows.
 */
export function firstPass(scan: RowScan, nz: number, spans: Int32Array, onProgress?: (fraction: number) => void): { parent: Int32Array; provisionalLabels: number } {
  const { nx, ny } = scan;
  const halfRow = (nx + 1) >> 1; // the most runs a row can hold
  // This slice's runs and the slice before's, alternating (one table is enough for a single slice, as in sections).
  const tables = nz > 1 ? [new RunTable(nx, ny), new RunTable(nx, ny)] : [new RunTable(nx, ny)];
  let parent: Int32Array = new Int32Array(Math.max(1024, halfRow + 2));
  let next = 1;
  for (let z = 0; z < nz; z++) {
    const current = tables[z & 1]!;
    const previous = z > 0 ? tables[(z - 1) & 1]! : null;
    current.length = 0;
    for (let y = 0; y < ny; y++) {
      // Room for the row's new labels is made here, so the scan itself never reallocates.
      if (next + halfRow >= parent.length) parent = grow(parent, next + halfRow + 1);
      const firstRun = current.length;
      next = scanRow(scan, parent, nx * (y + ny * z), y, current, previous, next);
      if (current.length > firstRun) {
        spans[2 * (y + ny * z)] = current.start[firstRun]!;
        spans[2 * (y + ny * z) + 1] = current.end[current.length - 1]!;
      }
    }
    current.first[ny] = current.length;
    onProgress?.((FIRST_PASS_SHARE * (z + 1)) / nz);
  }
  return { parent, provisionalLabels: next - 1 };
}

function grow(parent: Int32Array, needed: number): Int32Array {
  let capacity = parent.length * 2;
  while (capacity < needed) capacity *= 2;
  const grown = new Int32Array(capacity);
  grown.set(parent);
  return grown;
}

/** Pass 2: final labels and component sizes, over the stretch of each row that holds runs. Returns the foreground voxels. */
export function secondPass(
  scan: RowScan, final: Int32Array, voxelCounts: Float64Array, spans: Int32Array, nz: number, onProgress?: (fraction: number) => void,
): number {
  const { nx, ny } = scan;
  let foregroundVoxels = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const r = y + ny * z;
      if (spans[2 * r + 1]! > 0) foregroundVoxels += fillRuns(scan, final, voxelCounts, nx * r + spans[2 * r]!, nx * r + spans[2 * r + 1]!);
    }
    onProgress?.(FIRST_PASS_SHARE + ((1 - FIRST_PASS_SHARE) * (z + 1)) / nz);
  }
  return foregroundVoxels;
}

/**
 * Finds the runs of [start, end) again in the data; each run's first voxel holds
 * its provisional label from pass 1. Fills the run with the final label and adds
 * its length to the component's size. Returns the voxels filled.
 */
function fillRuns(scan: RowScan, final: Int32Array, voxelCounts: Float64Array, start: number, end: number): number {
  const { labels } = scan;
  let filled = 0;
  let i = start;
  while (i < end) {
    i = skipWhile(scan, 0, i, end);
    if (i === end) break;
    const runStart = i;
    i = skipWhile(scan, 1, i, end);
    const label = final[labels[runStart]!]!;
    for (let at = runStart; at < i; at++) labels[at] = label;
    voxelCounts[label]! += i - runStart;
    filled += i - runStart;
  }
  return filled;
}
