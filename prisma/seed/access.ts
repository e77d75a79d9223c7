// The demo world's access side: the five access routes of each facility, the
// calls of the peer-reviewed route, the Severn Light Source review panel for
// the next cycle, and six requests at different stages so that the staff queues, the
// panel desk and the request lists have something in them.
//
// Idempotent like ./world.ts: routes, calls and panel seats are upserted on
// their unique keys; each demo request has a fixed id and is created, with
// its version, endstations and reviews, only when that id is missing (a
// request a demo user has since moved on is left alone). References come from
// the same gap-free counter as real submissions, in order of submission, so a
// fresh database numbers them LDS-26-0001 to LDS-26-0009 and the next request
// submitted in the portal gets LDS-26-0010. No audit rows: nobody acted.
//
// Three requests are approved: Lanthan's waits for its shifts; Cassiter's
// pilot has run (./runs.ts: its run, scans and pipelines) and Okement's OK-17
// request has a booking that started just before seeding, its run due to open.
// Okement's other request awaits the decision the billing journey makes. None
// comes from the Westcountry laboratory (a browser journey submits its
// peer-reviewed request).
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { nextReference } from "../../server/access-requests/reference";
import { submissionSchema, type RequestContentInput } from "../../server/access-requests/schemas";
import type { Prisma, Tx } from "../../server/db";
import type { AccessRequestState, AccessRouteKind, ReviewKind } from "../../server/generated/prisma/enums";
import { demoAccounts, demoOrganisationNames as names } from "./accounts";
import type { DemoTimeline } from "./timeline";

// ---------------------------------------------------------------- routes

interface AccessRouteSeed {
  kind: AccessRouteKind;
  name: string;
  description: string;
  dataPolicy: string;
  confidential: boolean;
  needsCall: boolean;
  decisionTargetDays: number;
  maxShifts: number | null;
  embargoMonths: number | null;
}

const proprietaryDataPolicy =
  "Data and results belong to the user. The facility keeps them confidential: only the user's team and the staff running the experiment see them, and there is no duty to publish.";

/** The same five routes at every facility (the text names the facility where it matters). */
export function demoAccessRoutes(facilityName: string): AccessRouteSeed[] {
  return [
    {
      kind: "PROPRIETARY_INDUSTRIAL",
      name: "Proprietary industrial access",
      description: `Confidential access for companies of any size, charged at full cost recovery per shift. Apply at any time; ${facilityName}'s industrial office decides within 10 days.`,
      dataPolicy: proprietaryDataPolicy,
      confidential: true,
      needsCall: false,
      decisionTargetDays: 10,
      maxShifts: null,
      embargoMonths: null,
    },
    {
      kind: "SME_INDUSTRIAL",
      name: "SME industrial access",
      description:
        "Confidential access at a subsidised SME rate for companies that meet the EU SME definition (fewer than 250 staff, and turnover up to EUR 50m or balance sheet up to EUR 43m). Apply at any time; decided within 10 days.",
      dataPolicy: `${proprietaryDataPolicy} As a condition of the SME subsidy, the user reports the outcome of the experiment (for example, the processing decision it informed) in anonymised form to the funder of the subsidy; no data, samples or company names are passed on.`,
      confidential: true,
      needsCall: false,
      decisionTargetDays: 10,
      maxShifts: null,
      embargoMonths: null,
    },
    {
      kind: "NON_PROPRIETARY",
      name: "Peer-reviewed (non-proprietary) access",
      description:
        "Beamtime free at the point of use for research that will be published, through two calls a year. A review panel grades the proposals and the chair allocates shifts about ten weeks after the call closes.",
      dataPolicy:
        "Data are embargoed for 3 years from collection, visible only to the proposal team and the facility, and then published openly under CC-BY-4.0 with their Digital Ore Passport. The team has a duty to publish the results and to acknowledge the facility.",
      confidential: false,
      needsCall: true,
      decisionTargetDays: 70,
      maxShifts: null,
      embargoMonths: 36,
    },
    {
      kind: "RAPID",
      name: "Rapid industrial access",
      description: "Short-notice confidential access for an urgent industrial problem: at most 2 shifts, decided within 5 days and charged at the proprietary rate.",
      dataPolicy: proprietaryDataPolicy,
      confidential: true,
      needsCall: false,
      decisionTargetDays: 5,
      maxShifts: 2,
      embargoMonths: null,
    },
    {
      kind: "CONSORTIUM_BLOCK",
      name: "Consortium block access",
      description:
        "Shifts from a consortium's block allocation, booked by member organisations inside the share their consortium lead gave them. The consortium agreement sets the terms.",
      dataPolicy:
        "As the consortium agreement says: background IP stays with its owner; foreground IP, data sharing among members and any publication follow the agreement; each member's ore data stay confidential to that member unless it releases them.",
      confidential: true,
      needsCall: false,
      decisionTargetDays: 10,
      maxShifts: null,
      embargoMonths: null,
    },
  ];
}

// ---------------------------------------------------------------- calls

/** Calls of the peer-reviewed route, per cycle: the next cycle's call is open on the seeding day (it opened eight weeks before and closes in about seven), the one after opens later. */
export function demoCalls(t: DemoTimeline, facilityName: string, timeZone: string) {
  const [first, second] = [t.cycle("2027-1"), t.cycle("2027-2")];
  return [
    { cycle: first, title: `${facilityName} call for ${first}`, opensAt: t.aroundToday(timeZone, 10, 1), closesAt: t.aroundToday(timeZone, 1, 20, 0, 0, 2027) },
    { cycle: second, title: `${facilityName} call for ${second}`, opensAt: t.planned(timeZone, 2027, 3, 1), closesAt: t.planned(timeZone, 2027, 4, 7) },
  ];
}

// ---------------------------------------------------------------- panel

export const demoPanel = (t: DemoTimeline) => ({
  facility: "SLS",
  cycle: t.cycle("2027-1"),
  seats: [
    { email: "aled.pryce@cambrian-earth.example", isChair: true },
    { email: "ingrid.solberg@nordic-mineral-imaging.example", isChair: false },
    // Westcountry's own requests are a conflict of interest for her.
    { email: "helen.tregear@westcountry-university.example", isChair: false },
  ],
});

// ---------------------------------------------------------------- requests

interface ReviewSeed {
  kind: ReviewKind;
  reviewer: string;
  at: Date;
  outcome: string;
  comments: string;
  shifts?: number;
  sampleEnvironment?: string;
  hazards?: string[];
  riskLevel?: "LOW" | "ELEVATED" | "HIGH";
  conditions?: string;
  grade?: number;
}

export interface DemoRequestSeed {
  /** Fixed id: the idempotency key. */
  id: string;
  facility: "SLS" | "ECI";
  route: AccessRouteKind;
  /** Cycle of the call, for routes that need one. */
  call?: string;
  organisation: string;
  createdBy: string;
  state: AccessRequestState;
  /** Endstation codes, in the order the applicant chose them. */
  endstations: string[];
  content: Omit<RequestContentInput, "endstationIds">;
  createdAt: Date;
  submittedAt: Date;
  /** Last activity (state change or review), for the lists' ordering. */
  updatedAt: Date;
  decision?: { allocatedShifts: number; decidedAt: Date; note: string };
  reviews: ReviewSeed[];
}


const staff = {
  owain: "owain.rees@severn-light-source.example",
  megan: "megan.hartley@severn-light-source.example",
  rachel: "rachel.whitcombe@severn-light-source.example",
  katrin: "katrin.vogel@erzgebirge-ct.example",
};

/** "February to March": the months a date window spans. */
function monthsOf(window: { from: string; to: string }): string {
  const month = (iso: string) => format(new Date(`${iso}T12:00:00Z`), "MMMM");
  return `${month(window.from)} to ${month(window.to)}`;
}

/** The demo requests that wait for their beamtime at some stage: each asks for dates after today. */
export function demoRequests(t: DemoTimeline): DemoRequestSeed[] {
  /** When something happened, as drawn in 2026, at the facility's zone. */
  const sls = (month: number, day: number, hours: number, minutes: number) => t.aroundToday("Europe/London", month, day, hours, minutes);
  const eci = (month: number, day: number, hours: number, minutes: number) => t.aroundToday("Europe/Berlin", month, day, hours, minutes);
  /** A planned window as drawn in the first cycle. */
  const window = (from: string, to: string) => ({ from: t.plannedDate(from), to: t.plannedDate(to) });
  const firstCycle = t.cycle("2027-1");
  const lanthanWindows = [window("2027-02-08", "2027-03-26"), window("2027-05-03", "2027-06-18")];
  const lanthanApproval = `Approved for 3 shifts on S11 at the proprietary rate, under the NORM conditions in the safety review. The user office will offer dates in your ${monthsOf(lanthanWindows[0]!)} window.`;
  return [
    // ---- proprietary, approved
    {
      id: "demo-request-lanthan-ree-xrfct",
      facility: "SLS",
      route: "PROPRIETARY_INDUSTRIAL",
      organisation: names.rareEarthConsultancy,
      createdBy: "mikkel.sorensen@lanthan-geoscience.example",
      state: "APPROVED",
      endstations: ["S11"],
      createdAt: sls(10, 14, 16, 5),
      submittedAt: sls(10, 19, 10, 40),
      updatedAt: sls(10, 27, 11, 15),
      content: {
        title: "Rare-earth deportment in eudialyte and bastnäsite ore for a client flowsheet",
        summary:
          "We want to see in 3D which minerals carry the rare-earth elements in two ores from a client's deposit, and how finely they are intergrown, so that the client can choose a grind size and a beneficiation route before its pilot test work.",
        scientificCase:
          "Our client holds a rare-earth deposit with two ore types: a eudialyte-bearing nepheline syenite and a bastnäsite-monazite carbonatite. Automated mineralogy on polished sections gives modal mineralogy but not the 3D size and association of the rare-earth phases, and sections overstate liberation for the fine, intergrown eudialyte. Pencil-beam XRF-CT with simultaneous XRD-CT on 2 mm pillars will map Nd, Ce, La, Y, Zr and Nb in 3D and identify the carrier phases, giving grain-size distributions and association statistics for each ore type. These feed a liberation model that compares a coarse grind with magnetic pre-concentration against a fine grind with flotation.",
        techniques: ["XRF_CT", "XRD_CT"],
        shiftsRequested: 3,
        shiftJustification:
          "Six 2 mm pillars (three per ore type), one combined XRF-CT and XRD-CT tomogram each at a 1 µm step: about 3.5 hours per pillar with alignment, 21 hours, plus 3 hours of standards and a flat-field series: 3 shifts.",
        dateWindows: lanthanWindows,
        team: [
          { name: "Mikkel Sørensen", email: "mikkel.sorensen@lanthan-geoscience.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Freja Dahl", email: "freja.dahl@lanthan-geoscience.example", role: "DATA_ANALYST" },
          { name: "Jens Kjær", email: "jens.kjaer@lanthan-geoscience.example", role: "SAMPLE_CONTACT" },
        ],
        samples: [
          {
            name: "Eudialyte syenite drill-core pillars",
            materialClass: "ORE",
            count: 3,
            hazardSummary: "Eudialyte carries thorium and uranium: 0.4 Bq/g total activity by gamma spectrometry. Solid 2 mm pillars, epoxy-mounted; no loose material.",
          },
          {
            name: "Bastnäsite-monazite carbonatite pillars",
            materialClass: "ORE",
            count: 3,
            hazardSummary: "Monazite carries thorium: 0.8 Bq/g total activity by gamma spectrometry. Solid 2 mm pillars, epoxy-mounted; no loose material.",
          },
        ],
        companyDescription:
          "Lanthan Geoscience ApS is a nine-person independent rare-earth consultancy in Copenhagen, providing resource estimation and process mineralogy to exploration companies and magnet recyclers.",
        expectedBenefit:
          "The client must choose between two flowsheets before a pilot programme of about EUR 4 million. Knowing the size and associations of the rare-earth minerals in 3D narrows the choice and can save one pilot campaign.",
        dataPolicyAccepted: true,
      },
      decision: {
        allocatedShifts: 3,
        decidedAt: sls(10, 27, 11, 15),
        note: lanthanApproval,
      },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(10, 21, 14, 30),
          outcome: "FEASIBLE",
          comments: "XRF-CT at a 1 µm step on 2 mm pillars is routine on S11, and 3 shifts is right for six pillars with standards. Send one spare pillar of each ore in case a mount fails.",
          shifts: 3,
          sampleEnvironment: "Ambient air; pillars glued to brass pins on the standard goniometer.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(10, 23, 9, 50),
          outcome: "CLEARED",
          comments: "The activities declared are below the site's exemption limit for natural radionuclides.",
          hazards: ["NORM"],
          riskLevel: "ELEVATED",
          conditions:
            "NORM: each sample must stay below 1 Bq/g and each shipment below 10 kBq in total; send the gamma spectrometry report with the shipment. Samples stay epoxy-mounted, are kept in the NORM cabinet of the sample preparation laboratory between scans and go back to the user after the run. No cutting or polishing on site.",
        },
        {
          kind: "DECISION",
          reviewer: staff.rachel,
          at: sls(10, 27, 11, 15),
          outcome: "APPROVED",
          comments: lanthanApproval,
          shifts: 3,
        },
      ],
    },

    // ---- peer-reviewed, in panel review, graded once
    {
      id: "demo-request-caledon-greisen-benchmark",
      facility: "SLS",
      route: "NON_PROPRIETARY",
      call: firstCycle,
      organisation: names.midTierMiner,
      createdBy: "fiona.macleod@caledon-hardrock.example",
      state: "PANEL_REVIEW",
      endstations: ["S07", "S11"],
      createdAt: sls(10, 20, 13, 0),
      submittedAt: sls(11, 2, 9, 20),
      updatedAt: sls(11, 24, 17, 5),
      content: {
        title: "Open benchmark: 3D liberation of wolframite and cassiterite in greisen ore",
        summary:
          "We will image crushed tungsten-tin ore in 3D and publish the scans, the segmentations and automated-mineralogy ground truth as an open benchmark, so that anyone can test how well CT-based liberation measurements predict gravity and flotation recovery.",
        scientificCase:
          "Liberation of wolframite and cassiterite controls recovery in tungsten-tin gravity circuits, but it is still measured on 2D polished sections that overstate liberation for irregular, fine-grained greisen ore. Micro-CT of packed columns of closely sized particles gives 3D liberation directly, yet no public dataset pairs such scans with automated mineralogy and with measured recovery of the same material. We will scan four size fractions of greisen ore in replicate columns on S07, calibrate the tungsten and tin phase segmentation with XRF-CT of sub-samples on S11, and compare the resulting 3D liberation spectra with QEMSCAN on sections of the same columns and with shaking-table recovery. All data, code and the comparison will be published as a benchmark under CC-BY-4.0 after the embargo.",
        techniques: ["MICRO_CT", "XRF_CT"],
        shiftsRequested: 9,
        shiftJustification:
          "S07: 12 columns (4 size fractions in triplicate) as 4-tile stitches of about 1.5 hours, 18 hours; a 0.65 µm re-scan of the 6 finest columns, 18 hours; pink-beam overviews and alignment, 12 hours: 6 shifts. S11: six calibration pillars at about 3.5 hours each plus standards: 3 shifts. Total 9 shifts.",
        dateWindows: [window("2027-03-01", "2027-04-30")],
        team: [
          { name: "Fiona MacLeod", email: "fiona.macleod@caledon-hardrock.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Isla Murray", email: "isla.murray@caledon-hardrock.example", role: "EXPERIMENTER" },
          { name: "Dr Callum Reid", email: "callum.reid@caledon-hardrock.example", role: "DATA_ANALYST" },
        ],
        samples: [
          {
            name: "Greisen ore, closely sized fractions (2 mm to 75 µm) in columns",
            materialClass: "ORE",
            count: 12,
            hazardSummary: "Contains arsenopyrite and minor fluorite. Dry particles in sealed Kapton columns; no radioactivity above background.",
          },
          {
            name: "Wolframite-cassiterite pillars for XRF-CT",
            materialClass: "ORE",
            count: 6,
            hazardSummary: "Solid 2 mm epoxy-mounted pillars; arsenopyrite present, no loose material.",
          },
        ],
        dataPolicyAccepted: true,
      },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(11, 9, 11, 0),
          outcome: "FEASIBLE",
          comments: "Packed columns up to 8 mm across suit S07 at 1.3 µm, and the S11 calibration is a sensible addition. 9 shifts is realistic if the columns arrive ready to mount.",
          shifts: 9,
          sampleEnvironment: "Sealed columns on the standard rotation stage; no in situ cell.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(11, 12, 15, 40),
          outcome: "CLEARED",
          comments: "Arsenopyrite is bound in solid ore in sealed columns and epoxy mounts: standard handling is enough.",
          hazards: ["NONE"],
          riskLevel: "LOW",
        },
        {
          kind: "PANEL",
          reviewer: "ingrid.solberg@nordic-mineral-imaging.example",
          at: sls(11, 24, 17, 5),
          outcome: "GRADED",
          comments:
            "A strong case for an open benchmark: replicate columns, automated-mineralogy ground truth and measured recovery make the dataset genuinely reusable. The XRF-CT calibration could probably be done in 2 shifts if the phases separate well in the micro-CT.",
          grade: 2,
        },
      ],
    },

    // ---- peer-reviewed, in panel review, not graded yet
    {
      id: "demo-request-lindqvist-blackmass-benchmark",
      facility: "SLS",
      route: "NON_PROPRIETARY",
      call: firstCycle,
      organisation: names.blackMassRecycler,
      createdBy: "sofia.bergqvist@lindqvist-cell.example",
      state: "PANEL_REVIEW",
      endstations: ["S16"],
      createdAt: sls(10, 29, 8, 15),
      submittedAt: sls(11, 5, 14, 5),
      updatedAt: sls(11, 16, 10, 25),
      content: {
        title: "Open nano-CT benchmark of graphite-cathode attachment in black mass",
        summary:
          "We will image how graphite and cathode particles stick together in shredded battery black mass before and after flotation, and publish the 3D data so that recyclers and researchers can test flotation models against measured particle attachment.",
        scientificCase:
          "Froth flotation could separate graphite from cathode material in black mass before leaching, but recovery depends on how much graphite stays attached to cathode particles through residual PVDF binder, which bulk assays cannot see. Zernike phase-contrast nano-CT at 50 nm resolves graphite flakes, binder bridges and cathode secondary particles in 3D. We will image NMC and LFP black mass before and after a standard flotation test, quantify attachment and binder coverage per particle, and publish the tomograms and segmentations as the first open benchmark for black-mass flotation models, linked to the Black-mass flotation demonstrator.",
        techniques: ["NANO_CT"],
        shiftsRequested: 6,
        shiftJustification:
          "Eight laser-cut pillars (NMC and LFP feeds, before and after flotation, in duplicate), one 50 nm phase-contrast tomogram each of about 2.5 hours with mosaics and references: 20 hours, plus 4 hours of alignment and a resolution test: 6 shifts.",
        dateWindows: [window("2027-02-15", "2027-05-28")],
        team: [
          { name: "Sofia Bergqvist", email: "sofia.bergqvist@lindqvist-cell.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Anders Holm", email: "anders.holm@lindqvist-cell.example", role: "CO_INVESTIGATOR" },
          { name: "Elin Nyström", email: "elin.nystrom@lindqvist-cell.example", role: "DATA_ANALYST" },
        ],
        samples: [
          {
            name: "NMC and LFP black mass before and after flotation",
            materialClass: "BLACK_MASS",
            count: 8,
            hazardSummary:
              "Fine powder with nickel and cobalt oxides (carcinogenic if inhaled) and traces of electrolyte. Supplied as epoxy-embedded laser-cut pillars inside sealed Kapton capillaries, loaded in a glovebox.",
          },
        ],
        dataPolicyAccepted: true,
      },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(11, 12, 9, 35),
          outcome: "FEASIBLE",
          comments: "A 50 µm field of view at 50 nm covers several 10 to 30 µm cathode particles per pillar; 6 shifts is realistic with mosaics.",
          shifts: 6,
          sampleEnvironment: "Pillars on pin mounts, ambient air.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(11, 16, 10, 25),
          outcome: "CLEARED",
          comments: "Cleared as long as no open powder reaches the beamline.",
          hazards: ["NANOPARTICLES"],
          riskLevel: "ELEVATED",
          conditions:
            "Samples arrive embedded in epoxy and sealed in capillaries; no open powder at the beamline. A broken capillary is handled only in the S16 glovebox, with FFP3 masks, and disposed of as hazardous waste.",
        },
      ],
    },

    // ---- SME route at the lab-CT centre, awaiting the industrial office's decision
    {
      id: "demo-request-brinewell-sorbent-ageing",
      facility: "ECI",
      route: "SME_INDUSTRIAL",
      organisation: names.dleSorbents,
      createdBy: "priya.natarajan@brinewell-sorbents.example",
      state: "AWAITING_DECISION",
      endstations: ["XM2"],
      createdAt: eci(11, 16, 9, 30),
      submittedAt: eci(11, 19, 11, 10),
      updatedAt: eci(11, 25, 15, 20),
      content: {
        title: "Sorbent bead ageing after 2,000 load-elute cycles in geothermal brine",
        summary:
          "We want to measure in 3D how our lithium-selective sorbent beads crack, lose manganese-rich material and collect silica after 2,000 cycles in Cornish geothermal brine, to decide which bead recipe goes to the field pilot.",
        scientificCase:
          "Lithium manganese oxide and layered double hydroxide sorbents lose capacity over repeated load-elute cycles through manganese dissolution, attrition and silica fouling. Bench tests show three recipes losing 8 to 20% capacity after 2,000 cycles, but not why. Sub-micron X-ray microscopy of whole beads, fresh and cycled, will measure internal cracking, porosity change and the thickness of the silica rim, so that capacity loss can be attributed to a mechanism and the most durable recipe chosen for the pilot column.",
        techniques: ["LAB_CT"],
        shiftsRequested: 6,
        shiftJustification:
          "XM2 books 4-hour blocks. Twelve beads (three recipes, fresh and cycled, in duplicate) at 0.5 µm voxels take about 1.5 hours each with references, 18 hours, plus one block to repeat the most damaged recipe at higher resolution: 6 blocks.",
        dateWindows: [window("2027-01-11", "2027-02-26")],
        team: [
          { name: "Priya Natarajan", email: "priya.natarajan@brinewell-sorbents.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Tomasz Wójcik", email: "tomasz.wojcik@brinewell-sorbents.example", role: "EXPERIMENTER" },
          { name: "Hannah Pascoe", email: "hannah.pascoe@brinewell-sorbents.example", role: "SAMPLE_CONTACT" },
        ],
        samples: [
          {
            name: "Lithium manganese oxide beads, fresh and after 2,000 cycles",
            materialClass: "SORBENT_MEMBRANE",
            count: 8,
            hazardSummary: "Rinsed beads that may still carry traces of the 0.1 M hydrochloric acid eluent; shipped damp in sealed vials.",
          },
          {
            name: "Layered double hydroxide beads after 2,000 cycles",
            materialClass: "SORBENT_MEMBRANE",
            count: 4,
            hazardSummary: "Traces of brine and dilute acid; shipped damp in sealed vials.",
          },
        ],
        companyDescription:
          "Brinewell Sorbents Ltd is a 22-person company in Cornwall making lithium-selective sorbents (lithium manganese oxide and layered double hydroxide beads) for direct lithium extraction from geothermal and oilfield brines.",
        expectedBenefit:
          "The field pilot will run one bead recipe for at least 12 months. Choosing the recipe that keeps its structure avoids a sorbent change-out worth about GBP 300,000 and shortens the route to a commercial DLE plant.",
        dataPolicyAccepted: true,
      },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.katrin,
          at: eci(11, 23, 10, 45),
          outcome: "FEASIBLE",
          comments: "0.5 µm voxels on 1 mm beads are well within XM2's range, and 6 blocks fits twelve beads with a repeat. Overnight blocks suit these scans.",
          shifts: 6,
          sampleEnvironment: "Beads in sealed polyimide tubes with a drop of deionised water, so that they do not crack while drying.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.katrin,
          at: eci(11, 25, 15, 20),
          outcome: "CLEARED",
          comments: "Residual acid is a small quantity, but the vials are opened on site.",
          hazards: ["CORROSIVE"],
          riskLevel: "ELEVATED",
          conditions:
            "Vials are opened only in the fume cupboard, with nitrile gloves and eye protection. Beads are rinsed to pH 5 or above before mounting, and acid-contaminated wipes go to the acid waste stream.",
        },
      ],
    },

    // ---- SME route, just submitted
    {
      id: "demo-request-cassiter-tailings-cores",
      facility: "SLS",
      route: "SME_INDUSTRIAL",
      organisation: names.tailingsReprocessor,
      createdBy: "kerenza.trewin@cassiter-tailings.example",
      state: "SUBMITTED",
      endstations: ["S07"],
      createdAt: sls(11, 12, 10, 0),
      submittedAt: sls(11, 20, 15, 30),
      updatedAt: sls(11, 20, 15, 30),
      content: {
        title: "Locked cassiterite fines in historic tailings: micro-CT of dam cores",
        summary:
          "We want to know how much of the fine tin oxide left in three historic Cornish tailings dams is free and how much is still locked in quartz and tourmaline, to decide which dam to re-mine first.",
        scientificCase:
          "Historic tin-tungsten tailings in Cornwall still hold 0.2 to 0.4% tin, mostly as cassiterite finer than 75 µm. Whether it can be recovered by gravity and flotation depends on how much is liberated and how much is locked in quartz and tourmaline, which differs between dams and with depth. Micro-CT of resin-impregnated core plugs from three dams, at 1.3 µm pixels, resolves cassiterite grains down to about 5 µm and measures liberation and locking in 3D, with the original layering preserved. Composite columns scanned in pink beam give the grade of each dam for comparison with assays.",
        techniques: ["MICRO_CT"],
        shiftsRequested: 6,
        shiftJustification:
          "Eighteen 8 mm core plugs (six per dam) at 1.3 µm pixels, each a 3-tile vertical stitch of about 1 hour with flats and darks: 18 hours; plus 6 hours of pink-beam scans of four composite columns: 6 shifts.",
        dateWindows: [
          window("2027-02-01", "2027-03-19"),
          window("2027-04-12", "2027-05-21"),
        ],
        unavailableDates: [t.plannedDate("2027-02-22"), t.plannedDate("2027-02-23")],
        team: [
          { name: "Kerenza Trewin", email: "kerenza.trewin@cassiter-tailings.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Jory Penhaligon", email: "jory.penhaligon@cassiter-tailings.example", role: "CO_INVESTIGATOR" },
          { name: "Dr Morwenna Hocking", email: "morwenna.hocking@cassiter-tailings.example", role: "DATA_ANALYST" },
        ],
        samples: [
          {
            name: "Tailings core plugs from the Tregonning, Carn Dhu and Polglaze dams",
            materialClass: "TAILINGS",
            count: 18,
            hazardSummary: "Tailings contain arsenopyrite and scorodite (arsenic). Plugs are dried and resin-impregnated, so there is no loose dust. Natural radioactivity below 0.2 Bq/g.",
          },
          {
            name: "Composite tailings columns",
            materialClass: "TAILINGS",
            count: 4,
            hazardSummary: "Dry tailings sand in sealed Kapton tubes; arsenic-bearing dust if a tube breaks.",
          },
        ],
        companyDescription:
          "Cassiter Tailings Recovery Ltd (38 staff) reprocesses historic tin-tungsten tailings dams in Cornwall, recovering fine cassiterite and wolframite by gravity and flotation.",
        expectedBenefit:
          "Re-mining a dam costs GBP 2 to 4 million in permits and plant. Measuring locked and free cassiterite in 3D shows which of the three dams can reach 60% tin recovery, and avoids committing to one that cannot.",
        dataPolicyAccepted: true,
      },
      reviews: [],
    },

    // ---- proprietary, feasibility review started, no review yet
    {
      id: "demo-request-lindqvist-binder-residues",
      facility: "SLS",
      route: "PROPRIETARY_INDUSTRIAL",
      organisation: names.blackMassRecycler,
      createdBy: "sofia.bergqvist@lindqvist-cell.example",
      state: "FEASIBILITY_REVIEW",
      endstations: ["S16", "S11"],
      createdAt: sls(11, 18, 13, 20),
      submittedAt: sls(11, 23, 8, 50),
      updatedAt: sls(11, 24, 9, 10),
      content: {
        title: "Binder residues and cathode cracking in our new flotation concentrate",
        summary:
          "We want to see whether our new flotation step leaves binder on cathode particles and cracks them, and where nickel, cobalt and manganese end up, before we license the process to a refiner.",
        scientificCase:
          "Our pilot flotation step separates graphite from NMC 811 cathode material, but the refiner licensing it needs evidence that the concentrate leaches as well as untreated black mass. Two risks are PVDF binder left on the cathode particles, which slows leaching, and cracking of secondary particles in the conditioning stage, which changes the acid demand. Nano-CT on S16 will measure binder coverage and cracking per particle in feed and concentrate; XRF-CT on S11 will map nickel, cobalt and manganese to show whether any cathode material reports to the graphite froth.",
        techniques: ["NANO_CT", "XRF_CT"],
        shiftsRequested: 4,
        shiftJustification:
          "Nano-CT on S16: four pillars (feed and concentrate at two reagent doses) at 50 nm, about 3.5 hours each with alignment: 2 shifts. XRF-CT on S11: four sub-samples at a 1 µm step, about 3.5 hours each with standards: 2 shifts.",
        dateWindows: [window("2027-03-01", "2027-04-30")],
        team: [
          { name: "Sofia Bergqvist", email: "sofia.bergqvist@lindqvist-cell.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Erik Lundgren", email: "erik.lundgren@lindqvist-cell.example", role: "EXPERIMENTER" },
        ],
        samples: [
          {
            name: "NMC 811 black mass: flotation feed and concentrate",
            materialClass: "BLACK_MASS",
            count: 4,
            hazardSummary: "Nickel and cobalt oxide powder (carcinogenic if inhaled) with PVDF binder; supplied as epoxy-embedded laser-cut pillars, no loose powder.",
          },
        ],
        companyDescription:
          "Lindqvist Cell Recovery AB (160 staff, Västerås) shreds end-of-life lithium-ion cells and production scrap into black mass for hydrometallurgical refiners.",
        expectedBenefit:
          "Removing graphite before leaching would cut our refiner customers' acid consumption by about 15%. The images decide whether the flotation step is ready to license, and at what price.",
        dataPolicyAccepted: true,
      },
      reviews: [],
    },

    // ---- SME route at the synchrotron, awaiting the industrial office (the billing journey approves, runs, invoices and pays it)
    {
      id: "demo-request-okement-spodumene-liberation",
      facility: "SLS",
      route: "SME_INDUSTRIAL",
      organisation: names.lithiumExplorer,
      createdBy: "amara.okafor@okement-lithium.example",
      state: "AWAITING_DECISION",
      endstations: ["S07"],
      createdAt: sls(11, 17, 9, 0),
      submittedAt: sls(11, 20, 16, 40),
      updatedAt: sls(11, 26, 11, 5),
      content: {
        title: "Petalite and lepidolite liberation in Dartmoor aplite drill core",
        summary:
          "We want to measure in 3D how petalite and lepidolite grains are locked in quartz and feldspar in four aplite drill-core intervals, to choose the grind size for the pilot flotation circuit.",
        scientificCase:
          "Two-dimensional sections overstate liberation of lithium minerals in fine-grained aplite because they cut through locked grains. Micro-CT of 8 mm cores at 3 µm voxels separates petalite, lepidolite, quartz and feldspar by attenuation and phase contrast, and gives 3D liberation spectra per interval. Comparing them with QEMSCAN sections on the same cores calibrates the 2D method the pilot plant will use for routine control.",
        techniques: ["MICRO_CT"],
        shiftsRequested: 6,
        shiftJustification:
          "Sixteen cores (four intervals, four cores each) at 3 µm voxels take about 2 hours each with references and sample changes: 32 hours, plus one shift for a phase-contrast repeat of the two finest intervals: 6 shifts.",
        dateWindows: [window("2027-02-01", "2027-03-31")],
        team: [
          { name: "Amara Okafor", email: "amara.okafor@okement-lithium.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Ben Carthew", email: "ben.carthew@okement-lithium.example", role: "EXPERIMENTER" },
        ],
        samples: [
          { name: "Aplite drill-core cylinders, 8 mm, four intervals", materialClass: "ORE", count: 16, hazardSummary: "None known: dry rock cores in labelled tubes." },
        ],
        companyDescription:
          "Okement Lithium Exploration Ltd is an 18-person junior explorer drilling a lithium aplite and pegmatite field on the northern edge of Dartmoor.",
        expectedBenefit:
          "The grind size sets the mill's power draw and the pilot circuit's recovery. Getting it right from 3D data avoids an over-grind costing about GBP 1.2 million a year at pilot scale.",
        dataPolicyAccepted: true,
      },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(11, 24, 10, 15),
          outcome: "FEASIBLE",
          comments: "3 µm voxels on 8 mm cores is routine on S07; 6 shifts covers sixteen cores and the phase-contrast repeat.",
          shifts: 6,
          sampleEnvironment: "Cores in Kapton tubes on the standard goniometer base; the automatic sample changer takes eight at a time.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(11, 26, 11, 5),
          outcome: "CLEARED",
          comments: "Dry silicate rock with no declared hazards.",
          hazards: [],
          riskLevel: "LOW",
          conditions: "None beyond the standard sample-handling rules.",
        },
      ],
    },
  ];
}

/**
 * The approved requests whose beamtime is here (./runs.ts): Cassiter's pilot
 * ran about three weeks before today; Okement's OK-17 booking started just
 * before seeding. Unlike demoRequests, their date windows are around today
 * (moved by whole weeks, like their submission), so the run lies inside
 * them: valid on the day each was submitted, partly past on the seeding day.
 */
export function demoRunRequests(t: DemoTimeline): DemoRequestSeed[] {
  const sls = (month: number, day: number, hours: number, minutes: number) => t.aroundToday("Europe/London", month, day, hours, minutes);
  /** A day around today as drawn in 2026, "yyyy-mm-dd" in Europe/London. */
  const slsDay = (month: number, day: number) => format(sls(month, day, 12, 0), "yyyy-MM-dd", { in: tz("Europe/London") });
  const cassiterPilotNote = "Approved for 3 shifts on S07 at the SME rate. The beamline will offer dates in your late-October to November window; send both plugs to the user office in their sealed tubes.";
  const okementRunNote = "Approved for 2 shifts on S07 at the SME rate. The beamline will book them in your window from late November, after the cores arrive.";
  return [
    // ---- SME route, approved ten weeks ago: the pilot has run (./runs.ts)
    {
      id: "demo-request-cassiter-dam-cores-pilot",
      facility: "SLS",
      route: "SME_INDUSTRIAL",
      organisation: names.tailingsReprocessor,
      createdBy: "kerenza.trewin@cassiter-tailings.example",
      state: "APPROVED",
      endstations: ["S07"],
      createdAt: sls(9, 14, 10, 20),
      submittedAt: sls(9, 18, 11, 20),
      updatedAt: sls(10, 2, 14, 30),
      content: {
        title: "Pilot: cassiterite liberation in two Carn Dhu tailings-dam cores",
        summary:
          "Before surveying three tailings dams, we want to scan two cores from one of them, the Carn Dhu dam, to see whether micro-CT resolves the fine tin oxide (cassiterite) and tells free grains from grains still locked in quartz and tourmaline.",
        scientificCase:
          "The Carn Dhu dam holds about 1.1 million tonnes of tin-tungsten tailings from a 1970s gravity plant, at 0.3% tin by assay. Our bench shaking-table tests recover only 35% of that tin, and we do not know whether the rest is too fine to recover, locked in quartz and tourmaline composites, or both. Two resin-impregnated plugs from one vibrocore, one from the sandy layer near the crest (0.6 to 0.9 m) and one from the slimes below (1.8 to 2.1 m), imaged at 0.65 µm pixels with monochromatic 25 keV X-rays, should separate cassiterite (density 6.9) and wolframite (7.3) from quartz and tourmaline down to grains of about 3 µm. The reference ore analysis then gives modal mineralogy, particle counts and a 3D liberation spectrum per plug, which we compare with QEMSCAN on sections of the same plugs. If the phases separate cleanly, the method goes into a full request covering all three dams.",
        techniques: ["MICRO_CT"],
        shiftsRequested: 3,
        shiftJustification:
          "One shift for alignment, a resolution test and an energy scan to choose the contrast; one shift for the two plugs at 0.65 µm, each a region-of-interest tomogram of 1801 projections over 180° with flats and darks; one shift for repeats and pink-beam overviews of the rest of the core: 3 shifts.",
        dateWindows: [{ from: slsDay(10, 26), to: slsDay(11, 20) }],
        team: [
          { name: "Kerenza Trewin", email: "kerenza.trewin@cassiter-tailings.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Jory Penhaligon", email: "jory.penhaligon@cassiter-tailings.example", role: "CO_INVESTIGATOR" },
          { name: "Dr Morwenna Hocking", email: "morwenna.hocking@cassiter-tailings.example", role: "DATA_ANALYST" },
        ],
        samples: [
          {
            name: "Carn Dhu dam vibrocore plugs, 8 mm, resin-impregnated",
            materialClass: "TAILINGS",
            count: 2,
            hazardSummary: "Tailings contain arsenopyrite and scorodite (arsenic). The plugs are dried and impregnated in epoxy, so there is no loose dust.",
          },
        ],
        companyDescription:
          "Cassiter Tailings Recovery Ltd (38 staff) reprocesses historic tin-tungsten tailings dams in Cornwall, recovering fine cassiterite and wolframite by gravity and flotation.",
        expectedBenefit:
          "Three shifts tell us whether micro-CT can rank the dams by recoverable tin before we pay for a full survey, and before committing GBP 2 to 4 million in permits and plant to re-mining a dam that cannot reach 60% recovery.",
        dataPolicyAccepted: true,
      },
      decision: { allocatedShifts: 3, decidedAt: sls(10, 2, 14, 30), note: cassiterPilotNote },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(9, 23, 10, 40),
          outcome: "FEASIBLE",
          comments:
            "Cassiterite and wolframite against quartz and tourmaline is a strong contrast at 25 keV. At 0.65 µm the field of view is 1.7 mm, so each 8 mm plug gets a region-of-interest tomogram of its centre. 3 shifts is right for a pilot.",
          shifts: 3,
          sampleEnvironment: "Plugs glued to brass pins on the standard rotation stage; no in situ cell.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(9, 28, 14, 5),
          outcome: "CLEARED",
          comments: "The arsenic minerals are bound in epoxy-impregnated plugs: no loose material reaches the beamline.",
          hazards: ["TOXIC"],
          riskLevel: "LOW",
          conditions: "Plugs stay in their sealed tubes until mounting and are handled with nitrile gloves; no cutting or grinding on site. Both go back to the user after the run.",
        },
        { kind: "DECISION", reviewer: staff.rachel, at: sls(10, 2, 14, 30), outcome: "APPROVED", comments: cassiterPilotNote, shifts: 3 },
      ],
    },

    // ---- SME route, approved three weeks ago: its booking starts just before seeding (./runs.ts), the run due to open
    {
      id: "demo-request-okement-spodumene-run",
      facility: "SLS",
      route: "SME_INDUSTRIAL",
      organisation: names.lithiumExplorer,
      createdBy: "amara.okafor@okement-lithium.example",
      state: "APPROVED",
      endstations: ["S07"],
      createdAt: sls(10, 19, 9, 30),
      submittedAt: sls(10, 21, 14, 10),
      updatedAt: sls(11, 6, 11, 40),
      content: {
        title: "Spodumene liberation in OK-17 pegmatite core before a dense-media separation test",
        summary:
          "We want to see in 3D how spodumene is intergrown with quartz and feldspar in two intervals of drill hole OK-17, to choose the crush size for a dense-media separation test on the same pegmatite.",
        scientificCase:
          "Drill hole OK-17 cut a 14 m spodumene-bearing pegmatite sheet between 38 and 52 m, assaying 1.4% Li2O. Dense-media separation (DMS) makes a spodumene concentrate only if spodumene is liberated at a coarse crush (6.3 to 0.5 mm), and its yield falls with every grain locked in quartz or feldspar. Spodumene (density 3.15) differs little from quartz (2.65) and feldspar (2.56) in attenuation, so we will image two 8 mm cores, from the upper and lower parts of the sheet, at 25 keV with propagation-based phase contrast, segment spodumene, quartz-feldspar and mica, and measure grain sizes and the 3D liberation spectrum. This fixes the crush size and predicts the DMS yield before the 500 kg bulk test.",
        techniques: ["MICRO_CT"],
        shiftsRequested: 2,
        shiftJustification:
          "Two 8 mm cores, each a 1.3 µm overview and a 0.65 µm region-of-interest tomogram with flats and darks (about 2.5 hours per core), plus propagation-distance tests and alignment: 2 shifts.",
        dateWindows: [{ from: slsDay(11, 23), to: slsDay(12, 18) }],
        team: [
          { name: "Amara Okafor", email: "amara.okafor@okement-lithium.example", role: "PRINCIPAL_INVESTIGATOR" },
          { name: "Ben Carthew", email: "ben.carthew@okement-lithium.example", role: "EXPERIMENTER" },
        ],
        samples: [{ name: "OK-17 spodumene pegmatite cores, 8 mm", materialClass: "ORE", count: 2, hazardSummary: "None known: dry silicate rock cores in labelled tubes." }],
        companyDescription:
          "Okement Lithium Exploration Ltd is a junior explorer drilling lithium-bearing aplite and pegmatite sheets on the northern edge of Dartmoor, Devon.",
        expectedBenefit:
          "The DMS bulk test costs about GBP 80,000 and its crush size must be chosen beforehand. Measuring spodumene liberation first avoids a second bulk test and shows whether DMS alone can reach a 5.5% Li2O concentrate.",
        dataPolicyAccepted: true,
      },
      decision: { allocatedShifts: 2, decidedAt: sls(11, 6, 11, 40), note: okementRunNote },
      reviews: [
        {
          kind: "FEASIBILITY",
          reviewer: staff.owain,
          at: sls(10, 28, 15, 20),
          outcome: "FEASIBLE",
          comments: "Phase contrast at 25 keV with a 150 mm propagation distance separates spodumene from quartz in 8 mm cores; 2 shifts covers two cores and the distance tests.",
          shifts: 2,
          sampleEnvironment: "Cores in Kapton tubes on the standard goniometer base.",
        },
        {
          kind: "SAFETY",
          reviewer: staff.megan,
          at: sls(10, 30, 10, 5),
          outcome: "CLEARED",
          comments: "Dry silicate rock with no declared hazards.",
          hazards: [],
          riskLevel: "LOW",
          conditions: "None beyond the standard sample-handling rules.",
        },
        { kind: "DECISION", reviewer: staff.rachel, at: sls(11, 6, 11, 40), outcome: "APPROVED", comments: okementRunNote, shifts: 2 },
      ],
    },

  ];
}

/** Every demo request: those waiting at some stage and those whose beamtime has come. */
export function allDemoRequests(t: DemoTimeline): DemoRequestSeed[] {
  return [...demoRequests(t), ...demoRunRequests(t)];
}

// ---------------------------------------------------------------- seeding

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo world: unknown ${what} "${String(key)}"`);
  return value;
}

/** Routes, calls, panel seats and demo requests. Runs inside seedDemoWorld's transaction, after the facilities and users. */
export async function seedAccess(tx: Tx, t: DemoTimeline, orgIds: Map<string, string>, userIds: Map<string, string>, log: (msg: string) => void = () => {}): Promise<void> {
  const facilities = await tx.facility.findMany({
    where: { code: { in: ["SLS", "ECI"] } },
    include: { endstations: { select: { id: true, code: true, active: true } }, cycles: { select: { id: true, name: true } } },
  });
  const facilityByCode = new Map(facilities.map((f) => [f.code, f]));

  // Routes and calls.
  const routeIds = new Map<string, { id: string; kind: AccessRouteKind; maxShifts: number | null; decisionTargetDays: number }>();
  const callIds = new Map<string, string>();
  for (const facility of facilities) {
    for (const { kind, ...route } of demoAccessRoutes(facility.name)) {
      const row = await tx.accessRoute.upsert({
        where: { facilityId_kind: { facilityId: facility.id, kind } },
        create: { facilityId: facility.id, kind, ...route },
        update: route,
        select: { id: true, kind: true, maxShifts: true, decisionTargetDays: true },
      });
      routeIds.set(`${facility.code} ${kind}`, row);
    }
    const openRoute = required(routeIds, `${facility.code} NON_PROPRIETARY`, "route");
    const cycleIds = new Map(facility.cycles.map((c) => [c.name, c.id]));
    for (const { cycle, ...call } of demoCalls(t, facility.name, facility.timeZone)) {
      const cycleId = required(cycleIds, cycle, "cycle");
      const row = await tx.call.upsert({
        where: { cycleId_routeId: { cycleId, routeId: openRoute.id } },
        create: { facilityId: facility.id, cycleId, routeId: openRoute.id, ...call },
        update: call,
        select: { id: true },
      });
      callIds.set(`${facility.code} ${cycle}`, row.id);
    }
  }
  log(`Access routes: ${routeIds.size}, calls: ${callIds.size}`);

  // The review panel.
  const panel = demoPanel(t);
  const panelFacility = required(facilityByCode, panel.facility, "facility");
  const panelCycleId = required(new Map(panelFacility.cycles.map((c) => [c.name, c.id])), panel.cycle, "cycle");
  for (const seat of panel.seats) {
    const userId = required(userIds, seat.email, "account");
    await tx.panelMember.upsert({
      where: { cycleId_userId: { cycleId: panelCycleId, userId } },
      create: { facilityId: panelFacility.id, cycleId: panelCycleId, userId, isChair: seat.isChair },
      update: { facilityId: panelFacility.id, isChair: seat.isChair },
    });
  }
  log(`Review panel: ${panelFacility.name} ${panel.cycle}, ${panel.seats.length} seats`);

  // The requests, in order of submission so their references are in that order too.
  const seeds = allDemoRequests(t).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const existing = new Set((await tx.accessRequest.findMany({ where: { id: { in: seeds.map((s) => s.id) } }, select: { id: true } })).map((r) => r.id));
  let created = 0;
  for (const seed of seeds) {
    if (existing.has(seed.id)) continue;
    await createDemoRequest(tx, seed, {
      facility: required(facilityByCode, seed.facility, "facility"),
      route: required(routeIds, `${seed.facility} ${seed.route}`, "route"),
      callId: seed.call ? required(callIds, `${seed.facility} ${seed.call}`, "call") : null,
      organisationId: required(orgIds, seed.organisation, "organisation"),
      userIds,
    });
    created++;
  }
  log(`Demo requests: ${seeds.length} (${created} created now)`);
}

async function createDemoRequest(
  tx: Tx,
  seed: DemoRequestSeed,
  refs: {
    facility: { id: string; name: string; timeZone: string; endstations: { id: string; code: string; active: boolean }[] };
    route: { id: string; kind: AccessRouteKind; maxShifts: number | null; decisionTargetDays: number };
    callId: string | null;
    organisationId: string;
    userIds: Map<string, string>;
  },
): Promise<void> {
  const { facility, route, userIds } = refs;
  const creator = demoAccounts.find((a) => a.email === seed.createdBy);
  if (!creator || creator.organisation !== seed.organisation || creator.role !== "APPLICANT") {
    throw new Error(`Demo world: ${seed.id} must be created by an applicant of ${seed.organisation}`);
  }
  const endstationIds = new Map(facility.endstations.map((e) => [e.code, e.id]));
  // Checked exactly as submitRequest checks it, on the day it was submitted.
  const content = submissionSchema({
    routeKind: route.kind,
    maxShifts: route.maxShifts,
    today: format(seed.submittedAt, "yyyy-MM-dd", { in: tz(facility.timeZone) }),
    endstationIds: facility.endstations.filter((e) => e.active).map((e) => e.id),
  }).parse({ ...seed.content, endstationIds: seed.endstations.map((code) => required(endstationIds, code, `endstation of ${facility.name}`)) });
  const frozen = content as unknown as Prisma.InputJsonValue;
  const createdById = required(userIds, seed.createdBy, "account");
  const reference = await nextReference(tx, seed.submittedAt);

  const request = await tx.accessRequest.create({
    data: {
      id: seed.id,
      reference,
      facilityId: facility.id,
      routeId: route.id,
      callId: refs.callId,
      organisationId: refs.organisationId,
      createdById,
      state: seed.state,
      version: 1,
      content: frozen,
      title: content.title,
      shiftsRequested: content.shiftsRequested,
      allocatedShifts: seed.decision?.allocatedShifts ?? null,
      decisionNote: seed.decision?.note ?? null,
      submittedAt: seed.submittedAt,
      firstSubmittedAt: seed.submittedAt,
      decisionDueAt: new Date(seed.submittedAt.getTime() + route.decisionTargetDays * 86_400_000),
      decidedAt: seed.decision?.decidedAt ?? null,
      createdAt: seed.createdAt,
      updatedAt: seed.updatedAt,
    },
    select: { id: true },
  });
  await tx.accessRequestVersion.create({ data: { requestId: request.id, version: 1, content: frozen, submittedAt: seed.submittedAt, submittedById: createdById } });
  await tx.accessRequestEndstation.createMany({ data: content.endstationIds.map((endstationId) => ({ requestId: request.id, endstationId })) });
  for (const review of seed.reviews) {
    await tx.review.create({
      data: {
        requestId: request.id,
        kind: review.kind,
        reviewerId: required(userIds, review.reviewer, "account"),
        version: 1,
        outcome: review.outcome,
        comments: review.comments,
        shifts: review.shifts ?? null,
        sampleEnvironment: review.sampleEnvironment ?? null,
        hazards: review.hazards ?? [],
        riskLevel: review.riskLevel ?? null,
        conditions: review.conditions ?? null,
        grade: review.kind === "PANEL" ? (review.grade ?? null) : null,
        createdAt: review.at,
        updatedAt: review.at,
      },
    });
  }
}
