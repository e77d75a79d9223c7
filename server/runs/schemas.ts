import { z } from "zod";

const id = z.string().min(1);
/** A date and time: an instant, or a local time read in the facility's zone (resolved by the operation, which knows the zone). */
const instant = z.union([z.date(), z.string().trim().min(1, "Give a date and time.")], { error: "Give a date and time." });

export const runIdSchema = z.object({ runId: id });

/** Open the run of a confirmed booking: a request's booking, or a member's session inside a block placement. */
export const openRunSchema = z.object({ bookingId: id, sessionId: id.nullable().default(null) });

export const closeRunSchema = z.object({
  runId: id,
  summary: z.string().trim().min(10, "Say in a sentence or two how the run went (at least 10 characters).").max(4000, "Keep the summary under 4,000 characters."),
});

export const addOperatorSchema = z.object({ runId: id, userId: id, role: z.enum(["STAFF", "USER"], { error: "Say whether they are staff or a user." }) });

export const mountSchema = z.object({
  runId: id,
  sampleId: z.string().min(1, "Choose a sample."),
  position: z.string().trim().max(100, "Keep the position under 100 characters.").default(""),
});
export const unmountSchema = z.object({ runId: id, mountId: id });

export const logEntrySchema = z.object({
  runId: id,
  text: z.string().trim().min(2, "Write the entry.").max(4000, "Keep an entry under 4,000 characters."),
  /** The entry this one corrects: the old one stays, marked as corrected. */
  correctsId: z.string().regex(/^\d+$/).nullable().default(null),
});

export const downtimeCauses = ["BEAM_LOSS", "ACCELERATOR", "DETECTOR", "SAMPLE_ENVIRONMENT", "CONTROL_SYSTEM", "USER_SIDE", "OTHER"] as const;
export const downtimeCauseLabels: Record<(typeof downtimeCauses)[number], string> = {
  BEAM_LOSS: "Beam loss",
  ACCELERATOR: "Accelerator fault",
  DETECTOR: "Detector fault",
  SAMPLE_ENVIRONMENT: "Sample environment",
  CONTROL_SYSTEM: "Control system",
  USER_SIDE: "On the user's side",
  OTHER: "Other",
};

export const downtimeSchema = z
  .object({
    runId: id,
    startsAt: instant,
    endsAt: instant,
    cause: z.enum(downtimeCauses, { error: "Choose the cause." }),
    /** Whether the facility caused it: only then is it credited on the invoice. */
    facilityFault: z.boolean(),
    note: z.string().trim().max(1000).default(""),
  });

const optionalPositive = (what: string) => z.number({ error: `${what} is a number.` }).positive(`${what} is more than zero.`).nullable().default(null);
const optionalCount = (what: string) => z.number({ error: `${what} is a whole number.` }).int(`${what} is a whole number.`).positive(`${what} is more than zero.`).nullable().default(null);

/** A scan, typed in or filled from a NeXus file's header; field names follow NXtomo. */
export const scanSchema = z
  .object({
    runId: id,
    sampleId: id.nullable().default(null),
    technique: z.string().trim().min(2, "Name the technique, e.g. micro-CT.").max(100),
    probe: z.enum(["x-ray", "neutron", "electron"]).default("x-ray"),
    startTime: instant,
    endTime: instant.nullable().default(null),
    energyKeV: optionalPositive("The beam energy"),
    tubeVoltageKv: optionalPositive("The tube voltage"),
    tubeCurrentUa: optionalPositive("The tube current"),
    voxelSize: z.number({ error: "The voxel size is a number." }).positive("The voxel size is more than zero."),
    voxelUnit: z.enum(["nm", "um", "mm"], { error: "Choose the voxel size's unit." }),
    sizeX: optionalCount("The volume's width"),
    sizeY: optionalCount("The volume's height"),
    sizeZ: optionalCount("The volume's depth"),
    projections: optionalCount("The number of projections"),
    flats: optionalCount("The number of flat fields"),
    darks: optionalCount("The number of dark fields"),
    countTime: optionalPositive("The exposure"),
    detector: z.string().trim().max(200).default(""),
    rotationStartDeg: z.number().min(-720).max(720).nullable().default(null),
    rotationEndDeg: z.number().min(-720).max(720).nullable().default(null),
    fileFormat: z.string().trim().min(2, "Name the file format, e.g. NeXus/HDF5.").max(50),
    dataUri: z
      .string()
      .trim()
      .regex(/^(file|s3|https|globus|irods|gs|az):\/\/\S+$/i, "Give where the data are stored as a URI, e.g. file:///data/visit/scan-0001.nxs or s3://bucket/key."),
    sizeBytes: z.number().int().nonnegative().nullable().default(null),
    sha256: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{64}$/, "A SHA-256 checksum is 64 hexadecimal characters.")
      .nullable()
      .default(null),
    source: z.enum(["TYPED", "NEXUS_FILE"]).default("TYPED"),
  })
  .refine((s) => s.rotationStartDeg === null || s.rotationEndDeg === null || s.rotationEndDeg > s.rotationStartDeg, { path: ["rotationEndDeg"], message: "The rotation ends at a larger angle than it starts." })
  .refine((s) => s.energyKeV !== null || s.tubeVoltageKv !== null, { path: ["energyKeV"], message: "Give the beam energy (synchrotron) or the tube voltage (lab source)." });
export type ScanInput = z.input<typeof scanSchema>;

export const nexusFileSchema = z.object({
  runId: id,
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64-encoded: only its header is read, nothing is kept. */
  base64: z.string().min(1, "Choose a file.").max(7_000_000, "Upload a file of at most 5 MB here; for larger files type the header in."),
});

export const feederSchema = z
  .object({
    feederRunId: id,
    runId: id.nullable().default(null),
    requestId: id.nullable().default(null),
    note: z.string().trim().max(500).default(""),
  })
  .refine((f) => (f.runId === null) !== (f.requestId === null), { message: "Cite from a run or from a request." });
