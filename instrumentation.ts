/**
 * Runs once when the Next server starts: the background workers (mail outbox
 * delivery, later the pipelines) live in the same process unless
 * LODESTONE_WORKERS=off, in which case `npm run worker` runs them separately.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobs } = await import("./server/jobs/boss");
  await startJobs({ workers: process.env.LODESTONE_WORKERS !== "off" }).catch((error) => {
    console.error("[jobs] pg-boss could not start; /api/health reports jobs down", error);
  });
}
