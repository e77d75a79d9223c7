import { z } from "zod";
import { isoDate } from "../validation/iso-date";

export const hazardClasses = ["RADIOACTIVE", "TOXIC", "CORROSIVE", "FLAMMABLE", "PRESSURISED", "NANOMATERIAL"] as const;
export const hazardLabels: Record<(typeof hazardClasses)[number], string> = {
  RADIOACTIVE: "Radioactive (including NORM)",
  TOXIC: "Toxic",
  CORROSIVE: "Corrosive",
  FLAMMABLE: "Flammable",
  PRESSURISED: "Under pressure",
  NANOMATERIAL: "Nanomaterial",
};
export const afterwardsOptions = ["RETURN", "DISPOSE", "KEEP_FOR_FOLLOW_UP"] as const;
export const conditions = ["INTACT", "DAMAGED", "LEAKING"] as const;

const positive = (what: string) => z.number({ error: `Enter the ${what} as a number.` }).positive(`The ${what} must be more than zero.`).max(1e9, `The ${what} is implausibly large.`);

export const registerSampleSchema = z
  .object({
    requestId: z.string().min(1),
    name: z.string().trim().min(2, "Name the sample.").max(200),
    materialClass: z.enum(["ORE", "TAILINGS", "BRINE", "BLACK_MASS", "SORBENT_MEMBRANE", "OTHER"], { error: "Choose the kind of material." }),
    description: z.string().trim().max(2000).default(""),
    originSite: z.string().trim().min(2, "Say where it comes from: deposit, site or plant.").max(200),
    originLocation: z.string().trim().max(200).default(""),
    originDepthM: z.number({ error: "Enter the depth in metres." }).min(0, "Depth cannot be negative.").max(15_000).nullable(),
    collectedOn: isoDate.nullable(),
    parentId: z.string().min(1).nullable(),
    massGrams: positive("mass").nullable(),
    volumeMl: positive("volume").nullable(),
    dimensions: z.string().trim().max(200).default(""),
    igsn: z.string().trim().regex(/^(10\.\d{4,}\/)?[A-Z0-9]{5,}$/i, "An IGSN looks like IEXXX0001 (or 10.58052/IEXXX0001).").nullable(),
    hazards: z.array(z.enum(hazardClasses, { error: "Unknown hazard class." })).max(6),
    activityBq: z.number({ error: "Enter the activity in becquerels." }).positive("The activity must be more than zero.").max(1e12).nullable(),
    storageConditions: z.string().trim().max(500).default(""),
    afterwards: z.enum(afterwardsOptions, { error: "Say what happens to the sample afterwards." }),
    /** The safety data sheet, a PDF of at most 5 MB, base64-encoded. */
    sds: z.object({ fileName: z.string().trim().min(1).max(200), base64: z.string().max(7_000_000, "The safety data sheet is larger than 5 MB.") }).nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.massGrams === null && s.volumeMl === null) ctx.addIssue({ code: "custom", path: ["massGrams"], message: "Give the mass or the volume." });
    if (s.hazards.includes("RADIOACTIVE") && s.activityBq === null) ctx.addIssue({ code: "custom", path: ["activityBq"], message: "Radioactive samples need their activity in becquerels." });
    if (!s.hazards.includes("RADIOACTIVE") && s.activityBq !== null) ctx.addIssue({ code: "custom", path: ["activityBq"], message: "Only radioactive samples carry an activity; tick Radioactive or leave it empty." });
    if (new Set(s.hazards).size !== s.hazards.length) ctx.addIssue({ code: "custom", path: ["hazards"], message: "Each hazard once." });
  });
export type RegisterSampleInput = z.input<typeof registerSampleSchema>;

export const sampleSafetySchema = z
  .object({
    sampleId: z.string().min(1),
    approve: z.boolean(),
    riskLevel: z.enum(["LOW", "ELEVATED", "HIGH"], { error: "Choose the risk level." }),
    conditions: z.string().trim().max(1000),
  })
  .refine((d) => !d.approve || d.riskLevel === "LOW" || d.conditions.length >= 10, { path: ["conditions"], message: "Elevated and high-risk samples need their handling conditions (at least 10 characters)." })
  .refine((d) => d.approve || d.conditions.length >= 10, { path: ["conditions"], message: "Say why the sample cannot come (at least 10 characters)." });

export const createShipmentSchema = z
  .object({
    requestId: z.string().min(1),
    courier: z.string().trim().min(2, "Name the courier.").max(100),
    trackingNumber: z.string().trim().min(4, "Enter the tracking number.").max(60),
    declaredValueMinor: z.number({ error: "Enter the declared value as a number." }).int("Whole pence or cents.").min(0, "The declared value cannot be negative."),
    currency: z.enum(["GBP", "EUR"]),
    dangerousGoods: z.boolean(),
    unNumber: z.string().trim().regex(/^UN\d{4}$/, "A UN number looks like UN2910.").nullable(),
    expectedArrival: isoDate,
    containers: z.array(z.object({ label: z.string().trim().min(1, "Label the container.").max(60), sampleIds: z.array(z.string().min(1)).min(1, "Put at least one sample in each container.") })).min(1, "Add at least one container.").max(50),
  })
  .refine((s) => !s.dangerousGoods || s.unNumber !== null, { path: ["unNumber"], message: "Dangerous goods need their UN number." });
export type CreateShipmentInput = z.input<typeof createShipmentSchema>;

export const shipmentIdSchema = z.object({ shipmentId: z.string().min(1) });
export const requestIdSchema = z.object({ requestId: z.string().min(1) });

export const receiveSchema = z.object({
  code: z.string().trim().toUpperCase().min(3, "Scan or type the code on the label."),
  condition: z.enum(conditions, { error: "Record the condition." }),
  location: z.string().trim().min(2, "Say where it is stored (e.g. Store B, shelf 3).").max(100),
  note: z.string().trim().max(500).default(""),
});
export type ReceiveInput = z.input<typeof receiveSchema>;

export const releaseSamplesSchema = z
  .object({
    requestId: z.string().min(1),
    sampleIds: z.array(z.string().min(1)).min(1, "Choose at least one stored sample."),
    action: z.enum(["RETURN", "DISPOSE"], { error: "Choose return or disposal." }),
    courier: z.string().trim().max(100).nullable(),
    trackingNumber: z.string().trim().max(60).nullable(),
    note: z.string().trim().max(500).default(""),
  })
  .refine((r) => r.action !== "RETURN" || ((r.courier ?? "").length >= 2 && (r.trackingNumber ?? "").length >= 4), { path: ["trackingNumber"], message: "A return needs its courier and tracking number." });
export type ReleaseSamplesInput = z.input<typeof releaseSamplesSchema>;
