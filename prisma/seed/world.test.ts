// Seeds the demo world twice into the database at DATABASE_URL and checks the
// second run changes nothing. Counts are limited to the demo world's own rows,
// so other tests writing to the same database cannot disturb them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password";
import { createPrismaClient } from "../../server/db";
import type { PrismaClient } from "../../server/generated/prisma/client";
import { demoAccountFor, demoAccounts, demoPassword } from "./accounts";
import { demoConsortia, demoDemonstrators, demoFacilities, demoOrganisations, demoProgramme, seedDemoWorld } from "./world";

let db: PrismaClient;
let first: Snapshot;
let second: Snapshot;

beforeAll(async () => {
  db = createPrismaClient();
  await seedDemoWorld(db);
  first = await snapshot();
  await seedDemoWorld(db);
  second = await snapshot();
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
});

const orgNames = demoOrganisations.map((o) => o.name);
const emails = demoAccounts.map((a) => a.email);
const facilityCodes = demoFacilities.map((f) => f.code);
const consortiumNames = demoConsortia.map((c) => c.name);

/** Every row the demo world owns, and a fingerprint of the values, so a changed value shows too. */
async function snapshot() {
  const [organisations, users, memberships, smeDeclarations, facilities, endstations, cycles, consortia, consortiumMembers, programmes, demonstrators] =
    await Promise.all([
      db.organisation.findMany({ where: { name: { in: orgNames } }, orderBy: { name: "asc" } }),
      db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" } }),
      db.membership.findMany({ where: { user: { email: { in: emails } } }, orderBy: { id: "asc" } }),
      db.smeDeclaration.findMany({ where: { organisation: { name: { in: orgNames } } }, orderBy: { organisationId: "asc" } }),
      db.facility.findMany({ where: { code: { in: facilityCodes } }, orderBy: { code: "asc" } }),
      db.endstation.findMany({ where: { facility: { code: { in: facilityCodes } } }, orderBy: { id: "asc" } }),
      db.cycle.findMany({ where: { facility: { code: { in: facilityCodes } } }, orderBy: { id: "asc" } }),
      db.consortium.findMany({ where: { name: { in: consortiumNames } }, orderBy: { name: "asc" } }),
      db.consortiumMember.findMany({ where: { consortium: { name: { in: consortiumNames } } }, orderBy: [{ consortiumId: "asc" }, { organisationId: "asc" }] }),
      db.programme.findMany({ where: { name: demoProgramme.name } }),
      db.demonstrator.findMany({ where: { title: { in: demoDemonstrators.map((d) => d.title) } }, orderBy: { title: "asc" } }),
    ]);
  const rows = { organisations, users, memberships, smeDeclarations, facilities, endstations, cycles, consortia, consortiumMembers, programmes, demonstrators };
  const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
  const fingerprint = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return { counts, fingerprint };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

describe("seedDemoWorld", () => {
  it("changes nothing when run a second time", () => {
    expect(second.counts).toEqual(first.counts);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it("builds two facilities, five endstations, two consortia and a programme", async () => {
    expect(first.counts).toMatchObject({
      organisations: demoOrganisations.length,
      users: demoAccounts.length,
      memberships: demoAccounts.length,
      facilities: 2,
      endstations: 5,
      cycles: 4,
      consortia: 2,
      consortiumMembers: 8,
      programmes: 1,
      demonstrators: 3,
    });

    const qualifyingSmes = await db.organisation.count({ where: { name: { in: orgNames }, kind: "SME", smeDeclaration: { qualifies: true } } });
    expect(qualifyingSmes).toBe(5);
    const nonQualifying = await db.smeDeclaration.findMany({ where: { organisation: { name: { in: orgNames } }, qualifies: false }, include: { organisation: true } });
    expect(nonQualifying.map((d) => d.organisation.kind)).toEqual(["INDUSTRY"]);
  });

  it("gives every demo account a verified sign-in and its membership role", async () => {
    const users = await db.user.findMany({
      where: { email: { in: emails } },
      include: { memberships: { include: { organisation: { select: { name: true } } } } },
    });
    for (const account of demoAccounts) {
      const user = users.find((u) => u.email === account.email);
      expect(user, account.email).toBeDefined();
      expect(user?.passwordHash, account.email).toMatch(/^\$argon2id\$/);
      expect(user?.emailVerified, account.email).toBeInstanceOf(Date);
      expect(
        user?.memberships.some((m) => m.role === account.role && m.organisation.name === account.organisation),
        `${account.email} is ${account.role} in ${account.organisation}`,
      ).toBe(true);
    }
    const primary = users.find((u) => u.email === demoAccountFor("APPLICANT").email);
    expect(primary?.email).toBe("amara.okafor@okement-lithium.example");
    expect(await verifyPassword(primary?.passwordHash ?? "", demoPassword)).toBe(true);
  });

  it("starts each cycle at local midnight in its facility's zone", async () => {
    const cycles = await db.cycle.findMany({ where: { facility: { code: { in: facilityCodes } } }, include: { facility: true } });
    const starts = Object.fromEntries(cycles.map((c) => [`${c.facility.code} ${c.name}`, [c.startsAt.toISOString(), c.endsAt.toISOString()]]));
    expect(starts).toEqual({
      "SLS 2027-1": ["2027-01-01T00:00:00.000Z", "2027-06-30T23:00:00.000Z"],
      "SLS 2027-2": ["2027-06-30T23:00:00.000Z", "2028-01-01T00:00:00.000Z"],
      "ECI 2027-1": ["2026-12-31T23:00:00.000Z", "2027-06-30T22:00:00.000Z"],
      "ECI 2027-2": ["2027-06-30T22:00:00.000Z", "2027-12-31T23:00:00.000Z"],
    });
  });
});
