// The demo world: facilities with their endstations and cycles, SMEs and
// other organisations, two consortia, a funder programme with demonstrators,
// the demo accounts (./accounts.ts), access routes, calls, a review panel
// and requests in every stage (./access.ts), consortium blocks (./blocks.ts),
// agreements (./agreements.ts), rates (./billing.ts), and runs and pipelines
// with their data files (./runs.ts). Idempotent: every row is upserted on
// a unique key, so a second run finds everything in place and changes nothing.
// Dates are written as the world was drawn (27 November 2026) and laid out
// relative to the seeding day by ./timeline.ts.
import { TZDate } from "@date-fns/tz";
import { hashPassword } from "../../server/auth/password";
import type { Tx } from "../../server/db";
import type { PrismaClient } from "../../server/generated/prisma/client";
import type { DemonstratorCase, FacilityKind, OrganisationKind, Technique } from "../../server/generated/prisma/enums";
import { assessSme } from "../../server/organisations/sme";
import { seedAccess } from "./access";
import { seedAgreements } from "./agreements";
import { seedBilling } from "./billing";
import { seedBlocks } from "./blocks";
import { seedRuns, writeDemoVolumes } from "./runs";
import { demoAccounts, demoOrganisationNames as names, demoPassword } from "./accounts";
import { demoTimeline, type DemoTimeline } from "./timeline";
import { clock } from "../../server/clock";

// ---------------------------------------------------------------- helpers

/** Midnight at the start of a calendar day in `timeZone`, as a UTC instant. */
export function localMidnight(timeZone: string, year: number, month: number, day: number): Date {
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

/** Whole euros to euro cents. */
const euros = (amount: number) => BigInt(amount) * 100n;

// ---------------------------------------------------------------- organisations

interface SmeFiguresSeed {
  staffHeadcount: number;
  annualTurnoverCents: bigint;
  balanceSheetTotalCents: bigint;
  referenceYear: number;
}

interface OrganisationSeed {
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string;
  description: string;
  sme?: SmeFiguresSeed;
}

export const demoOrganisations: OrganisationSeed[] = [
  {
    name: names.lithiumExplorer,
    kind: "SME",
    country: "GB",
    website: "https://www.okement-lithium.example",
    description:
      "Junior explorer drilling lithium-bearing aplite and pegmatite sheets on the northern edge of Dartmoor, Devon. Petalite, lepidolite and minor spodumene; needs 3D liberation data before choosing between dense-media separation and flotation.",
    sme: { staffHeadcount: 14, annualTurnoverCents: euros(350_000), balanceSheetTotalCents: euros(11_800_000), referenceYear: 2025 },
  },
  {
    name: names.tailingsReprocessor,
    kind: "SME",
    country: "GB",
    website: "https://www.cassiter-tailings.example",
    description:
      "Reprocesses historic tin-tungsten tailings dams in Cornwall, recovering fine cassiterite and wolframite by gravity and flotation. Characterises locked fines in tailings cores to decide which dams are worth re-mining.",
    sme: { staffHeadcount: 38, annualTurnoverCents: euros(6_400_000), balanceSheetTotalCents: euros(9_100_000), referenceYear: 2025 },
  },
  {
    name: names.blackMassRecycler,
    kind: "SME",
    country: "SE",
    website: "https://www.lindqvist-cell.example",
    description:
      "Shreds end-of-life lithium-ion cells and production scrap in Västerås into black mass for hydrometallurgical refiners. Developing a flotation step to separate graphite from NMC cathode material before leaching.",
    sme: { staffHeadcount: 160, annualTurnoverCents: euros(41_500_000), balanceSheetTotalCents: euros(36_200_000), referenceYear: 2025 },
  },
  {
    name: names.dleSorbents,
    kind: "SME",
    country: "GB",
    website: "https://www.brinewell-sorbents.example",
    description:
      "Makes lithium-selective sorbents (lithium manganese oxide and layered double hydroxide beads) for direct lithium extraction from geothermal and oilfield brines. Studies sorbent ageing, manganese loss and silica fouling over thousands of load-elute cycles.",
    sme: { staffHeadcount: 22, annualTurnoverCents: euros(1_900_000), balanceSheetTotalCents: euros(4_300_000), referenceYear: 2025 },
  },
  {
    name: names.rareEarthConsultancy,
    kind: "SME",
    country: "DK",
    website: "https://www.lanthan-geoscience.example",
    description:
      "Independent rare-earth geoscience consultancy in Copenhagen: resource estimation and process mineralogy for eudialyte, bastnäsite and monazite projects, and characterisation of NdFeB magnet swarf for recyclers.",
    sme: { staffHeadcount: 9, annualTurnoverCents: euros(1_200_000), balanceSheetTotalCents: euros(600_000), referenceYear: 2025 },
  },
  {
    name: names.midTierMiner,
    kind: "INDUSTRY",
    country: "GB",
    website: "https://www.caledon-hardrock.example",
    description:
      "Mid-tier producer of tungsten, tin and lithium concentrates with operations in Scotland, Portugal and Finland. Not an SME: industrial access at full cost recovery.",
    sme: { staffHeadcount: 1_200, annualTurnoverCents: euros(412_000_000), balanceSheetTotalCents: euros(688_000_000), referenceYear: 2025 },
  },
  {
    name: names.academicLab,
    kind: "ACADEMIC",
    country: "GB",
    website: "https://ore-lab.westcountry-university.example",
    description:
      "University research group in process mineralogy and digital rock physics: automated mineralogy (SEM-EDS), XRD and pore-scale simulation, used as ground truth for CT-based liberation measurements.",
  },
  {
    name: names.panelChairUniversity,
    kind: "ACADEMIC",
    country: "GB",
    website: "https://www.cambrian-earth.example",
    description:
      "University school of earth sciences in Aberystwyth: ore-deposit geology, geometallurgy and X-ray tomography of hydrothermal and pegmatite-hosted critical-metal deposits.",
  },
  {
    name: names.panelMemberInstitute,
    kind: "ACADEMIC",
    country: "NO",
    website: "https://www.nordic-mineral-imaging.example",
    description:
      "Public research institute in Trondheim for correlative X-ray imaging of ores, tailings and recycled battery materials, with an automated-mineralogy and micro-XRF laboratory used for ground truth.",
  },
  {
    name: names.synchrotron,
    kind: "FACILITY",
    country: "GB",
    website: "https://www.severn-light-source.example",
    description:
      "3 GeV synchrotron light source on the Severn estuary with hard X-ray imaging beamlines for micro-, nano- and chemical tomography. Offers peer-reviewed access free at the point of use and proprietary industrial access at cost recovery.",
  },
  {
    name: names.labCt,
    kind: "FACILITY",
    country: "DE",
    website: "https://www.erzgebirge-ct.example",
    description:
      "Laboratory X-ray CT centre in Freiberg, Saxony, specialising in drill core, tailings and ore-processing products. Screens samples at core scale before synchrotron time is requested.",
  },
  {
    name: names.funder,
    kind: "FUNDER",
    country: "GB",
    website: "https://www.cmi-trust.example",
    description:
      "Charitable research funder for critical-minerals processing innovation; funds translational demonstrators that move from characterisation to a pilot-plant decision.",
  },
  {
    name: names.operator,
    kind: "OPERATOR",
    country: "GB",
    website: "https://www.lodestone-platform.example",
    description: "Runs the Lodestone portal: organisations, rate cards, agreement templates, users and roles.",
  },
];

// ---------------------------------------------------------------- facilities

interface EndstationSeed {
  code: string;
  name: string;
  technique: Technique;
  description: string;
  shiftHours: number;
  shiftsPerDay: number;
  firstShiftStartsAt: string;
  minVoxelUm: string;
  maxEnergyKeV: string;
}

interface FacilitySeed {
  organisation: string;
  code: string;
  name: string;
  kind: FacilityKind;
  timeZone: string;
  city: string;
  country: string;
  endstations: EndstationSeed[];
}

export const demoFacilities: FacilitySeed[] = [
  {
    organisation: names.synchrotron,
    code: "SLS",
    name: "Severn Light Source",
    kind: "SYNCHROTRON",
    timeZone: "Europe/London",
    city: "Bristol",
    country: "GB",
    endstations: [
      {
        code: "S07",
        name: "S07 Micro-tomography",
        technique: "MICRO_CT",
        description:
          "Parallel-beam monochromatic and pink-beam micro-CT for drill-core plugs up to 10 mm across and packed columns of crushed ore. Tomograms in under a minute support in situ leaching and reactive-flow cells. Pixel sizes 0.65 to 8 µm.",
        shiftHours: 8,
        shiftsPerDay: 3,
        firstShiftStartsAt: "08:00",
        minVoxelUm: "0.650",
        maxEnergyKeV: "150.00",
      },
      {
        code: "S11",
        name: "S11 Hard X-ray microprobe",
        technique: "XRF_CT",
        description:
          "Pencil-beam XRF-CT with a 1 µm KB-focused beam on 1 to 3 mm sub-samples, with simultaneous XRD-CT. Maps Rb, Cs, Sn, W, Nb, Ta, Mn and rare-earth elements in 3D; XANES-CT at the Mn, Co and Ni K-edges for oxidation state in sorbents and black mass.",
        shiftHours: 8,
        shiftsPerDay: 3,
        firstShiftStartsAt: "08:00",
        minVoxelUm: "1.000",
        maxEnergyKeV: "28.00",
      },
      {
        code: "S16",
        name: "S16 Nano-imaging",
        technique: "NANO_CT",
        description:
          "Full-field transmission X-ray microscope with Zernike phase contrast: 50 nm voxels over a 50 µm field of view, for sorbent grain porosity, cathode particle cracking and fine-tailings liberation. Samples are FIB-milled or laser-cut pillars.",
        shiftHours: 8,
        shiftsPerDay: 3,
        firstShiftStartsAt: "08:00",
        minVoxelUm: "0.050",
        maxEnergyKeV: "14.00",
      },
    ],
  },
  {
    organisation: names.labCt,
    code: "ECI",
    name: "Erzgebirge Core Imaging Centre",
    kind: "LAB_CT",
    timeZone: "Europe/Berlin",
    city: "Freiberg",
    country: "DE",
    endstations: [
      {
        code: "CT1",
        name: "CT1 Large-sample cone-beam CT",
        technique: "LAB_CT",
        description:
          "225 kV microfocus cone-beam CT with helical scanning for half-core up to 100 mm diameter and 1 m long, and for tailings cores. Used to find the sub-samples worth synchrotron time.",
        shiftHours: 8,
        shiftsPerDay: 3,
        firstShiftStartsAt: "06:00",
        minVoxelUm: "4.000",
        maxEnergyKeV: "225.00",
      },
      {
        code: "XM2",
        name: "XM2 Sub-micron X-ray microscope",
        technique: "LAB_CT",
        description:
          "160 kV laboratory X-ray microscope combining geometric and optical magnification: 0.5 µm voxels on 1 to 5 mm plugs. Booked in 4-hour blocks; overnight scans run unattended from a queue.",
        shiftHours: 4,
        shiftsPerDay: 6,
        firstShiftStartsAt: "00:00",
        minVoxelUm: "0.500",
        maxEnergyKeV: "160.00",
      },
    ],
  },
];

/** Six-month allocation cycles, [startsAt, endsAt) at local midnight in the facility's zone: the next to start and the one after. */
export function demoCycles(t: DemoTimeline, timeZone: string) {
  return [
    { name: t.cycle("2027-1"), startsAt: t.planned(timeZone, 2027, 1, 1), endsAt: t.planned(timeZone, 2027, 7, 1) },
    { name: t.cycle("2027-2"), startsAt: t.planned(timeZone, 2027, 7, 1), endsAt: t.planned(timeZone, 2028, 1, 1) },
  ];
}

// ---------------------------------------------------------------- consortia

interface ConsortiumSeed {
  name: string;
  acronym: string;
  description: string;
  lead: string;
  /** Other member organisations; the lead is recorded as a member too. */
  members: string[];
  /** When the members joined, as drawn: [month, day] of 2026 in the lead's zone. */
  joinedOn: [zone: string, month: number, day: number];
}

export const demoConsortia: ConsortiumSeed[] = [
  {
    name: "Cornubian Critical Minerals Imaging Consortium",
    acronym: "CORNUBIA",
    description:
      "Block allocation group for south-west England: lithium in granite-hosted pegmatites and geothermal brines, and tin-tungsten recovery from historic tailings. Members split the block's shifts among themselves; background IP stays with its owner and each member's ore data stay confidential to that member unless released.",
    lead: names.tailingsReprocessor,
    members: [names.lithiumExplorer, names.dleSorbents, names.academicLab],
    joinedOn: ["Europe/London", 10, 1],
  },
  {
    name: "European Black-Mass Characterisation Consortium",
    acronym: "EBMC",
    description:
      "Recyclers, a miner and a university pooling beamtime to image black mass and magnet swarf: graphite-cathode attachment, binder residues, foil fragments and rare-earth phases. Shared benchmark datasets are public after the embargo; commercial feed compositions remain proprietary.",
    lead: names.blackMassRecycler,
    members: [names.midTierMiner, names.rareEarthConsultancy, names.academicLab],
    joinedOn: ["Europe/Stockholm", 11, 2],
  },
];

// ---------------------------------------------------------------- programme

const programmeZone = "Europe/London";

export const demoProgramme = (t: DemoTimeline) => ({
  funder: names.funder,
  name: demoProgrammeName,
  description:
    "Funds translational demonstrators that take critical-minerals feedstocks from 3D characterisation to a documented pilot-plant decision within 24 to 36 months, each delivering a public benchmark dataset and a comparison with conventional characterisation. Targets by 2030: 100 benchmark datasets, 3 validated cross-facility workflows, 40 jointly supervised researchers and an agreed Digital Ore Passport standard.",
  budgetMinor: 2_400_000_000n, // GBP 24 million, in pence
  currency: "GBP",
  startsOn: t.planned(programmeZone, 2026, 1, 1),
  endsOn: t.planned(programmeZone, 2030, 12, 31),
});

/** The programme's name, which does not move with the timeline. */
export const demoProgrammeName = "Digital Ore Translational Demonstrators";

interface DemonstratorSeed {
  title: string;
  case: DemonstratorCase;
  lead: string;
  summary: string;
  startsOn: Date;
  pilotDecisionDue: Date;
}

export const demoDemonstrators = (t: DemoTimeline): DemonstratorSeed[] => [
  {
    title: "Dartmoor aplite: 3D liberation of petalite and lepidolite",
    case: "HARD_ROCK_LIBERATION",
    lead: names.lithiumExplorer,
    summary:
      "Correlative micro-CT and XRF-CT of drill core from a lithium-bearing aplite-pegmatite sheet, calibrated against automated mineralogy, to predict petalite and lithium-mica liberation after coarse crushing and choose between dense-media separation and flotation for the pilot plant.",
    startsOn: t.planned(programmeZone, 2026, 9, 1),
    pilotDecisionDue: t.planned(programmeZone, 2029, 3, 1), // 30 months
  },
  {
    title: "Geothermal brine DLE: sorbent ageing imaged in operando",
    case: "BRINE_DLE",
    lead: names.dleSorbents,
    summary:
      "Nano-CT and XANES-CT of lithium manganese oxide and layered double hydroxide sorbent beads cycled in Cornish geothermal brine (about 250 mg/L Li) to quantify manganese dissolution, silica fouling and attrition, and select the sorbent and column design for a field pilot.",
    startsOn: t.planned(programmeZone, 2026, 11, 1),
    pilotDecisionDue: t.planned(programmeZone, 2029, 2, 1), // 27 months
  },
  {
    title: "Black-mass flotation ahead of hydrometallurgy",
    case: "RECYCLING",
    lead: names.blackMassRecycler,
    summary:
      "Micro-CT, nano-CT and XRF-CT of shredded NMC and LFP black mass to measure graphite-cathode attachment, binder residues and copper and aluminium foil fragments; benchmarks froth flotation against chemical assay and decides whether a flotation pre-step is piloted before leaching.",
    startsOn: t.planned(programmeZone, 2027, 1, 1),
    pilotDecisionDue: t.planned(programmeZone, 2030, 1, 1), // 36 months
  },
];

// ---------------------------------------------------------------- seeding

/** Any number for the advisory lock that serialises concurrent seed runs. */
const seedLockKey = 72_270_001;

export async function seedDemoWorld(db: PrismaClient, options: { log?: (msg: string) => void; now?: Date } = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const now = options.now ?? clock.now();
  const t = demoTimeline(now);
  // Hash once, outside the transaction (argon2 is deliberately slow).
  const passwordHash = await hashPassword(demoPassword);
  // The demo scans' data files, outside the transaction too (files do not roll back; they are written whole, only when missing).
  const written = writeDemoVolumes();
  if (written.length > 0) log(`Demo volumes written: ${written.join(", ")}`);

  await db.$transaction(
    async (tx) => {
      // Two seed runs at once (e.g. parallel test files) would race on the upserts.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${seedLockKey})`;

      const orgIds = await seedOrganisations(tx);
      log(`Organisations: ${orgIds.size}`);
      const userIds = await seedUsers(tx, orgIds, passwordHash);
      log(`Users: ${userIds.size} (password "${demoPassword}")`);
      const declarations = await seedSmeDeclarations(tx, orgIds, userIds, t);
      log(`SME declarations: ${declarations} (${demoOrganisations.filter((o) => o.sme && isQualifying(o.sme)).length} qualify)`);
      const [endstations, cycles] = await seedFacilities(tx, orgIds, t);
      log(`Facilities: ${demoFacilities.length}, endstations: ${endstations}, cycles: ${cycles}`);
      await seedConsortia(tx, orgIds, t);
      log(`Consortia: ${demoConsortia.map((c) => c.acronym).join(", ")}`);
      await seedProgramme(tx, orgIds, t);
      log(`Programme "${demoProgrammeName}" with ${demoDemonstrators(t).length} demonstrators`);
      await seedAccess(tx, t, orgIds, userIds, log);
      await seedBlocks(tx, t, userIds, log);
      await seedAgreements(tx, t, userIds, log);
      await seedBilling(tx, t, userIds, log);
      await seedRuns(tx, t, userIds, log, now);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

function isQualifying(f: SmeFiguresSeed): boolean {
  return assessSme(f).qualifies;
}

function idOf(ids: Map<string, string>, name: string): string {
  const id = ids.get(name);
  if (!id) throw new Error(`Demo world: unknown organisation "${name}"`);
  return id;
}

async function seedOrganisations(tx: Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const org of demoOrganisations) {
    const data = { kind: org.kind, country: org.country, description: org.description, website: org.website };
    const row = await tx.organisation.upsert({ where: { name: org.name }, create: { name: org.name, ...data }, update: data, select: { id: true } });
    ids.set(org.name, row.id);
  }
  return ids;
}

/** Creates missing accounts; leaves an existing account's password and verification alone unless unset. */
async function seedUsers(tx: Tx, orgIds: Map<string, string>, passwordHash: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = clock.now();
  for (const account of demoAccounts) {
    const organisationId = idOf(orgIds, account.organisation);
    let user = await tx.user.findUnique({ where: { email: account.email }, select: { id: true, name: true, passwordHash: true, emailVerified: true } });
    if (!user) {
      user = await tx.user.create({
        data: { email: account.email, name: account.name, passwordHash, emailVerified: now },
        select: { id: true, name: true, passwordHash: true, emailVerified: true },
      });
    } else if (user.name !== account.name || !user.passwordHash || !user.emailVerified) {
      await tx.user.update({
        where: { id: user.id },
        data: { name: account.name, passwordHash: user.passwordHash ?? passwordHash, emailVerified: user.emailVerified ?? now },
      });
    }
    await tx.membership.upsert({
      where: { userId_organisationId_role: { userId: user.id, organisationId, role: account.role } },
      create: { userId: user.id, organisationId, role: account.role },
      update: {},
    });
    ids.set(account.email, user.id);
  }
  return ids;
}

async function seedSmeDeclarations(tx: Tx, orgIds: Map<string, string>, userIds: Map<string, string>, t: DemoTimeline): Promise<number> {
  let count = 0;
  for (const org of demoOrganisations) {
    if (!org.sme) continue;
    const organisationId = idOf(orgIds, org.name);
    const declarer = demoAccounts.find((a) => a.organisation === org.name && a.role === "APPLICANT");
    // Figures are declared for the last full year before the seeding day.
    const data = { ...org.sme, referenceYear: org.sme.referenceYear + (t.year - 2026), qualifies: assessSme(org.sme).qualifies };
    await tx.smeDeclaration.upsert({
      where: { organisationId },
      create: { organisationId, ...data, declaredById: declarer ? (userIds.get(declarer.email) ?? null) : null },
      update: data,
    });
    count++;
  }
  return count;
}

async function seedFacilities(tx: Tx, orgIds: Map<string, string>, t: DemoTimeline): Promise<[number, number]> {
  let endstations = 0;
  let cycles = 0;
  for (const f of demoFacilities) {
    const data = { organisationId: idOf(orgIds, f.organisation), name: f.name, kind: f.kind, timeZone: f.timeZone, city: f.city, country: f.country };
    const facility = await tx.facility.upsert({ where: { code: f.code }, create: { code: f.code, ...data }, update: data, select: { id: true } });
    for (const { code, ...es } of f.endstations) {
      await tx.endstation.upsert({
        where: { facilityId_code: { facilityId: facility.id, code } },
        create: { facilityId: facility.id, code, ...es },
        update: es,
      });
      endstations++;
    }
    for (const { name, ...period } of demoCycles(t, f.timeZone)) {
      await tx.cycle.upsert({
        where: { facilityId_name: { facilityId: facility.id, name } },
        create: { facilityId: facility.id, name, ...period },
        update: period,
      });
      cycles++;
    }
  }
  return [endstations, cycles];
}

async function seedConsortia(tx: Tx, orgIds: Map<string, string>, t: DemoTimeline): Promise<void> {
  for (const c of demoConsortia) {
    const data = { acronym: c.acronym, description: c.description, leadOrganisationId: idOf(orgIds, c.lead) };
    const consortium = await tx.consortium.upsert({ where: { name: c.name }, create: { name: c.name, ...data }, update: data, select: { id: true } });
    for (const member of [c.lead, ...c.members]) {
      const organisationId = idOf(orgIds, member);
      await tx.consortiumMember.upsert({
        where: { consortiumId_organisationId: { consortiumId: consortium.id, organisationId } },
        create: { consortiumId: consortium.id, organisationId, joinedAt: t.aroundToday(...c.joinedOn) },
        update: {},
      });
    }
  }
}

async function seedProgramme(tx: Tx, orgIds: Map<string, string>, t: DemoTimeline): Promise<void> {
  const { funder, name, ...rest } = demoProgramme(t);
  const data = { ...rest, funderOrganisationId: idOf(orgIds, funder) };
  const programme = await tx.programme.upsert({ where: { name }, create: { name, ...data }, update: data, select: { id: true } });
  for (const { title, lead, ...d } of demoDemonstrators(t)) {
    const dData = { ...d, programmeId: programme.id, leadOrganisationId: idOf(orgIds, lead) };
    await tx.demonstrator.upsert({ where: { title }, create: { title, ...dData }, update: dData });
  }
}
