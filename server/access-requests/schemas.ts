import { z } from "zod";
import { isoDate } from "../validation/iso-date";
import type { AccessRouteKind } from "../generated/prisma/enums";

export const techniques = ["MICRO_CT", "NANO_CT", "XRF_CT", "XANES_CT", "XRD_CT", "LAB_CT"] as const;
export const materialClasses = ["ORE", "TAILINGS", "BRINE", "BLACK_MASS", "SORBENT_MEMBRANE", "OTHER"] as const;
export const teamRoles = ["PRINCIPAL_INVESTIGATOR", "CO_INVESTIGATOR", "EXPERIMENTER", "DATA_ANALYST", "SAMPLE_CONTACT"] as const;

export const techniqueLabels: Record<(typeof techniques)[number], string> = {
  MICRO_CT: "Micro-CT",
  NANO_CT: "Nano-CT",
  XRF_CT: "XRF-CT",
  XANES_CT: "XANES-CT",
  XRD_CT: "XRD-CT",
  LAB_CT: "Lab CT",
};

export const materialClassLabels: Record<(typeof materialClasses)[number], string> = {
  ORE: "Ore or drill core",
  TAILINGS: "Tailings",
  BRINE: "Brine",
  BLACK_MASS: "Battery black mass",
  SORBENT_MEMBRANE: "Sorbent or membrane",
  OTHER: "Other",
};
export const teamRoleLabels: Record<(typeof teamRoles)[number], string> = {
  PRINCIPAL_INVESTIGATOR: "Principal investigator",
  CO_INVESTIGATOR: "Co-investigator",
  EXPERIMENTER: "On-site experimenter",
  DATA_ANALYST: "Data analyst",
  SAMPLE_CONTACT: "Sample contact",
};

/** Absolute bounds on a request; a route may lower the maximum (rapid access). */
export const shiftBounds = { min: 1, max: 60 } as const;


/** What the applicant writes. Everything is optional in a draft; `submissionSchema` says what a submission needs. */
export const requestContentSchema = z.object({
  title: z.string().trim().max(200, "Use at most 200 characters.").default(""),
  summary: z.string().trim().max(1500, "Use at most 1,500 characters.").default(""),
  scientificCase: z.string().trim().max(10_000, "Use at most 10,000 characters.").default(""),
  techniques: z.array(z.enum(techniques)).max(6).default([]),
  endstationIds: z.array(z.string().min(1)).max(10).default([]),
  shiftsRequested: z.number({ error: "Enter the number of shifts." }).int("Enter a whole number of shifts.").min(0, "Request at least 1 shift.").max(1000, "Request at most 60 shifts; larger programmes need a block allocation.").nullable().default(null),
  shiftJustification: z.string().trim().max(3000, "Use at most 3,000 characters.").default(""),
  dateWindows: z.array(z.object({ from: isoDate, to: isoDate })).max(10).default([]),
  unavailableDates: z.array(isoDate).max(60).default([]),
  team: z
    .array(z.object({ name: z.string().trim().max(120).default(""), email: z.string().trim().toLowerCase().max(200).default(""), role: z.enum(teamRoles).default("CO_INVESTIGATOR") }))
    .max(20)
    .default([]),
  samples: z
    .array(
      z.object({
        name: z.string().trim().max(120).default(""),
        materialClass: z.enum(materialClasses).default("ORE"),
        count: z.number().int().nullable().default(null),
        hazardSummary: z.string().trim().max(1000).default(""),
      }),
    )
    .max(30)
    .default([]),
  companyDescription: z.string().trim().max(3000, "Use at most 3,000 characters.").default(""),
  expectedBenefit: z.string().trim().max(3000, "Use at most 3,000 characters.").default(""),
  demonstratorId: z.string().nullable().default(null),
  dataPolicyAccepted: z.boolean().default(false),
});
export type RequestContent = z.output<typeof requestContentSchema>;
export type RequestContentInput = z.input<typeof requestContentSchema>;

export interface SubmissionContext {
  routeKind: AccessRouteKind;
  /** The route's cap (rapid access), if any. */
  maxShifts: number | null;
  /** Today in the facility's time zone, YYYY-MM-DD: windows must start after it. */
  today: string;
  /** Endstations of the request's facility, to check the choice. */
  endstationIds: readonly string[];
}

const industrial = (kind: AccessRouteKind) => kind === "PROPRIETARY_INDUSTRIAL" || kind === "SME_INDUSTRIAL" || kind === "RAPID";

/**
 * What a complete request must satisfy. The form resolves with this same
 * schema before submitting, and the server parses with it again.
 */
export function submissionSchema(context: SubmissionContext) {
  const maxShifts = Math.min(shiftBounds.max, context.maxShifts ?? shiftBounds.max);
  return requestContentSchema.superRefine((c, ctx) => {
    const need = (ok: boolean, path: (string | number)[], message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path, message });
    };
    need(c.title.length >= 10, ["title"], "Give the request a title of at least 10 characters.");
    need(c.summary.length >= 50, ["summary"], "Write a plain-language summary of at least 50 characters: what you want to learn and why.");
    need(c.scientificCase.length >= 100, ["scientificCase"], "Explain the scientific or industrial case in at least 100 characters.");
    need(c.techniques.length > 0, ["techniques"], "Choose at least one technique.");
    need(c.endstationIds.length > 0, ["endstationIds"], "Choose at least one endstation.");
    need(c.endstationIds.every((id) => context.endstationIds.includes(id)), ["endstationIds"], "Choose endstations of this facility.");
    if (c.shiftsRequested === null) need(false, ["shiftsRequested"], "Enter the number of shifts you need.");
    else {
      need(c.shiftsRequested >= shiftBounds.min, ["shiftsRequested"], "Request at least 1 shift.");
      need(
        c.shiftsRequested <= maxShifts,
        ["shiftsRequested"],
        context.maxShifts ? `This route allows at most ${maxShifts} shifts per request.` : `Request at most ${maxShifts} shifts; larger programmes need a block allocation.`,
      );
    }
    need(c.shiftJustification.length >= 30, ["shiftJustification"], "Justify the number of shifts (scans per sample, time per scan) in at least 30 characters.");
    need(c.dateWindows.length > 0, ["dateWindows"], "Give at least one window of dates when you could come.");
    c.dateWindows.forEach((w, i) => {
      need(w.from > context.today, ["dateWindows", i, "from"], "The window must start after today.");
      need(w.to >= w.from, ["dateWindows", i, "to"], "The window ends before it starts: swap the dates.");
    });
    c.unavailableDates.forEach((d, i) => need(d > context.today, ["unavailableDates", i], "Dates not possible must be in the future."));
    need(c.team.length > 0, ["team"], "Name at least one team member.");
    c.team.forEach((m, i) => {
      need(m.name.length >= 2, ["team", i, "name"], "Enter the team member's name.");
      need(z.string().email().safeParse(m.email).success, ["team", i, "email"], "Enter an email address like name@company.com.");
    });
    need(c.samples.length > 0, ["samples"], "Describe at least one planned sample.");
    c.samples.forEach((s, i) => {
      need(s.name.length >= 2, ["samples", i, "name"], "Name the sample.");
      need(s.count !== null && s.count >= 1 && s.count <= 500, ["samples", i, "count"], "Enter how many (1 to 500).");
      need(s.hazardSummary.length >= 3, ["samples", i, "hazardSummary"], "Summarise the hazards, or write “none known”.");
    });
    if (industrial(context.routeKind)) {
      need(c.companyDescription.length >= 30, ["companyDescription"], "Describe the company in at least 30 characters.");
      need(c.expectedBenefit.length >= 30, ["expectedBenefit"], "Describe the expected economic benefit in at least 30 characters.");
    }
    need(c.dataPolicyAccepted, ["dataPolicyAccepted"], "Accept the route's data policy to submit.");
  });
}

export const createDraftSchema = z.object({
  facilityId: z.string().min(1, "Choose a facility."),
  routeId: z.string().min(1, "Choose an access route."),
  organisationId: z.string().min(1, "Choose the organisation you are applying for."),
});
export type CreateDraftInput = z.input<typeof createDraftSchema>;

export const saveDraftSchema = z.object({ requestId: z.string().min(1), content: requestContentSchema });
export const requestIdSchema = z.object({ requestId: z.string().min(1) });
export const submitRequestSchema = z.object({ requestId: z.string().min(1), content: requestContentSchema });

export const feasibilityReviewSchema = z.object({
  requestId: z.string().min(1),
  outcome: z.enum(["FEASIBLE", "CHANGES_NEEDED", "NOT_FEASIBLE"], { error: "Choose an outcome." }),
  comments: z.string().trim().min(10, "Explain your assessment in at least 10 characters.").max(5000),
  shifts: z.number().int().min(1).max(shiftBounds.max).nullable().default(null),
  sampleEnvironment: z.string().trim().max(500).default(""),
});

export const hazardKinds = ["NORM", "TOXIC_LIXIVIANT", "CORROSIVE", "PRESSURISED_CELL", "NANOPARTICLES", "FLAMMABLE", "NONE"] as const;
export const hazardLabels: Record<(typeof hazardKinds)[number], string> = {
  NORM: "Radioactive (NORM)",
  TOXIC_LIXIVIANT: "Toxic lixiviant",
  CORROSIVE: "Corrosive",
  PRESSURISED_CELL: "Pressurised cell",
  NANOPARTICLES: "Nanoparticles",
  FLAMMABLE: "Flammable",
  NONE: "No hazard identified",
};
export const safetyReviewSchema = z.object({
  requestId: z.string().min(1),
  hazards: z.array(z.enum(hazardKinds)).min(1, "Tick the hazards found, or “No hazard identified”."),
  riskLevel: z.enum(["LOW", "ELEVATED", "HIGH"], { error: "Choose the risk level." }),
  conditions: z.string().trim().max(3000).default(""),
  cleared: z.boolean(),
  comments: z.string().trim().max(5000).default(""),
});

export const decisionSchema = z.object({
  requestId: z.string().min(1),
  approve: z.boolean(),
  shifts: z.number({ error: "Enter a number of shifts." }).int("Enter a whole number of shifts.").min(1, "Grant at least 1 shift.").max(shiftBounds.max, `Grant at most ${shiftBounds.max} shifts.`).nullable().default(null),
  note: z.string().trim().min(5, "Say briefly why.").max(3000, "Use at most 3,000 characters."),
});

export const gradeSchema = z.object({
  requestId: z.string().min(1),
  grade: z.number({ error: "Choose a grade." }).int().min(1, "Grades run from 1 to 5.").max(5, "Grades run from 1 to 5."),
  comments: z.string().trim().min(10, "Comment in at least 10 characters.").max(5000, "Use at most 5,000 characters."),
});

export const listRequestsSchema = z.object({
  state: z.string().optional(),
});
