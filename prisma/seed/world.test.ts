// Seeds the demo world twice into the database at DATABASE_URL and checks the
// second run changes nothing. Counts are limited to the demo world's own rows,
// so other tests writing to the same database cannot disturb them. The demo
// volumes and pipeline outputs go to a throwaway LODESTONE_DATA_DIR.
import { mkdtempSync } from "node:fs";
import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submissionSchema } from "../../server/access-requests/schemas";
import { SYNTHETIC_PHASES } from "../../server/analysis/synthetic";
import { loadActor } from "../../server/auth/load-actor";
import { verifyPassword } from "../../server/auth/password";
import { createPrismaClient } from "../../server/db";
import type { PrismaClient } from "../../server/generated/prisma/client";
import { describeFile } from "../../server/pipelines/outputs";
import { templateSteps } from "../../server/pipelines/templates";
import { runnableBookings } from "../../server/runs/read-runs";
import { patternOf } from "../../server/scheduling/facility-staff";
import { shiftsBetween } from "../../server/scheduling/shifts";
import { allDemoRequests, demoPanel } from "./access";
import { demoAccountFor, demoAccounts, demoOrganisationNames, demoPassword } from "./accounts";
import { demoPreviewPath, demoRunIds, demoTemplateName, demoVolumePath, demoVolumes, type DemoVolumeName } from "./runs";
import { demoTimeline } from "./timeline";
import { demoConsortia, demoDemonstrators, demoFacilities, demoOrganisations, demoProgrammeName, seedDemoWorld } from "./world";

let db: PrismaClient;
let first: Snapshot;
let second: Snapshot;

beforeAll(async () => {
  process.env.LODESTONE_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "lodestone-seed-"));
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
const requestIds = allDemoRequests(t).map((r) => r.id);
const demoCycleNames = [t.cycle("2027-1"), t.cycle("2027-2")];
const demoPanelNow = demoPanel(t);
const sampleIds = [...demoRunIds.cassiterSamples, ...demoRunIds.okementSamples];
const bookingIds = [demoRunIds.cassiterBooking, demoRunIds.okementBooking];
const pipelineIds = [...demoRunIds.cassiterPipelines];

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
    pipelineTemplates: db.pipelineTemplate.findMany({ where: { name: demoTemplateName, endstation: { facility: { code: { in: facilityCodes } } } }, orderBy: { id: "asc" } }),
    samples: db.sample.findMany({ where: { id: { in: sampleIds } }, orderBy: { id: "asc" } }),
    custodyEvents: db.custodyEvent.findMany({ where: { sampleId: { in: sampleIds } }, orderBy: { id: "asc" } }),
    bookings: db.booking.findMany({ where: { id: { in: bookingIds } }, orderBy: { id: "asc" } }),
    runs: db.run.findMany({ where: { id: demoRunIds.cassiterRun } }),
    runOperators: db.runOperator.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { id: "asc" } }),
    runMounts: db.runMount.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { id: "asc" } }),
    runLogEntries: db.runLogEntry.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { id: "asc" } }),
    runDowntime: db.runDowntime.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { id: "asc" } }),
    scans: db.scan.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { id: "asc" } }),
    pipelines: db.pipelineRun.findMany({ where: { id: { in: pipelineIds } }, orderBy: { id: "asc" } }),
    pipelineSteps: db.pipelineStep.findMany({ where: { pipelineId: { in: pipelineIds } }, orderBy: { id: "asc" } }),
    stepOutputs: db.stepOutput.findMany({ where: { step: { pipelineId: { in: pipelineIds } } }, orderBy: { id: "asc" } }),
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
      requests: 9,
      requestVersions: 9,
      requestEndstations: 11,
      reviews: 18,
      rateCards: 5,
      addOnRates: 6,
      agreements: 4,
      pipelineTemplates: 5,
      samples: 4,
      // Cassiter's plugs: registered, safety-approved, received, stored, mounted, unmounted; Okement's cores: registered, received, stored.
      custodyEvents: 2 * 6 + 2 * 3,
      bookings: 2,
      runs: 1,
      runOperators: 2,
      runMounts: 2,
      runLogEntries: 8,
      runDowntime: 1,
      scans: 2,
      pipelines: 2,
      pipelineSteps: 2,
      stepOutputs: 3,
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
    expect(requests).toHaveLength(allDemoRequests(t).length);
    const seats = await db.panelMember.findMany({ include: { user: { include: { memberships: true } } } });

    for (const r of requests) {
      const label = r.reference ?? r.id;
      // Checked as on the day it was submitted: the requests that have run had windows that are now past.
      const submittedOn = format(r.submittedAt!, "yyyy-MM-dd", { in: tz(r.facility.timeZone) });
      const schema = submissionSchema({ routeKind: r.route.kind, maxShifts: r.route.maxShifts, today: submittedOn, endstationIds: r.facility.endstations.map((e) => e.id) });
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

      // Okement has the request the billing journey approves and the approved one whose run is due to open (its applicant submits new ones in the SME journey); none for Westcountry (a browser journey submits its request).
      if (r.organisation.name === demoOrganisationNames.lithiumExplorer) expect(["demo-request-okement-spodumene-liberation", demoRunIds.okementRequest], label).toContain(r.id);
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

    expect(requests.map((r) => r.state).sort()).toEqual(["APPROVED", "APPROVED", "APPROVED", "AWAITING_DECISION", "AWAITING_DECISION", "FEASIBILITY_REVIEW", "PANEL_REVIEW", "PANEL_REVIEW", "SUBMITTED"]);
    // Every approved request has its agreement signed by both parties, from the template of its route's kind.
    const approved = requests.filter((r) => r.state === "APPROVED");
    const agreements = await db.agreement.findMany({ where: { requestId: { in: approved.map((r) => r.id) } }, include: { template: true, signatories: true } });
    expect(agreements.map((a) => a.requestId).sort()).toEqual(approved.map((r) => r.id).sort());
    for (const a of agreements) {
      const r = approved.find((x) => x.id === a.requestId)!;
      expect(a.state, r.reference!).toBe("SIGNED");
      expect(a.template.kind, r.reference!).toBe(r.route.kind === "SME_INDUSTRIAL" ? "SME_INDUSTRIAL" : "PROPRIETARY_INDUSTRIAL");
      expect(a.signatories.map((x) => [x.party, x.state]).sort(), r.reference!).toEqual([["APPLICANT", "SIGNED"], ["FACILITY", "SIGNED"]]);
      expect(a.completedAt! > r.decidedAt!, `${r.reference} signed after approval`).toBe(true);
    }
    const inPanel = requests.filter((r) => r.state === "PANEL_REVIEW");
    expect(inPanel.every((r) => r.route.kind === "NON_PROPRIETARY" && r.facility.code === demoPanelNow.facility && r.call?.cycle.name === demoPanelNow.cycle)).toBe(true);
    expect(inPanel.flatMap((r) => r.reviews.filter((v) => v.kind === "PANEL").map((v) => v.reviewer.email))).toEqual(["ingrid.solberg@nordic-mineral-imaging.example"]);
  });
});

describe("the demo world's runs and pipelines", () => {
  const sha256Of = async (uri: string) => (await describeFile(fileURLToPath(uri))).sha256;

  it("writes the demo volumes where the journeys look for them", async () => {
    for (const [name, { size }] of Object.entries(demoVolumes) as [DemoVolumeName, { size: number }][]) {
      expect(demoVolumePath(name).startsWith(path.join(process.env.LODESTONE_DATA_DIR!, "demo-volumes") + path.sep), name).toBe(true);
      expect((await stat(demoVolumePath(name))).size, name).toBe(size ** 3);
    }
  });

  it("gives every active endstation of both facilities the reference ore analysis, kept by its facility's staff", async () => {
    const endstations = await db.endstation.findMany({
      where: { active: true, facility: { code: { in: facilityCodes } } },
      include: { facility: { include: { organisation: { include: { memberships: true } } } }, pipelineTemplates: { where: { name: demoTemplateName } } },
    });
    expect(endstations).toHaveLength(5);
    for (const e of endstations) {
      const [template, ...others] = e.pipelineTemplates;
      expect(others, e.code).toEqual([]);
      expect(template, e.code).toMatchObject({ version: 1, applicantsMayStart: false });
      expect(template!.description.length, e.code).toBeGreaterThan(50);
      expect(e.facility.organisation.memberships.some((m) => m.userId === template!.createdById && m.role === "FACILITY_STAFF"), e.code).toBe(true);
      const steps = templateSteps(template!.steps);
      expect(steps.map((s) => [s.key, s.kind, s.executor]), e.code).toEqual([["analysis", "analysis", "BUILTIN"]]);
      const phases = (steps[0]!.params as { phases: { label: number; role: string }[] }).phases;
      // The synthetic generator's labels and roles, named after the endstation's samples.
      expect(phases.map((p) => [p.label, p.role]), e.code).toEqual(SYNTHETIC_PHASES.map((p) => [p.label, p.role]));
    }
  });

  it("has Cassiter's pilot run closed, with its operators, mounts, logbook, credited downtime and two scans of the demo volumes", async () => {
    const run = await db.run.findUniqueOrThrow({
      where: { id: demoRunIds.cassiterRun },
      include: { booking: true, request: true, organisation: true, operators: true, mounts: { include: { sample: true } }, entries: { orderBy: { id: "asc" } }, downtime: true, scans: { orderBy: { startTime: "asc" } } },
    });
    expect(run.reference).toMatch(/^RUN-\d{2}-\d{4}$/);
    expect(run.state).toBe("CLOSED");
    expect(run.organisation.name).toBe(demoOrganisationNames.tailingsReprocessor);
    expect(run.request?.state).toBe("APPROVED");
    expect(run.confidential).toBe(true);
    expect(run.summary.length).toBeGreaterThan(50);

    // Its booking: 3 confirmed 8-hour shifts on S07, three to four weeks ago, opened at its start and closed after its end.
    const b = run.booking;
    expect(b).toMatchObject({ kind: "REQUEST", state: "CONFIRMED", shifts: 3, requestId: run.requestId });
    expect(b.endsAt.getTime() - b.startsAt.getTime()).toBe(24 * 3_600_000);
    const daysAgo = (Date.now() - b.startsAt.getTime()) / 86_400_000;
    expect(daysAgo).toBeGreaterThan(20);
    expect(daysAgo).toBeLessThan(30);
    expect(format(b.startsAt, "HH:mm", { in: tz("Europe/London") })).toBe("08:00");
    expect(run.openedAt).toEqual(b.startsAt);
    expect(run.closedAt! > b.endsAt).toBe(true);

    expect(run.operators.map((o) => [o.role, o.name]).sort()).toEqual([["STAFF", "Dr Owain Rees"], ["USER", "Kerenza Trewin"]].sort());
    expect(run.mounts).toHaveLength(2);
    for (const m of run.mounts) {
      expect(m.position, m.sample.code).not.toBe("");
      expect(m.mountedAt >= b.startsAt && m.unmountedAt! > m.mountedAt && m.unmountedAt! <= b.endsAt, m.sample.code).toBe(true);
      expect(m.sample.status, m.sample.code).toBe("STORED");
      const chain = await db.custodyEvent.findMany({ where: { sampleId: m.sampleId }, orderBy: { at: "asc" } });
      expect(chain.map((c) => c.kind), m.sample.code).toEqual(["REGISTERED", "SAFETY_APPROVED", "RECEIVED", "STORED", "MOUNTED", "UNMOUNTED"]);
    }

    // The logbook: opened, closed, and one correction pointing at an earlier entry of the same run.
    expect(run.entries.length).toBeGreaterThanOrEqual(5);
    expect(run.entries.length).toBeLessThanOrEqual(8);
    expect(run.entries[0]!.text).toBe("Run opened on S07 Micro-tomography.");
    expect(run.entries.at(-1)!.text).toBe(`Run closed. ${run.summary}`);
    const corrections = run.entries.filter((e) => e.correctsId !== null);
    expect(corrections).toHaveLength(1);
    const corrected = run.entries.find((e) => e.id === corrections[0]!.correctsId);
    expect(corrected && corrected.at < corrections[0]!.at).toBe(true);
    expect(run.entries.every((e, i) => i === 0 || e.at >= run.entries[i - 1]!.at)).toBe(true);

    // 40 minutes of beam loss, the facility's fault: the booking's downtimeHours is their sum, as billing reads it.
    expect(run.downtime).toHaveLength(1);
    const [lost] = run.downtime;
    expect(lost).toMatchObject({ cause: "BEAM_LOSS", facilityFault: true });
    expect(lost!.endsAt.getTime() - lost!.startsAt.getTime()).toBe(40 * 60_000);
    expect(Number(b.downtimeHours)).toBe(0.67);

    // Two NXtomo-style scans whose data are the demo volumes, with their size and SHA-256.
    expect(run.scans.map((s) => [s.sizeX, s.sizeY, s.sizeZ])).toEqual([[64, 64, 64], [128, 128, 128]]);
    for (const [scan, name] of run.scans.map((s, i) => [s, (["cassiter-dam2-core1.raw", "cassiter-dam2-core2.raw"] as const)[i]!] as const)) {
      expect(scan).toMatchObject({ probe: "x-ray", projections: 1801, voxelUnit: "um", fileFormat: "NeXus/HDF5" });
      expect([Number(scan.energyKeV), Number(scan.voxelSize), Number(scan.rotationStartDeg), Number(scan.rotationEndDeg)]).toEqual([25, 0.65, 0, 180]);
      expect(fileURLToPath(scan.dataUri)).toBe(demoVolumePath(name));
      expect(Number(scan.sizeBytes)).toBe(demoVolumes[name].size ** 3);
      expect(scan.sha256).toBe(await sha256Of(scan.dataUri));
      expect(run.mounts.some((m) => m.sampleId === scan.sampleId && m.mountedAt <= scan.startTime && m.unmountedAt! >= scan.endTime!), scan.id).toBe(true);
    }
  });

  it("has the reference analysis of the first scan finished, with its three outputs, and that of the second queued for the worker", async () => {
    const pipelines = await db.pipelineRun.findMany({ where: { runId: demoRunIds.cassiterRun }, include: { template: { include: { endstation: true } }, steps: { include: { outputs: true } } }, orderBy: { createdAt: "asc" } });
    expect(pipelines.map((p) => p.state)).toEqual(["SUCCEEDED", "QUEUED"]);
    const scans = await db.scan.findMany({ where: { runId: demoRunIds.cassiterRun }, orderBy: { startTime: "asc" } });
    expect(pipelines.map((p) => p.scanIds)).toEqual(scans.map((s) => [s.id]));
    for (const p of pipelines) {
      expect(p.reference).toMatch(/^PIP-\d{2}-\d{4}$/);
      expect(p.template).toMatchObject({ name: demoTemplateName, version: 1 });
      expect(p.template.endstation.code).toBe("S07");
    }

    const [done, queued] = pipelines;
    expect(done!.finishedAt).toBeInstanceOf(Date);
    expect(done!.steps).toHaveLength(1);
    expect(done!.steps[0]).toMatchObject({ key: "analysis", kind: "analysis", executor: "BUILTIN", state: "SUCCEEDED", progress: 100, attempts: 1 });
    const outputs = Object.fromEntries(done!.steps[0]!.outputs.map((o) => [o.name, o]));
    expect(Object.keys(outputs).sort()).toEqual(["analysis", "preview", "preview-labels"]);
    const preview = outputs["preview-labels"]!;
    expect(fileURLToPath(preview.uri!)).toBe(demoPreviewPath());
    expect(Number(preview.sizeBytes)).toBe(64 ** 3);
    expect(preview.sha256).toBe(await sha256Of(preview.uri!));
    const analysis = outputs.analysis!.figures as { volume: { nx: number }; porosity: { total: { value: number } }; particles: { count: number; targetBearing: number }; liberation: { allTargets: unknown; byMineral: { mineral: string }[] } };
    expect(analysis.volume.nx).toBe(64);
    expect(analysis.porosity.total.value).toBeGreaterThan(0.4);
    expect(analysis.porosity.total.value).toBeLessThan(0.8);
    expect(analysis.particles.targetBearing).toBeGreaterThan(0);
    expect(analysis.liberation.byMineral.map((m) => m.mineral)).toEqual(["Cassiterite", "Wolframite"]);
    expect(outputs.preview!.figures).toMatchObject({ nx: 64, ny: 64, nz: 64, factor: 1, phases: [{ label: 0, name: "Pore" }, { label: 1 }, { label: 2, name: "Cassiterite" }, { label: 3 }, { label: 4 }] });

    expect(queued!.finishedAt).toBeNull();
    expect(queued!.steps).toHaveLength(1);
    expect(queued!.steps[0]).toMatchObject({ key: "analysis", state: "QUEUED", progress: 0, attempts: 0, outputs: [] });
  });

  it("has Okement's OK-17 booking started just before seeding, its samples stored and its run due to open for staff", async () => {
    const booking = await db.booking.findUniqueOrThrow({ where: { id: demoRunIds.okementBooking }, include: { runs: true, request: { include: { organisation: true } }, endstation: true } });
    expect(booking).toMatchObject({ kind: "REQUEST", state: "CONFIRMED", shifts: 2, requestId: demoRunIds.okementRequest });
    expect(booking.request?.organisation.name).toBe(demoOrganisationNames.lithiumExplorer);
    expect(booking.endstation.code).toBe("S07");
    expect(booking.runs).toEqual([]);
    // The start of the shift running two hours before seeding: 2 to 10 hours ago (11 across a clock change; and then some for the test's own time).
    const startedHoursAgo = (Date.now() - booking.startsAt.getTime()) / 3_600_000;
    expect(startedHoursAgo).toBeGreaterThanOrEqual(2);
    expect(startedHoursAgo).toBeLessThan(11.5);
    expect(booking.endsAt > new Date()).toBe(true);
    expect(shiftsBetween(booking.startsAt, booking.endsAt, patternOf({ ...booking.endstation, facility: { timeZone: "Europe/London" } }))).toBe(2);

    const staff = await loadActor(db, (await db.user.findUniqueOrThrow({ where: { email: demoAccountFor("FACILITY_STAFF").email } })).id);
    const due = await runnableBookings(db, staff);
    expect(due.filter((d) => d.organisation === demoOrganisationNames.lithiumExplorer).map((d) => d.bookingId)).toEqual([booking.id]);

    const samples = await db.sample.findMany({ where: { requestId: demoRunIds.okementRequest }, include: { custody: { orderBy: { at: "asc" } } }, orderBy: { code: "asc" } });
    expect(samples.map((s) => s.id).sort()).toEqual([...demoRunIds.okementSamples].sort());
    for (const s of samples) {
      expect(s.code).toMatch(/^SLS-S-\d{6}$/);
      expect(s).toMatchObject({ status: "STORED", safety: "NOT_REQUIRED" });
      expect(s.custody.map((c) => c.kind)).toEqual(["REGISTERED", "RECEIVED", "STORED"]);
    }
  });
});
