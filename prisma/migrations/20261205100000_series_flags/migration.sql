-- Point flags and detection limits beside each chunk's times and values, so
-- below-detection and missing points survive the round trip.
--   "f":     one byte per point, the parser's POINT_FLAG bits (1 below detection, 2 missing);
--   "limit": float64 little-endian per point, the detection limit, NaN where there is none.
-- NULL means every flag is 0 / no point of the chunk has a limit.

-- AlterTable
ALTER TABLE "SeriesChunk" ADD COLUMN "f" BYTEA,
ADD COLUMN "limit" BYTEA;

ALTER TABLE "SeriesChunk" ADD CONSTRAINT series_chunk_flag_sizes CHECK (
  ("f" IS NULL OR octet_length("f") = "count") AND ("limit" IS NULL OR octet_length("limit") = "count" * 8)
);

-- Times and values are stored out of line but not compressed: pglz made a
-- million-point import about 8x slower (it compresses 16 MB a series on COPY)
-- and every read pay the decompression, for roughly 2x on the times and little
-- on measured values. Flags and limits (mostly 0 / NaN) keep the default.
ALTER TABLE "SeriesChunk" ALTER COLUMN "t" SET STORAGE EXTERNAL, ALTER COLUMN "v" SET STORAGE EXTERNAL;
