import { spawn } from "node:child_process";
import path from "node:path";

/**
 * Runs one attempt of a built-in step in a child process (scripts/pipeline-step.ts)
 * and resolves when it exits normally; rejects when it was killed or crashed,
 * so the job queue retries the attempt.
 */
export function runStepInChild(stepId: string, attempt: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "pipeline-step.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, stepId, String(attempt)], { cwd: process.cwd(), env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`The step's worker process stopped (${signal ?? `exit code ${code}`}).`))));
  });
}
