// Small measuring helpers for the benchmarks: timings, percentiles, a bounded worker pool.

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN, mean };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(valueMs < 10_000 ? 2 : 1)} s`;
export const bookingRate = (value: number) => `${value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} bookings/s`;
export const thousands = (value: number) => value.toLocaleString("en-GB");

export function describe(s: Summary): string {
  return `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (${s.runs} runs)`;
}

/** Milliseconds `work` takes, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Runs `work` once after `warmup` unmeasured calls, `runs` times measured, stopping at the deadline. */
export async function sample(runs: number, warmup: number, deadline: number, work: () => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < warmup && Date.now() < deadline; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs && Date.now() < deadline; i++) samples.push((await timed(work))[1]);
  return summarise(samples);
}

export interface PoolResult {
  ok: number;
  failed: number;
  elapsedMs: number;
  /** The first few failure messages, to print. */
  errors: string[];
}

/**
 * `count` jobs over `concurrency` workers, each worker using its own `clients[w]`
 * and taking the next job index until none are left (or the deadline passes).
 */
export async function runPool<C>(clients: C[], count: number, deadline: number, job: (client: C, index: number) => Promise<void>): Promise<PoolResult> {
  let next = 0;
  const result: PoolResult = { ok: 0, failed: 0, elapsedMs: 0, errors: [] };
  const worker = async (client: C) => {
    for (let index = next++; index < count && Date.now() < deadline; index = next++) {
      try {
        await job(client, index);
        result.ok++;
      } catch (error) {
        result.failed++;
        if (result.errors.length < 5) result.errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const started = performance.now();
  await Promise.all(clients.map(worker));
  result.elapsedMs = performance.now() - started;
  return result;
}
