// Seeds the demo world twice into the database at DATABASE_URL and checks the
// second run changes nothing. Counts are limited to the demo world's own rows,
// so other tests writing to the same database cannot disturb them.
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submissionSchema } from "../../server/access-requests/schemas";
import { verifyPassword } from "../../server/auth/password";
import { createPrismaClient } from "../../server/db";
import type { PrismaClient } from "../../server/generated/prisma/client";
import { demoPanel, demoRequests } from "./access";
import { demoAccountFor, demoAccounts, demoOrganisationNames, demoPassword } from "./accounts";
import { demoTimeline } from "./timeline";
import { demoConsortia, demoDemonstrators, demoFacilities, demoOrganisations, demoProgrammeName, seedDemoWorld } from "./world";

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
// The world is laid out relative to today (./timeline.ts); the test reads the same timeline.
const t = demoTimeline();
const requestIds = demoRequests(t).map((r) => r.id);
const demoCycleNames = [t.cycle("2027-1"), t.cycle("2027-2")];
const demoPanelNow = demoPanel(t);

/** Every row the demo world owns, and a fingerprint of the values, so a changed value shows too. */
async function snapshot() {
  const queries = {
    organisations: db.organisation.findMany({ where: { name: { in: orgNames } }, orderBy: { name: "asc" } }),
    users: db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" } }),
    memberships: db.membership.findMany({ where: { user: { email: { in: emails } } }, orderBy: { id: "asc" } }),
    smeDeclarations: db.smeDeclaration.findMany({ where: { organisation: { name: { in: orgNames } } }, orderBy: { organisationId: "asc" } }),
    facilities: db.facility.findMany({ where: { code: { in: facilityCodes } }, orderBy: { code: "asc" } }),
    endstations: db.endstation.findMany({ where: { facility: { code: { in: facilityCodes } } }, orderBy: { id: "asc" } }),
    cycles: db.cycle.findMany({ where: { facility: { code: { in: facilityCodes } }, name: { in: demoCycleNames } }, orderBy: { id: "asc" } }),
    consortia: db.consortium.findMany({ where: { name: { in: consortiumNames } }, orderBy: { name: "asc" } }),
    consortiumMembers: db.consortiumMember.findMany({ where: { consortium: { name: { in: consortiumNames } } }, orderBy: [{ consortiumId: "asc" }, { organisationId: "asc" }] }),
    programmes: db.programme.findMany({ where: { name: demoProgrammeName } }),
    demonstrators: db.demonstrator.findMany({ where: { title: { in: demoDemonstrators(t).map((d) => d.title) } }, orderBy: { title: "asc" } }),
    accessRoutes: db.accessRoute.findMany({ where: { facility: { code: { in: facilityCodes } } }, orderBy: { id: "asc" } }),
    calls: db.call.findMany({ where: { facility: { code: { in: facilityCodes } }, cycle: { name: { in: demoCycleNames } } }, orderBy: { id: "asc" } }),
    panelMembers: db.panelMember.findMany({ where: { user: { email: { in: emails } }, cycle: { name: { in: demoCycleNames } } }, orderBy: { id: "asc" } }),
    requests: db.accessRequest.findMany({ where: { id: { in: requestIds } }, orderBy: { id: "asc" } }),
    requestVersions: db.accessRequestVersion.findMany({ where: { requestId: { in: requestIds } }, orderBy: { id: "asc" } }),
    requestEndstations: db.accessRequestEndstation.findMany({ where: { requestId: { in: requestIds } }, orderBy: [{ requestId: "asc" }, { endstationId: "asc" }] }),
    reviews: db.review.findMany({ where: { requestId: { in: requestIds } }, orderBy: { id: "asc" } }),
    rateCards: db.rateCard.findMany({ where: { endstation: { facility: { code: { in: facilityCodes } } } }, orderBy: { id: "asc" } }),
    addOnRates: db.addOnRate.findMany({ where: { facility: { code: { in: facilityCodes } } }, orderBy: { id: "asc" } }),
    agreements: db.agreement.findMany({ where: { OR: [{ requestId: { in: requestIds } }, { block: { id: "demo-block-cornubia-sls-s07" } }] }, orderBy: { reference: "asc" } }),
  };
  const rows = Object.fromEntries(await Promise.all(Object.entries(queries).map(async ([name, query]) => [name, (await query) as unknown[]] as const)));
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
      accessRoutes: 10,
      calls: 4,
      panelMembers: 3,
      requests: 7,
      requestVersions: 7,
      requestEndstations: 9,
      reviews: 12,
      rateCards: 5,
      addOnRates: 6,
      agreements: 2,
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
    const cycles = await db.cycle.findMany({ where: { facility: { code: { in: facilityCodes } }, name: { in: demoCycleNames } }, include: { facility: true } });
    const local = (at: Date, timeZone: string) => format(at, "yyyy-MM-dd HH:mm", { in: tz(timeZone) });
    for (const c of cycles) {
      const what = `${c.facility.code} ${c.name}`;
      const [year, half] = c.name.split("-").map(Number) as [number, number];
      expect(local(c.startsAt, c.facility.timeZone), what).toBe(half === 1 ? `${year}-01-01 00:00` : `${year}-07-01 00:00`);
      expect(local(c.endsAt, c.facility.timeZone), what).toBe(half === 1 ? `${year}-07-01 00:00` : `${year + 1}-01-01 00:00`);
    }
    // The first cycle is the next one to start, within six months.
    const first = cycles.find((c) => c.name === demoCycleNames[0])!;
    expect(first.startsAt > new Date()).toBe(true);
    expect(first.startsAt.getTime() - Date.now()).toBeLessThanOrEqual(185 * 86_400_000);
  });

  it("gives each facility its five access routes and calls for the next two cycles on the peer-reviewed route", async () => {
    const routes = await db.accessRoute.findMany({ where: { facility: { code: { in: facilityCodes } } }, include: { facility: true, calls: { include: { cycle: true } } } });
    for (const code of facilityCodes) {
      const own = routes.filter((r) => r.facility.code === code);
      expect(own.map((r) => r.kind).sort(), code).toEqual(["CONSORTIUM_BLOCK", "NON_PROPRIETARY", "PROPRIETARY_INDUSTRIAL", "RAPID", "SME_INDUSTRIAL"]);
      for (const route of own) {
        expect(route.needsCall, `${code} ${route.kind}`).toBe(route.kind === "NON_PROPRIETARY");
        expect(route.confidential, `${code} ${route.kind}`).toBe(route.kind !== "NON_PROPRIETARY");
        const calls = route.calls.filter((c) => demoCycleNames.includes(c.cycle.name));
        expect(calls.length, `${code} ${route.kind} calls`).toBe(route.kind === "NON_PROPRIETARY" ? 2 : 0);
      }
      const open = own.find((r) => r.kind === "NON_PROPRIETARY");
      expect(open).toMatchObject({ decisionTargetDays: 70, embargoMonths: 36 });
      expect(own.find((r) => r.kind === "RAPID")).toMatchObject({ maxShifts: 2, decisionTargetDays: 5 });
    }

    // Today the first cycle's call is open and the second's is not yet.
    const today = new Date();
    const calls = await db.call.findMany({ where: { facility: { code: { in: facilityCodes } }, cycle: { name: { in: demoCycleNames } } }, include: { cycle: true, facility: true } });
    for (const call of calls) {
      const isOpen = call.opensAt <= today && call.closesAt > today;
      expect(isOpen, call.title).toBe(call.cycle.name === demoCycleNames[0]);
      expect(call.title).toBe(`${call.facility.name} call for ${call.cycle.name}`);
    }
  });

  it("seats a chair and two members on the Severn Light Source panel for the next cycle", async () => {
    const seats = await db.panelMember.findMany({ where: { user: { email: { in: emails } }, cycle: { name: { in: demoCycleNames } } }, include: { user: true, cycle: true, facility: true } });
    expect(seats.map((s) => [s.facility.code, s.cycle.name, s.user.email, s.isChair]).sort()).toEqual(
      demoPanelNow.seats.map((s) => [demoPanelNow.facility, demoPanelNow.cycle, s.email, s.isChair]).sort(),
    );
    expect(seats.filter((s) => s.isChair).map((s) => s.user.name)).toEqual(["Prof. Aled Pryce"]);
  });

  it("seeds requests whose content passes the submission schema, with consistent references and reviews", async () => {
    const requests = await db.accessRequest.findMany({
      where: { id: { in: requestIds } },
      include: {
        route: true,
        call: { include: { cycle: true } },
        organisation: true,
        facility: { include: { endstations: true, organisation: { include: { memberships: { include: { user: true } } } } } },
        versions: true,
        endstations: true,
        reviews: { include: { reviewer: true } },
      },
    });
    expect(requests).toHaveLength(demoRequests(t).length);
    const seats = await db.panelMember.findMany({ include: { user: { include: { memberships: true } } } });

    for (const r of requests) {
      const label = r.reference ?? r.id;
      const schema = submissionSchema({ routeKind: r.route.kind, maxShifts: r.route.maxShifts, today: format(new Date(), "yyyy-MM-dd"), endstationIds: r.facility.endstations.map((e) => e.id) });
      const parsed = schema.safeParse(r.content);
      expect(parsed.success ? [] : parsed.error.issues, label).toEqual([]);

      expect(r.reference, label).toMatch(/^LDS-\d\d-\d{4}$/);
      expect(r.submittedAt! < new Date(), `${label} was submitted before today`).toBe(true);
      expect(r.submittedAt, label).toBeInstanceOf(Date);
      expect(r.version, label).toBe(1);
      expect(r.versions.map((v) => v.version), label).toEqual([1]);
      expect(r.versions[0]?.content, label).toEqual(r.content);
      expect(r.endstations.map((e) => e.endstationId).sort(), label).toEqual([...(parsed.data?.endstationIds ?? [])].sort());
      expect(r.title, label).toBe(parsed.data?.title);
      expect(r.shiftsRequested, label).toBe(parsed.data?.shiftsRequested);
      expect(r.callId !== null, label).toBe(r.route.needsCall);
      if (r.state === "APPROVED") expect(r.allocatedShifts, label).toBeGreaterThan(0);

      // Okement has only the request the billing journey approves (its applicant submits new ones in the SME journey); none for Westcountry (a browser journey submits its request).
      if (r.id !== "demo-request-okement-spodumene-liberation") expect(r.organisation.name, label).not.toBe(demoOrganisationNames.lithiumExplorer);
      expect(r.organisation.name, label).not.toBe(demoOrganisationNames.academicLab);

      const staffRoles = (userId: string) => r.facility.organisation.memberships.filter((m) => m.userId === userId).map((m) => m.role);
      for (const review of r.reviews) {
        const what = `${label} ${review.kind} by ${review.reviewer.email}`;
        expect(review.version, what).toBe(r.version);
        expect(review.grade !== null, what).toBe(review.kind === "PANEL");
        if (review.kind === "PANEL") {
          const seat = seats.find((s) => s.userId === review.reviewerId && s.cycleId === r.call?.cycleId);
          expect(seat, what).toBeDefined();
          expect(seat?.user.memberships.some((m) => m.organisationId === r.organisationId), `${what}: conflict of interest`).toBe(false);
        } else if (review.kind === "DECISION") {
          expect(staffRoles(review.reviewerId), what).toContain("FACILITY_ADMIN");
        } else {
          expect(staffRoles(review.reviewerId).some((role) => role === "FACILITY_STAFF" || role === "FACILITY_ADMIN"), what).toBe(true);
        }
      }
    }

    const references = requests.map((r) => r.reference);
    expect(new Set(references).size).toBe(requests.length);
    for (const year of new Set(references.map((ref) => ref!.slice(4, 6)))) {
      const counter = await db.referenceCounter.findUnique({ where: { scope: `request-20${year}` } });
      const highest = Math.max(...references.filter((ref) => ref!.slice(4, 6) === year).map((ref) => Number(ref?.slice(-4))));
      expect(counter?.last ?? 0).toBeGreaterThanOrEqual(highest);
    }

    expect(requests.map((r) => r.state).sort()).toEqual(["APPROVED", "AWAITING_DECISION", "AWAITING_DECISION", "FEASIBILITY_REVIEW", "PANEL_REVIEW", "PANEL_REVIEW", "SUBMITTED"]);
    const inPanel = requests.filter((r) => r.state === "PANEL_REVIEW");
    expect(inPanel.every((r) => r.route.kind === "NON_PROPRIETARY" && r.facility.code === demoPanelNow.facility && r.call?.cycle.name === demoPanelNow.cycle)).toBe(true);
    expect(inPanel.flatMap((r) => r.reviews.filter((v) => v.kind === "PANEL").map((v) => v.reviewer.email))).toEqual(["ingrid.solberg@nordic-mineral-imaging.example"]);
  });
});
