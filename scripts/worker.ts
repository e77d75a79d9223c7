// `npm run worker`: the background workers alone, for deployments that run the
// web servers with LODESTONE_WORKERS=off. Needs DATABASE_URL.
import { startJobs, stopJobs } from "../server/jobs/boss";
import { assertMailProviderConfigured } from "../server/mail/dev-mailbox";

async function main() {
  assertMailProviderConfigured(); // the worker is what delivers mail: same rule as the web server
  await startJobs({ workers: true });
  console.log("[worker] pg-boss workers running (mail outbox). Ctrl-C to stop.");
  const stop = async () => {
    await stopJobs();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error("[worker]", error instanceof Error ? error.message : error);
  process.exit(1);
});
