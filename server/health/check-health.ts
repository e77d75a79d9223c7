import type { Db } from "../db";
import { runningJobs } from "../jobs/boss";

export type HealthReport = { db: "ok" | "down"; jobs: "ok" | "down" };

/** Each part answers within a few seconds or counts as down. */
export async function checkHealth(db: Db, timeoutMs = 3000): Promise<HealthReport> {
  const within = <T,>(work: Promise<T>) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs))]);
  const dbOk = await within(db.$queryRaw`SELECT 1`).then(() => true, () => false);
  const boss = runningJobs();
  const jobsOk = boss ? await within(boss.then((b) => b.isInstalled())).then(Boolean, () => false) : false;
  return { db: dbOk ? "ok" : "down", jobs: jobsOk ? "ok" : "down" };
}
