// `npm run seed` (npx tsx prisma/seed.ts): loads the demo world into the
// database at DATABASE_URL. Safe to run again: it only fills in what is missing.
import { createPrismaClient } from "../server/db";
import { demoAccountsTable } from "./seed/accounts";
import { seedDemoWorld } from "./seed/world";

async function main() {
  const db = createPrismaClient();
  try {
    // --quiet: the caller (npm run demo, npm test) prints its own summary.
    const quiet = process.argv.includes("--quiet");
    if (!quiet) console.log("Seeding the Lodestone demo world...");
    await seedDemoWorld(db, { log: quiet ? () => {} : (msg) => console.log(`  ${msg}`) });
    if (!quiet) console.log(demoAccountsTable());
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`Seeding failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
