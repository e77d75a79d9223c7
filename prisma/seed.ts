// `npm run seed` (npx tsx prisma/seed.ts): loads the demo world into the
// database at DATABASE_URL. Safe to run again: it only fills in what is missing.
import { createPrismaClient } from "../server/db";
import { roleLabels } from "../server/organisations/roles";
import { demoAccounts, demoPassword } from "./seed/accounts";
import { seedDemoWorld } from "./seed/world";

function printAccounts() {
  const rows = demoAccounts.map((a) => [a.email, roleLabels[a.role], a.organisation]);
  const header = ["Email", "Role", "Organisation"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  console.log(`\nDemo accounts (password for all: ${demoPassword})\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log("");
}

async function main() {
  const db = createPrismaClient();
  try {
    // --quiet: the caller (npm run demo, npm test) prints its own summary.
    const quiet = process.argv.includes("--quiet");
    if (!quiet) console.log("Seeding the Lodestone demo world...");
    await seedDemoWorld(db, { log: quiet ? () => {} : (msg) => console.log(`  ${msg}`) });
    if (!quiet) printAccounts();
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`Seeding failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
