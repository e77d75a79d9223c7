// `npm run dev`: like the demo, but with `next dev` (hot reload) instead of a production build.
import { appEnv, localAuthSecret } from "./lib/app-env";
import { demoDatabase, isSeeded, migrate } from "./lib/database";
import { registerShutdown } from "./lib/embedded-postgres";
import { run, start, stopChild } from "./lib/process";
import type { ChildProcess } from "node:child_process";

const port = Number(process.env.PORT ?? 3000);

async function main() {
  const database = await demoDatabase({
    say: (msg) => console.log(`[dev] ${msg}`),
    giveUp: (reason) => {
      console.error(`[dev] ${reason}\n[dev] Stopping; run \`npm run dev\` again (your data is kept in .data/postgres).`);
      process.kill(process.pid, "SIGTERM");
    },
  });
  const running: { app?: ChildProcess } = {};
  registerShutdown(async () => {
    await stopChild(running.app);
    await database.stop();
  });
  await migrate(database.url);
  if (!(await isSeeded(database.url))) await run("tsx", ["prisma/seed.ts"], { env: { ...process.env, DATABASE_URL: database.url } });
  running.app = start("next", ["dev", "-p", String(port)], { env: appEnv(database.url, port, localAuthSecret()) });
}

main().catch((error) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
