/**
 * How a series' points are laid out in SeriesChunk rows: up to CHUNK_POINTS
 * points a row, times (epoch ms) and values as float64 little-endian bytes,
 * flags one byte a point and detection limits float64 (NaN when none); the
 * last two are NULL when a chunk has no flag or no limit. Also the rows in
 * PostgreSQL's binary COPY format, which carries the bytes as they are
 * (text COPY would double them into hex and make the server parse it back).
 */

export const CHUNK_POINTS = 8192;
export const CHUNK_COLUMNS = ["seriesId", "seq", "count", "t", "v", "f", "limit"] as const;

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/** The bytes of values[from, from + count) as float64 little-endian: a view, not a copy, on little-endian machines. */
export function float64Bytes(values: Float64Array, from: number, count: number): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset + from * 8, count * 8);
  const out = Buffer.allocUnsafe(count * 8);
  for (let i = 0; i < count; i++) out.writeDoubleLE(values[from + i]!, i * 8);
  return out;
}

/** Decodes float64 little-endian bytes into `into` from index `at` (any alignment of `bytes`). */
export function readFloat64Into(bytes: Uint8Array, into: Float64Array, at: number): void {
  if (bytes.byteLength % 8 !== 0 || at + bytes.byteLength / 8 > into.length) throw new RangeError("A chunk's float64 bytes do not fit its series.");
  if (LITTLE_ENDIAN) {
    new Uint8Array(into.buffer, into.byteOffset + at * 8, bytes.byteLength).set(bytes);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.byteLength / 8; i++) into[at + i] = view.getFloat64(i * 8, true);
}

export interface ChunkSource {
  seriesId: string;
  t: Float64Array;
  v: Float64Array;
  flags: Uint8Array;
  detectionLimit: Float64Array | null;
}

export interface ChunkRow {
  seriesId: string;
  seq: number;
  count: number;
  t: Buffer;
  v: Buffer;
  f: Buffer | null;
  limit: Buffer | null;
}

/** One series' chunks, in order; the byte arrays are views on the series' arrays where possible. */
export function* chunkRows(source: ChunkSource): Generator<ChunkRow> {
  const n = source.t.length;
  for (let seq = 0; seq * CHUNK_POINTS < n; seq++) {
    const from = seq * CHUNK_POINTS;
    const count = Math.min(CHUNK_POINTS, n - from);
    const flags = source.flags.subarray(from, from + count);
    const limits = source.detectionLimit?.subarray(from, from + count);
    yield {
      seriesId: source.seriesId,
      seq,
      count,
      t: float64Bytes(source.t, from, count),
      v: float64Bytes(source.v, from, count),
      f: flags.some((flag) => flag !== 0) ? Buffer.from(flags.buffer, flags.byteOffset, count) : null,
      limit: limits?.some((limit) => !Number.isNaN(limit)) ? float64Bytes(source.detectionLimit!, from, count) : null,
    };
  }
}

// PostgreSQL's binary COPY: signature, flags (int32 0), header extension length (int32 0); trailer int16 -1.
const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/**
 * The rows as binary COPY data for `COPY "SeriesChunk" (CHUNK_COLUMNS) FROM STDIN (FORMAT binary)`,
 * in pieces of about `batchBytes` (header first, trailer last). Field types must match the
 * columns exactly: text, int4, int4, then four bytea (NULL: length -1).
 */
export function* binaryCopyData(rows: Iterable<ChunkRow>, batchBytes = 1 << 20): Generator<Buffer> {
  let parts: Buffer[] = [COPY_HEADER];
  let size = COPY_HEADER.length;
  for (const row of rows) {
    const id = Buffer.from(row.seriesId, "utf8");
    const head = Buffer.allocUnsafe(2 + 4 + id.length + 8 + 8);
    let at = head.writeInt16BE(CHUNK_COLUMNS.length, 0);
    at = head.writeInt32BE(id.length, at);
    at += id.copy(head, at);
    at = head.writeInt32BE(4, at);
    at = head.writeInt32BE(row.seq, at);
    at = head.writeInt32BE(4, at);
    head.writeInt32BE(row.count, at);
    parts.push(head);
    size += head.length;
    for (const bytes of [row.t, row.v, row.f, row.limit]) {
      const length = Buffer.allocUnsafe(4);
      length.writeInt32BE(bytes ? bytes.length : -1, 0);
      parts.push(length);
      size += 4;
      if (bytes) {
        parts.push(bytes);
        size += bytes.length;
      }
    }
    if (size >= batchBytes) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  parts.push(COPY_TRAILER);
  yield Buffer.concat(parts, size + COPY_TRAILER.length);
}
