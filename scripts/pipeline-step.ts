// One attempt of a built-in pipeline step, in its own process: the analysis is
// CPU-bound for seconds to minutes, so it never runs on a thread that serves
// pages, and a crash here costs only this attempt (pg-boss retries it; the
// retry registers nothing twice). Usage: tsx scripts/pipeline-step.ts STEP ATTEMPT
import { getDb } from "../server/db";
import { runBuiltinStep } from "../server/pipelines/builtin/run-step";

const [stepId, attempt] = process.argv.slice(2);
if (!stepId || !attempt || !/^\d+$/.test(attempt)) {
  console.error("Usage: tsx scripts/pipeline-step.ts STEP_ID ATTEMPT");
  process.exit(2);
}

// Tests stop the process right after an output is registered, as a killed worker would be.
const crashAfter = process.env.LODESTONE_STEP_CRASH_AFTER;

runBuiltinStep(getDb(), stepId, Number(attempt), {
  afterOutput: (name) => {
    if (name === crashAfter) process.kill(process.pid, "SIGKILL");
  },
})
  .then(async (outcome) => {
    console.log(`[pipeline-step] ${stepId} attempt ${attempt}: ${outcome}`);
    await getDb().$disconnect();
    process.exit(0);
  })
  .catch((error) => {
    console.error("[pipeline-step]", error);
    process.exit(1);
  });
