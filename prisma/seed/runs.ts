// The demo world's runs and pipelines: a "Reference ore analysis" pipeline
// template on every active endstation of both facilities; Cassiter's pilot on
// two Carn Dhu tailings-dam cores, run about three weeks before today and
// closed, with its samples, logbook, downtime, scans, a finished pipeline
// whose analysis really ran at seed time and a second one left queued for the
// demo's worker; and Okement's OK-17 booking, which started just before
// seeding, so its run is due to open on /runs.
//
// The scans' data are synthetic labelled volumes (raw uint8, fixed seeds)
// written under LODESTONE_DATA_DIR/demo-volumes by writeDemoVolumes, which
// seedDemoWorld calls before its transaction; the finished analysis writes
// its preview into the pipeline's step folder, as the built-in executor does.
//
// Idempotent like ./world.ts: everything has a fixed id (templates their
// unique endstation, name and version) and is created only when missing, so a
// run or pipeline a demo user has since moved on is left alone. References
// come from the same counters as the portal's (RUN-yy-nnnn, PIP-yy-nnnn,
// BK-yy-nnnnn, SLS-S-nnnnnn). A booking whose time is taken on the calendar
// (a database seeded by an earlier version, in use since) is skipped with a
// log line instead of failing the seed. No audit rows: nobody acted.
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { analyseVolume } from "../../server/analysis/analyse";
import { downsampleForViewer } from "../../server/analysis/downsample";
import { liberationClasses } from "../../server/analysis/liberation";
import { syntheticVolume } from "../../server/analysis/synthetic";
import { clock } from "../../server/clock";
import type { Prisma, Tx } from "../../server/db";
import type { HazardClass, Role } from "../../server/generated/prisma/enums";
import { readVolumeAt } from "../../server/pipelines/builtin/volume-input";
import { stepWorkDir } from "../../server/pipelines/driver";
import { describeFile } from "../../server/pipelines/outputs";
import { analysisParamsSchema, templateStepSchema, type TemplateStep } from "../../server/pipelines/schemas";
import { templateSteps } from "../../server/pipelines/templates";
import { nextCounter, twoDigitYear } from "../../server/references/next-counter";
import { nextCode } from "../../server/samples/load";
import { patternOf } from "../../server/scheduling/facility-staff";
import { nextBookingReference } from "../../server/scheduling/reference";
import { shiftAt, slotFor, type ShiftPattern, type Slot } from "../../server/scheduling/shifts";
import { demoAccounts } from "./accounts";
import type { DemoTimeline } from "./timeline";

// ---------------------------------------------------------------- volumes on disk

/** The demo scans' data: synthetic labelled beds of crushed ore (server/analysis/synthetic.ts), cubes of `size` voxels. */
export const demoVolumes = {
  "cassiter-dam2-core1.raw": { size: 64, seed: 2_601 },
  "cassiter-dam2-core2.raw": { size: 128, seed: 2_602 },
  /** The browser journey records it as the data of the scan it takes in Okement's run. */
  "okement-ok17-core1.raw": { size: 64, seed: 1_701 },
} as const;
export type DemoVolumeName = keyof typeof demoVolumes;

/** Where a demo volume is kept: LODESTONE_DATA_DIR (default .data/ beside the app)/demo-volumes. */
export function demoVolumePath(name: DemoVolumeName): string {
  return path.resolve(process.env.LODESTONE_DATA_DIR ?? path.join(process.cwd(), ".data"), "demo-volumes", name);
}

/**
 * Writes each demo volume that is missing or of the wrong size (the same
 * seed gives the same bytes). Runs outside the seed's transaction; a file
 * appears whole or not at all (written aside, then renamed).
 */
export function writeDemoVolumes(): DemoVolumeName[] {
  const written: DemoVolumeName[] = [];
  for (const [name, { size, seed }] of Object.entries(demoVolumes) as [DemoVolumeName, { size: number; seed: number }][]) {
    const file = demoVolumePath(name);
    if (existsSync(file) && statSync(file).size === size ** 3) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    // A bed packed as densely as its particles allow, like the tests' volumes.
    const { volume } = syntheticVolume({ nx: size, ny: size, nz: size, seed, porosity: 0.6 });
    const aside = `${file}.${process.pid}.part`;
    writeFileSync(aside, volume.data);
    renameSync(aside, file);
    written.push(name);
  }
  return written;
}

// ---------------------------------------------------------------- pipeline templates

export const demoTemplateName = "Reference ore analysis";

/** The synthetic generator's labels and roles (SYNTHETIC_PHASES); each endstation names them after its own samples. */
const phaseRoles = ["PORE", "MATRIX", "TARGET", "TARGET", "OTHER"] as const;
type PhaseNames = [pore: string, matrix: string, target: string, secondTarget: string, other: string];

const templatePhases: Record<string, { names: PhaseNames; samples: string }> = {
  "SLS S07": { names: ["Pore", "Quartz", "Cassiterite", "Wolframite", "Tourmaline"], samples: "micro-CT of tin-tungsten ore, tailings cores and crushed-ore columns" },
  "SLS S11": { names: ["Pore", "Feldspar and carbonate", "Eudialyte", "Bastnäsite and monazite", "Zircon"], samples: "XRF-CT of rare-earth ore pillars, segmented from the element maps" },
  "SLS S16": { names: ["Pore", "Graphite", "NMC cathode", "LFP cathode", "Binder and foil"], samples: "nano-CT of battery black-mass pillars" },
  "ECI CT1": { names: ["Pore", "Quartz and feldspar", "Cassiterite", "Wolframite", "Arsenopyrite"], samples: "lab CT of half-core and tailings cores, ahead of synchrotron time" },
  "ECI XM2": { names: ["Pore", "Polymer binder", "Lithium manganese oxide", "Layered double hydroxide", "Silica scale"], samples: "X-ray microscopy of sorbent beads and ore plugs" },
};
/** An endstation added since the world was drawn gets the generator's own names. */
const defaultPhases = { names: ["Pore", "Quartz", "Cassiterite", "Wolframite", "Tourmaline"] as PhaseNames, samples: "labelled scans" };

function analysisTemplateStep(names: PhaseNames): TemplateStep {
  return templateStepSchema.parse({
    key: "analysis",
    name: "Ore analysis",
    kind: "analysis",
    executor: "BUILTIN",
    deadlineMinutes: 30,
    maxAttempts: 3,
    params: {
      phases: names.map((name, label) => ({ label, name, role: phaseRoles[label]! })),
      connectivity: 26,
      liberationEdgesPercent: [0, 10, 90, 100],
      liberationNames: ["locked", "middlings", "liberated"],
      sectionEvery: 4,
      excludeEdgeParticles: false,
    },
  });
}

function templateDescription(endstation: string, { names, samples }: { names: PhaseNames; samples: string }): string {
  const [pore, matrix, target, secondTarget, other] = names.map((n) => n.toLowerCase());
  return `The reference analysis of a segmented ${endstation} volume (${samples}): modal mineralogy, total and connected porosity, particle sizes, and the 3-D liberation spectrum of the target minerals beside its 2-D section estimate, each with its uncertainty. Labels: 0 ${pore}, 1 ${matrix} (matrix), 2 ${target} and 3 ${secondTarget} (targets), 4 ${other}. Grades below 10 % are locked, from 90 % liberated.`;
}

/** The first demo account with `role` in the organisation. */
function demoPerson(role: Role, organisation: string) {
  const account = demoAccounts.find((a) => a.role === role && a.organisation === organisation);
  if (!account) throw new Error(`Demo world: no ${role} at ${organisation}`);
  return account;
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo world: unknown ${what} "${String(key)}"`);
  return value;
}

/** Version 1 of the reference analysis on every active endstation of both facilities, kept by a staff member there. Returns how many were created. */
async function seedTemplates(tx: Tx, t: DemoTimeline, userIds: Map<string, string>): Promise<[number, number]> {
  const facilities = await tx.facility.findMany({ where: { code: { in: ["SLS", "ECI"] } }, include: { organisation: { select: { name: true } }, endstations: { where: { active: true } } } });
  let created = 0;
  let total = 0;
  for (const facility of facilities) {
    const staff = demoPerson("FACILITY_STAFF", facility.organisation.name);
    for (const endstation of facility.endstations) {
      total++;
      const where = { endstationId_name_version: { endstationId: endstation.id, name: demoTemplateName, version: 1 } };
      // Frozen once saved (a trigger refuses changes): created when missing, never updated.
      if (await tx.pipelineTemplate.findUnique({ where, select: { id: true } })) continue;
      const phases = templatePhases[`${facility.code} ${endstation.code}`] ?? defaultPhases;
      await tx.pipelineTemplate.create({
        data: {
          endstationId: endstation.id,
          name: demoTemplateName,
          version: 1,
          description: templateDescription(endstation.code, phases),
          steps: [analysisTemplateStep(phases.names)] as unknown as Prisma.InputJsonValue,
          applicantsMayStart: false,
          changeNote: "First version: the reference ore analysis with this endstation's phase labels.",
          createdById: required(userIds, staff.email, "account"),
          createdAt: t.aroundTodayAt("2026-10-01T09:00:00Z"),
        },
      });
      created++;
    }
  }
  return [total, created];
}

// ---------------------------------------------------------------- samples

interface SampleSeed {
  id: string;
  name: string;
  materialClass: string;
  description: string;
  originSite: string;
  originLocation: string;
  originDepthM: number;
  collectedOn: Date;
  massGrams: number;
  dimensions: string;
  hazards: HazardClass[];
  storageConditions: string;
  /** Registered by the applicant at this instant. */
  registeredAt: Date;
  /** Approved by the facility's safety officer, for hazardous samples. */
  safety?: { at: Date; riskLevel: "LOW" | "ELEVATED" | "HIGH"; conditions: string };
  received: { at: Date; note: string; location: string };
}

const people = {
  owain: "owain.rees@severn-light-source.example",
  megan: "megan.hartley@severn-light-source.example",
  kerenza: "kerenza.trewin@cassiter-tailings.example",
  amara: "amara.okafor@okement-lithium.example",
};

/** A person as the custody chain and the logbook name them. */
function who(userIds: Map<string, string>, email: string) {
  const account = demoAccounts.find((a) => a.email === email);
  if (!account) throw new Error(`Demo world: unknown account ${email}`);
  return { actorId: required(userIds, email, "account"), actorName: account.name };
}

/** A request's sample, registered, (safety-approved,) received and stored at the facility, each step a custody event. Created when missing. */
async function seedSample(tx: Tx, userIds: Map<string, string>, request: { id: string; facilityId: string; organisationId: string; facility: { id: string; code: string }; organisation: { name: string } }, registrant: string, seed: SampleSeed): Promise<boolean> {
  if (await tx.sample.findUnique({ where: { id: seed.id }, select: { id: true } })) return false;
  const megan = who(userIds, people.megan);
  const applicant = who(userIds, registrant);
  await tx.sample.create({
    data: {
      id: seed.id,
      code: await nextCode(tx, request.facility, "S"),
      requestId: request.id,
      facilityId: request.facilityId,
      organisationId: request.organisationId,
      name: seed.name,
      materialClass: seed.materialClass,
      description: seed.description,
      originSite: seed.originSite,
      originLocation: seed.originLocation,
      originDepthM: seed.originDepthM,
      collectedOn: seed.collectedOn,
      massGrams: seed.massGrams,
      dimensions: seed.dimensions,
      hazards: seed.hazards,
      storageConditions: seed.storageConditions,
      afterwards: "RETURN",
      safety: seed.safety ? "APPROVED" : "NOT_REQUIRED",
      riskLevel: seed.safety?.riskLevel ?? null,
      safetyConditions: seed.safety?.conditions ?? null,
      safetyDecidedById: seed.safety ? megan.actorId : null,
      status: "STORED",
      storageLocation: seed.received.location,
      createdById: applicant.actorId,
      createdAt: seed.registeredAt,
    },
  });
  const hazards = seed.hazards.length ? `; hazards: ${seed.hazards.join(", ").toLowerCase()}` : "";
  await tx.custodyEvent.createMany({
    data: [
      { kind: "REGISTERED", at: seed.registeredAt, sampleId: seed.id, ...applicant, note: `Registered by ${request.organisation.name}${hazards}` },
      ...(seed.safety ? [{ kind: "SAFETY_APPROVED" as const, at: seed.safety.at, sampleId: seed.id, ...megan, note: `${seed.safety.riskLevel.toLowerCase()} risk: ${seed.safety.conditions}` }] : []),
      { kind: "RECEIVED", at: seed.received.at, sampleId: seed.id, ...megan, condition: "INTACT", location: "Receipt desk", note: seed.received.note },
      { kind: "STORED", at: new Date(seed.received.at.getTime() + 5 * 60_000), sampleId: seed.id, ...megan, location: seed.received.location },
    ],
  });
  return true;
}

// ---------------------------------------------------------------- bookings

type EndstationWithFacility = Prisma.EndstationGetPayload<{ include: { facility: true } }>;

/** A confirmed booking of the request's shifts in `slot`, when missing; null when its time is taken by something else on the calendar. */
async function seedBooking(tx: Tx, seed: { id: string; request: { id: string; reference: string | null; title: string }; endstation: EndstationWithFacility; slot: Slot; shifts: number; placedBy: string; placedAt: Date }) {
  const existing = await tx.booking.findUnique({ where: { id: seed.id } });
  if (existing) return { booking: existing, created: false };
  const taken = await tx.booking.findFirst({
    where: { endstationId: seed.endstation.id, state: { in: ["HELD", "CONFIRMED"] }, startsAt: { lt: seed.slot.endsAt }, endsAt: { gt: seed.slot.startsAt } },
    select: { reference: true },
  });
  if (taken) return { booking: null, created: false, takenBy: taken.reference };
  const booking = await tx.booking.create({
    data: {
      id: seed.id,
      reference: await nextBookingReference(tx, seed.placedAt),
      endstationId: seed.endstation.id,
      kind: "REQUEST",
      state: "CONFIRMED",
      startsAt: seed.slot.startsAt,
      endsAt: seed.slot.endsAt,
      shifts: seed.shifts,
      requestId: seed.request.id,
      title: `${seed.request.reference}: ${seed.request.title}`,
      createdById: seed.placedBy,
      createdAt: seed.placedAt,
    },
  });
  return { booking, created: true };
}

// ---------------------------------------------------------------- the demo's runs

export const demoRunIds = {
  cassiterRequest: "demo-request-cassiter-dam-cores-pilot",
  cassiterBooking: "demo-booking-cassiter-dam-cores-pilot",
  cassiterRun: "demo-run-cassiter-dam-cores-pilot",
  cassiterSamples: ["demo-sample-cassiter-cd2-03-plug1", "demo-sample-cassiter-cd2-03-plug2"],
  cassiterScans: ["demo-scan-cassiter-dam2-core1", "demo-scan-cassiter-dam2-core2"],
  cassiterDowntime: "demo-downtime-cassiter-beam-loss",
  /** The reference analysis of core 1, finished; that of core 2, queued for the demo's worker. */
  cassiterPipelines: ["demo-pipeline-cassiter-dam2-core1", "demo-pipeline-cassiter-dam2-core2"],
  okementRequest: "demo-request-okement-spodumene-run",
  okementBooking: "demo-booking-okement-spodumene-run",
  okementSamples: ["demo-sample-okement-ok17-core1", "demo-sample-okement-ok17-core2"],
} as const;

const london = "Europe/London";

/** The local "yyyy-mm-dd" an instant falls on in London. */
const londonDay = (at: Date) => format(at, "yyyy-MM-dd", { in: tz(london) });
/** A collection day as a date column (midnight UTC of the local day). */
const dateOnly = (at: Date) => new Date(`${londonDay(at)}T00:00:00Z`);

/** Cassiter's pilot: S07's three shifts from 08:00 on a Thursday about three weeks before today (5 November 2026 as drawn). */
export function cassiterPilotSlot(t: DemoTimeline, pattern: ShiftPattern): Slot {
  return slotFor(londonDay(t.aroundToday(london, 11, 5, 12, 0)), 0, 3, pattern);
}

/** Okement's OK-17 booking: two shifts from the start of the shift that was running two hours before `now`. */
export function okementRunSlot(now: Date, pattern: ShiftPattern): Slot {
  const shift = shiftAt(new Date(now.getTime() - 2 * 3_600_000), pattern);
  if (!shift) throw new Error("Demo world: the endstation's shifts leave a gap two hours before seeding");
  return slotFor(shift.date, shift.index, 2, pattern);
}

/** Runs, samples and bookings of the demo world. Runs inside seedDemoWorld's transaction, after billing; `now` is the seeding instant. */
export async function seedRuns(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, log: (msg: string) => void = () => {}, now: Date = clock.now()): Promise<void> {
  const [templates, templatesCreated] = await seedTemplates(tx, t, userIds);
  log(`Pipeline templates: "${demoTemplateName}" v1 on ${templates} endstations (${templatesCreated} created now)`);
  log(await seedCassiterPilot(tx, t, userIds, now));
  log(await seedOkementBooking(tx, t, userIds, now));
}

async function loadRequest(tx: Tx, id: string) {
  return tx.accessRequest.findUnique({ where: { id }, include: { facility: true, organisation: true, route: { select: { confidential: true } } } });
}

async function s07(tx: Tx) {
  const facility = await tx.facility.findUniqueOrThrow({ where: { code: "SLS" } });
  return tx.endstation.findUniqueOrThrow({ where: { facilityId_code: { facilityId: facility.id, code: "S07" } }, include: { facility: true } });
}

async function seedCassiterPilot(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, now: Date): Promise<string> {
  const ids = demoRunIds;
  const request = await loadRequest(tx, ids.cassiterRequest);
  if (!request?.reference || request.state !== "APPROVED") return "Cassiter's pilot run: its request is not approved here, nothing seeded";
  const at = (month: number, day: number, hours: number, minutes: number) => t.aroundToday(london, month, day, hours, minutes);
  const owain = who(userIds, people.owain);
  const kerenza = who(userIds, people.kerenza);

  // ---- the two plugs of vibrocore CD2-03, brought to the user office two days before the run
  const conditions = "Plugs stay in their sealed tubes until mounting and are handled with nitrile gloves; no cutting or grinding on site.";
  const common = {
    materialClass: "TAILINGS",
    originSite: "Carn Dhu tailings dam (Dam 2), Cornwall",
    originLocation: "Vibrocore CD2-03, dam crest",
    collectedOn: dateOnly(at(8, 26, 12, 0)),
    dimensions: "8 mm diameter × 15 mm",
    hazards: ["TOXIC"] as HazardClass[],
    storageConditions: "Dry, in its sealed tube, in the hazardous-materials cabinet.",
    received: { at: at(11, 3, 14, 20), note: "Hand-delivered by Kerenza Trewin in two sealed tubes.", location: "Store A, hazardous-materials cabinet" },
  };
  const plugs: SampleSeed[] = [
    {
      ...common,
      id: ids.cassiterSamples[0],
      name: "Carn Dhu CD2-03 plug 1, 0.6–0.9 m",
      description: "Sandy tailings near the dam crest: an 8 mm plug drilled from the epoxy-impregnated vibrocore.",
      originDepthM: 0.75,
      massGrams: 1.6,
      registeredAt: at(10, 12, 9, 40),
      safety: { at: at(10, 14, 11, 0), riskLevel: "LOW", conditions },
    },
    {
      ...common,
      id: ids.cassiterSamples[1],
      name: "Carn Dhu CD2-03 plug 2, 1.8–2.1 m",
      description: "Fine slimes below the sand layer: an 8 mm plug drilled from the epoxy-impregnated vibrocore.",
      originDepthM: 1.95,
      massGrams: 1.4,
      registeredAt: at(10, 12, 9, 45),
      safety: { at: at(10, 14, 11, 5), riskLevel: "LOW", conditions },
    },
  ];
  for (const plug of plugs) await seedSample(tx, userIds, request, people.kerenza, plug);

  // ---- three shifts on S07 from 08:00 on a Thursday about three weeks before today
  const endstation = await s07(tx);
  const slot = cassiterPilotSlot(t, patternOf(endstation));
  const placed = await seedBooking(tx, { id: ids.cassiterBooking, request, endstation, slot, shifts: 3, placedBy: owain.actorId, placedAt: at(10, 9, 10, 15) });
  if (!placed.booking) return `Cassiter's pilot run: S07 is taken by ${placed.takenBy} at its time, nothing seeded`;
  const booking = placed.booking;

  // ---- the run, as it happened: minutes after the booking's start (08:00 London)
  let run = await tx.run.findUnique({ where: { id: ids.cassiterRun } });
  let runCreated = false;
  const minute = (m: number) => new Date(booking.startsAt.getTime() + m * 60_000);
  if (!run) {
    const summary =
      "Both Carn Dhu plugs scanned at 0.65 µm (25 keV, 1801 projections over 180°). 40 minutes were lost to a storage-ring RF trip, credited as facility downtime. The night shifts went to a flat-field and ring-artefact series and a repeat of plug 1 that was not kept. The reference ore analysis of plug 1 has finished; plug 2 is to be analysed.";
    const openedAt = minute(0);
    const closedAt = minute(24 * 60 + 80);
    const year = openedAt.getUTCFullYear();
    run = await tx.run.create({
      data: {
        id: ids.cassiterRun,
        reference: `RUN-${twoDigitYear(year)}-${String(await nextCounter(tx, `run-${year}`)).padStart(4, "0")}`,
        bookingId: booking.id,
        requestId: request.id,
        organisationId: request.organisationId,
        facilityId: endstation.facilityId,
        endstationId: endstation.id,
        // As openRun: a proprietary or SME request's run is confidential.
        confidential: request.route.confidential,
        state: "CLOSED",
        openedAt,
        openedById: owain.actorId,
        closedAt,
        closedById: owain.actorId,
        summary,
        operators: {
          create: [
            { userId: owain.actorId, name: owain.actorName, role: "STAFF", addedAt: openedAt },
            { userId: kerenza.actorId, name: kerenza.actorName, role: "USER", addedAt: minute(15) },
          ],
        },
      },
    });
    const runId = run.id;
    const reference = run.reference;

    // Mounts: plug 1, then plug 2 after the first scan; each on and off is a custody event.
    const mounts = [
      { sample: ids.cassiterSamples[0], position: "Rotation stage, brass pin 1", on: minute(50), off: minute(280) },
      { sample: ids.cassiterSamples[1], position: "Rotation stage, brass pin 2", on: minute(295), off: minute(490) },
    ];
    for (const m of mounts) {
      await tx.runMount.create({ data: { runId, sampleId: m.sample, position: m.position, mountedAt: m.on, mountedById: owain.actorId, unmountedAt: m.off, unmountedById: owain.actorId } });
      await tx.custodyEvent.createMany({
        data: [
          { kind: "MOUNTED", at: m.on, sampleId: m.sample, ...owain, location: `${reference}, ${m.position}` },
          { kind: "UNMOUNTED", at: m.off, sampleId: m.sample, ...owain, location: "Sample store" },
        ],
      });
    }

    // The logbook: append-only, so a slip is corrected by a later entry pointing at it.
    const entry = async (m: number, author: { actorId: string; actorName: string }, text: string, correctsId: bigint | null = null, when = minute(m)) =>
      (await tx.runLogEntry.create({ data: { runId, at: when, authorId: author.actorId, authorName: author.actorName, text, correctsId } })).id;
    await entry(0, owain, `Run opened on ${endstation.name}.`);
    await entry(25, owain, "Beamline set up: DMM monochromator at 25 keV, 10x objective on the PCO.edge 5.5 with a 20 µm LuAG:Ce scintillator (0.65 µm pixels, 1.7 mm field of view), 60 mm propagation distance. 1.4 µm line pairs resolved on the JIMA chart.");
    const slip = await entry(155, kerenza, "Plug 1 (vibrocore CD2-03, 0.9–1.2 m): bright cassiterite grains of 10 to 60 µm, most of them free in the sand; some locked at the rims of quartz-tourmaline composites. No ring artefacts in the quick reconstruction.");
    await entry(185, kerenza, "Plug 1 is from 0.6–0.9 m of vibrocore CD2-03, not 0.9–1.2 m: the depth on the tube label was misread.", slip);
    await entry(315, owain, "Beam lost at 13:12: RF trip in the storage ring, beam dumped. Plug 2 is mounted and aligned; its scan waits for the refill.");
    await entry(355, owain, "Beam back at 13:52 after the refill, top-up running again. 40 minutes lost, recorded as facility downtime (credited to the user).");
    await entry(445, kerenza, "Plug 2 (1.8–2.1 m, slimes) is much finer: most cassiterite under 15 µm, and more of it locked in tourmaline than in plug 1. This is where the recovery goes.");
    await entry(0, owain, `Run closed. ${summary}`, null, closedAt);

    // 13:12 to 13:52, the facility's fault: the booking's downtimeHours is the sum of such downtime, as recordDowntime keeps it.
    const lost = { startsAt: minute(312), endsAt: minute(352) };
    await tx.runDowntime.create({
      data: { id: ids.cassiterDowntime, runId, ...lost, cause: "BEAM_LOSS", facilityFault: true, note: "Storage-ring RF trip; beam dumped and refilled.", recordedById: owain.actorId, createdAt: minute(355) },
    });
    const hours = Math.round((lost.endsAt.getTime() - lost.startsAt.getTime()) / 36_000) / 100;
    await tx.booking.update({ where: { id: booking.id }, data: { downtimeHours: hours } });

    // The two scans: NXtomo fields as the NeXus file's header gives them; the data are the demo volumes.
    const scans = [
      { id: ids.cassiterScans[0], sample: ids.cassiterSamples[0], volume: "cassiter-dam2-core1.raw" as const, start: minute(100), end: minute(145) },
      { id: ids.cassiterScans[1], sample: ids.cassiterSamples[1], volume: "cassiter-dam2-core2.raw" as const, start: minute(365), end: minute(430) },
    ];
    for (const scan of scans) {
      const { size } = demoVolumes[scan.volume];
      const file = await describeFile(demoVolumePath(scan.volume));
      await tx.scan.create({
        data: {
          id: scan.id,
          runId,
          sampleId: scan.sample,
          technique: "Synchrotron micro-CT",
          probe: "x-ray",
          startTime: scan.start,
          endTime: scan.end,
          energyKeV: 25,
          voxelSize: 0.65,
          voxelUnit: "um",
          sizeX: size,
          sizeY: size,
          sizeZ: size,
          projections: 1801,
          flats: 100,
          darks: 20,
          countTime: 0.15,
          detector: "PCO.edge 5.5 sCMOS, 10x objective, 20 µm LuAG:Ce scintillator",
          rotationStartDeg: 0,
          rotationEndDeg: 180,
          fileFormat: "NeXus/HDF5",
          dataUri: file.uri,
          sizeBytes: BigInt(file.sizeBytes),
          sha256: file.sha256,
          source: "NEXUS_FILE",
          createdById: owain.actorId,
          createdAt: scan.end,
        },
      });
    }
    runCreated = true;
  }

  // ---- the pipelines: core 1 analysed during the run; core 2 started at seeding, queued for the demo's worker
  const template = await tx.pipelineTemplate.findUniqueOrThrow({ where: { endstationId_name_version: { endstationId: endstation.id, name: demoTemplateName, version: 1 } } });
  const finished = await seedFinishedPipeline(tx, { id: ids.cassiterPipelines[0], runId: run.id, scanId: ids.cassiterScans[0], template, startedById: owain.actorId, createdAt: minute(165) });
  const queued = await seedQueuedPipeline(tx, { id: ids.cassiterPipelines[1], runId: run.id, scanId: ids.cassiterScans[1], template, startedById: owain.actorId, createdAt: now });
  const pipelines = await tx.pipelineRun.findMany({ where: { id: { in: [...ids.cassiterPipelines] } }, orderBy: { createdAt: "asc" }, select: { reference: true, state: true } });
  return `Cassiter's pilot run ${run.reference} (${run.state.toLowerCase()}, booking ${booking.reference}${runCreated ? ", created now" : ""}); pipelines ${pipelines.map((p) => `${p.reference} ${p.state.toLowerCase()}`).join(", ")}${finished || queued ? " (created now)" : ""}`;
}

type Template = { id: string; steps: Prisma.JsonValue };

/** A pipeline row and its steps as startPipeline makes them: a copy of the template's steps. */
function pipelineSteps(template: Template) {
  return templateSteps(template.steps).map((s, position) => ({
    position,
    key: s.key,
    kind: s.kind,
    executor: s.executor,
    params: { name: s.name, deadlineMinutes: s.deadlineMinutes, ...s.params } as Prisma.InputJsonValue,
    maxAttempts: s.maxAttempts,
    step: s,
  }));
}

async function pipelineReference(tx: Tx, at: Date) {
  const year = at.getUTCFullYear();
  return `PIP-${twoDigitYear(year)}-${String(await nextCounter(tx, `pipeline-${year}`)).padStart(4, "0")}`;
}

/**
 * The reference analysis of a scan, really run here as the built-in executor
 * runs it (server/pipelines/builtin/run-step.ts): the scan's volume read from
 * its URI, analysed with the template's parameters, a viewer preview written
 * into the step's folder, and the outputs registered under the same names.
 * Created when missing; when present, only a missing preview file is written
 * again (the same volume gives the same bytes).
 */
async function seedFinishedPipeline(tx: Tx, seed: { id: string; runId: string; scanId: string; template: Template; startedById: string; createdAt: Date }): Promise<boolean> {
  const [first, ...rest] = pipelineSteps(seed.template);
  if (!first || rest.length > 0 || first.kind !== "analysis") throw new Error(`Demo world: "${demoTemplateName}" should be one analysis step`);
  const scan = await tx.scan.findUniqueOrThrow({ where: { id: seed.scanId } });
  const workDir = stepWorkDir(seed.id, first.key);
  const previewFile = path.join(workDir, "preview-labels.raw");
  const existing = await tx.pipelineRun.findUnique({ where: { id: seed.id }, include: { steps: { include: { outputs: true } } } });
  if (existing) {
    const preview = existing.steps.flatMap((s) => s.outputs).find((o) => o.name === "preview-labels");
    if (preview?.uri && fileURLToPath(preview.uri) === previewFile && preview.sizeBytes !== null) {
      const size = await stat(previewFile).then((s) => s.size).catch(() => -1);
      if (size !== Number(preview.sizeBytes)) await writeAnalysis(scan, first.step, workDir, previewFile);
    }
    return false;
  }
  const { result, preview, file } = await writeAnalysis(scan, first.step, workDir, previewFile);
  const startedAt = new Date(seed.createdAt.getTime() + 20_000);
  const finishedAt = new Date(startedAt.getTime() + 105_000);
  const params = analysisParamsSchema.parse(first.step.params);
  await tx.pipelineRun.create({
    data: {
      id: seed.id,
      reference: await pipelineReference(tx, seed.createdAt),
      runId: seed.runId,
      templateId: seed.template.id,
      scanIds: [seed.scanId],
      state: "SUCCEEDED",
      startedById: seed.startedById,
      createdAt: seed.createdAt,
      finishedAt,
      steps: {
        create: {
          position: first.position,
          key: first.key,
          kind: first.kind,
          executor: first.executor,
          params: first.params,
          maxAttempts: first.maxAttempts,
          state: "SUCCEEDED",
          progress: 100,
          attempts: 1,
          startedAt,
          heartbeatAt: finishedAt,
          deadlineAt: new Date(startedAt.getTime() + first.step.deadlineMinutes * 60_000),
          finishedAt,
          outputs: {
            create: [
              { name: "preview-labels", uri: file.uri, sizeBytes: BigInt(file.sizeBytes), sha256: file.sha256, createdAt: new Date(finishedAt.getTime() - 2_000) },
              { name: "analysis", figures: result as unknown as Prisma.InputJsonValue, createdAt: finishedAt },
              { name: "preview", figures: { nx: preview.volume.nx, ny: preview.volume.ny, nz: preview.volume.nz, factor: preview.factor, phases: params.phases }, createdAt: finishedAt },
            ],
          },
        },
      },
    },
  });
  return true;
}

async function writeAnalysis(scan: { dataUri: string; sizeX: number | null; sizeY: number | null; sizeZ: number | null; voxelSize: Prisma.Decimal; voxelUnit: string }, step: TemplateStep, workDir: string, previewFile: string) {
  const params = analysisParamsSchema.parse(step.params);
  const input = await readVolumeAt(scan.dataUri, { nx: scan.sizeX, ny: scan.sizeY, nz: scan.sizeZ });
  const result = analyseVolume(input, params.phases, {
    connectivity: params.connectivity,
    liberationClasses: liberationClasses(params.liberationEdgesPercent.map((e) => e / 100), params.liberationNames ?? undefined),
    sections: { step: params.sectionEvery },
    excludeEdgeParticles: params.excludeEdgeParticles,
    voxelSize: { value: Number(scan.voxelSize), unit: scan.voxelUnit },
  });
  const preview = downsampleForViewer(input);
  await mkdir(workDir, { recursive: true });
  await writeFile(previewFile, preview.volume.data);
  return { result, preview, file: await describeFile(previewFile) };
}

/** A pipeline started and left queued (attempt 0): the demo's worker picks it up within a minute and the run page shows it progress live. */
async function seedQueuedPipeline(tx: Tx, seed: { id: string; runId: string; scanId: string; template: Template; startedById: string; createdAt: Date }): Promise<boolean> {
  if (await tx.pipelineRun.findUnique({ where: { id: seed.id }, select: { id: true } })) return false;
  await tx.pipelineRun.create({
    data: {
      id: seed.id,
      reference: await pipelineReference(tx, seed.createdAt),
      runId: seed.runId,
      templateId: seed.template.id,
      scanIds: [seed.scanId],
      state: "QUEUED",
      startedById: seed.startedById,
      createdAt: seed.createdAt,
      steps: { create: pipelineSteps(seed.template).map(({ step: _step, ...s }) => ({ ...s, state: "QUEUED" as const, progress: 0, attempts: 0 })) },
    },
  });
  return true;
}

/**
 * Okement's OK-17 cores, stored at the facility, and its two shifts on S07
 * from the start of the shift that was running two hours before seeding
 * (8-hour shifts: it started 2 to 10 hours ago and has 6 to 14 hours to go;
 * a shift across a clock change is an hour longer or shorter),
 * so staff find its run due to open. No run: the journey opens it.
 */
async function seedOkementBooking(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, now: Date): Promise<string> {
  const ids = demoRunIds;
  const request = await loadRequest(tx, ids.okementRequest);
  if (!request?.reference || request.state !== "APPROVED") return "Okement's OK-17 booking: its request is not approved here, nothing seeded";
  const at = (month: number, day: number, hours: number, minutes: number) => t.aroundToday(london, month, day, hours, minutes);
  const common = {
    materialClass: "ORE",
    originSite: "Okement lithium prospect, north Dartmoor, Devon",
    originLocation: "Drill hole OK-17",
    collectedOn: dateOnly(at(9, 14, 12, 0)),
    dimensions: "8 mm diameter × 20 mm, drilled from half-core",
    hazards: [] as HazardClass[],
    storageConditions: "",
    received: { at: at(11, 24, 11, 30), note: "Hand-delivered by Ben Carthew.", location: "Store A, shelf 2" },
  };
  const cores: SampleSeed[] = [
    { ...common, id: ids.okementSamples[0], name: "OK-17 core 1, 41.2–41.4 m", description: "Upper part of the pegmatite sheet: coarse spodumene laths in quartz and albite.", originDepthM: 41.3, massGrams: 2.4, registeredAt: at(11, 12, 10, 5) },
    { ...common, id: ids.okementSamples[1], name: "OK-17 core 2, 49.6–49.8 m", description: "Lower part of the pegmatite sheet: finer spodumene intergrown with quartz and muscovite.", originDepthM: 49.7, massGrams: 2.3, registeredAt: at(11, 12, 10, 8) },
  ];
  for (const core of cores) await seedSample(tx, userIds, request, people.amara, core);

  const endstation = await s07(tx);
  const slot = okementRunSlot(now, patternOf(endstation));
  const placed = await seedBooking(tx, { id: ids.okementBooking, request, endstation, slot, shifts: 2, placedBy: who(userIds, people.owain).actorId, placedAt: at(11, 13, 16, 20) });
  if (!placed.booking) return `Okement's OK-17 booking: S07 is taken by ${placed.takenBy} at its time, not seeded`;
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: london, dateStyle: "medium", timeStyle: "short" }).format(placed.booking.startsAt);
  return `Okement's OK-17 booking ${placed.booking.reference}: 2 shifts on S07 from ${when} ${london}, its run due to open${placed.created ? " (created now)" : ""}`;
}

/** The preview file's path, for tests: where the finished demo pipeline's step wrote it. */
export function demoPreviewPath(): string {
  return path.join(stepWorkDir(demoRunIds.cassiterPipelines[0], "analysis"), "preview-labels.raw");
}

/** The file:// URI of a demo volume, as the seeded scans record it. */
export function demoVolumeUri(name: DemoVolumeName): string {
  return pathToFileURL(demoVolumePath(name)).href;
}
