// `npm run bench -- <name>`: performance benchmarks (figures for the README's
// performance section, not pass/fail tests). Everything runs on localhost and
// is stopped by this process, by pid; the whole run is bounded in time
// (BENCH_TIME_LIMIT_MINUTES, 15 by default). Settings: bench/config.ts.
import { registerShutdown } from "../scripts/lib/embedded-postgres";
import { analysisBenchmark } from "./analysis";
import { calendarBenchmark, type BenchContext } from "./calendar";
import { config } from "./config";

const benchmarks: Record<string, (context: BenchContext) => Promise<void>> = { calendar: calendarBenchmark, analysis: analysisBenchmark };

const name = process.argv[2] ?? "calendar";
const benchmark = benchmarks[name];
if (!benchmark) {
  console.error(`Unknown benchmark "${name}". Available: ${Object.keys(benchmarks).join(", ")}.`);
  process.exit(2);
}

// Stop steps, run last-registered first (the app before the database).
const stops: (() => Promise<void>)[] = [];
async function stopAll() {
  for (let stop = stops.pop(); stop; stop = stops.pop()) {
    await stop().catch((error) => console.error(`[bench] stopping: ${error instanceof Error ? error.message : String(error)}`));
  }
}
registerShutdown(stopAll);

// New work stops a minute before the limit; at the limit everything is stopped.
const started = Date.now();
const watchdog = setTimeout(() => {
  console.error(`\n[bench] Time limit of ${config.timeLimitMs / 60_000} minutes reached; stopping.`);
  void stopAll().finally(() => process.exit(1));
}, config.timeLimitMs);

benchmark({ deadline: started + config.timeLimitMs - 60_000, onStop: (stop) => stops.push(stop) })
  .then(async () => {
    clearTimeout(watchdog);
    await stopAll();
    process.exit(0);
  })
  .catch(async (error) => {
    clearTimeout(watchdog);
    console.error(`\n[bench] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  });
