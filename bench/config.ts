// Benchmark settings, from the environment; the defaults are the figures the README quotes.
import os from "node:os";
import path from "node:path";

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return value;
};

export const config = {
  /** Synthetic CONFIRMED bookings loaded over 2027–2031 on 30 endstations. */
  bookings: int("BENCH_BOOKINGS", 100_000),
  /** Bookings created through HTTP tRPC, and again directly in SQL. */
  placements: int("BENCH_PLACEMENTS", 2_000),
  concurrency: int("BENCH_CONCURRENCY", 8),
  /** Measured calls of the calendar query per window (after the warm-up calls). */
  calendarRuns: int("BENCH_CALENDAR_RUNS", 200),
  calendarWarmup: int("BENCH_CALENDAR_WARMUP", 20),
  httpCalendarRuns: int("BENCH_HTTP_CALENDAR_RUNS", 50),
  /** A PostgreSQL server URL; the bench (re)creates the database `lodestone_bench` on it. Unset: a throwaway embedded server. */
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  dbPort: int("BENCH_DB_PORT", 54460),
  appPort: int("BENCH_APP_PORT", 3460),
  /** Where the repository is copied and built, so the shared .next is never touched. */
  appDir: process.env.BENCH_APP_DIR || path.join(os.tmpdir(), "lodestone-bench-app"),
  /** The whole run is abandoned after this long. */
  timeLimitMs: int("BENCH_TIME_LIMIT_MINUTES", 15) * 60_000,
} as const;
