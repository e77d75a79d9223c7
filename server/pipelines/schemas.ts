import { z } from "zod";

const id = z.string().min(1);

export const phaseRoles = ["PORE", "MATRIX", "TARGET", "OTHER"] as const;

const phaseSchema = z.object({
  label: z.number().int().min(0).max(255, "Labels are 0–255 (an 8-bit labelled volume)."),
  name: z.string().trim().min(1, "Name the phase.").max(60),
  role: z.enum(phaseRoles),
});

/** The reference ore analysis: what the labels mean, how particles connect, the grade classes, the 2-D sections. */
export const analysisParamsSchema = z
  .object({
    phases: z.array(phaseSchema).min(2, "List at least two phases.").max(64),
    connectivity: z.union([z.literal(6), z.literal(26)], { error: "Particles connect by faces (6) or also edges and corners (26)." }),
    /** Grade class edges in percent, from 0 to 100. */
    liberationEdgesPercent: z.array(z.number().min(0).max(100)).min(2),
    liberationNames: z.array(z.string().trim().min(1).max(40)).nullable().default(null),
    /** Every n-th plane is a 2-D section for the section estimate. */
    sectionEvery: z.number().int().min(1).max(64),
    excludeEdgeParticles: z.boolean().default(false),
  })
  .superRefine((p, issue) => {
    const labels = p.phases.map((x) => x.label);
    if (new Set(labels).size !== labels.length) issue.addIssue({ code: "custom", path: ["phases"], message: "Each label stands for one phase only." });
    if (!p.phases.some((x) => x.role === "TARGET")) issue.addIssue({ code: "custom", path: ["phases"], message: "Mark at least one phase as the target mineral." });
    const edges = p.liberationEdgesPercent;
    if (edges[0] !== 0 || edges[edges.length - 1] !== 100 || edges.some((e, i) => i > 0 && e <= edges[i - 1]!)) {
      issue.addIssue({ code: "custom", path: ["liberationEdgesPercent"], message: "Grade classes run from 0 to 100 %, each edge above the one before." });
    }
    if (p.liberationNames && p.liberationNames.length !== edges.length - 1) issue.addIssue({ code: "custom", path: ["liberationNames"], message: "Name each class once: one name fewer than the edges." });
  });
export type AnalysisParams = z.output<typeof analysisParamsSchema>;

/** Greyscale to labels by thresholds: value < thresholds[0] is labels[0], and so on. */
export const segmentationParamsSchema = z
  .object({
    thresholds: z.array(z.number().int().min(1).max(255)).min(1).max(16),
    labels: z.array(z.number().int().min(0).max(255)).min(2),
  })
  .refine((p) => p.labels.length === p.thresholds.length + 1, { path: ["labels"], message: "Give one label more than thresholds." })
  .refine((p) => p.thresholds.every((t, i) => i === 0 || t > p.thresholds[i - 1]!), { path: ["thresholds"], message: "Thresholds increase." });

/** A shell script for a cluster or an outside runner (reconstruction codes, a GPU segmentation model). */
export const scriptParamsSchema = z.object({
  script: z.string().trim().min(1, "Write the script the step runs.").max(20_000),
});

const stepBase = {
  key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "A step's key is 2–40 lower-case letters, digits or dashes, starting with a letter."),
  name: z.string().trim().min(2).max(80),
  /** A step silent for longer than this is flagged to staff. */
  deadlineMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  maxAttempts: z.number().int().min(1).max(10).default(3),
};

export const templateStepSchema = z.discriminatedUnion("kind", [
  z.object({ ...stepBase, kind: z.literal("segmentation"), executor: z.literal("BUILTIN"), params: segmentationParamsSchema }),
  z.object({ ...stepBase, kind: z.literal("analysis"), executor: z.literal("BUILTIN"), params: analysisParamsSchema }),
  z.object({ ...stepBase, kind: z.literal("script"), executor: z.enum(["SLURM", "EXTERNAL"]), params: scriptParamsSchema }),
]);
export type TemplateStep = z.output<typeof templateStepSchema>;

export const templateVersionSchema = z
  .object({
    endstationId: id,
    name: z.string().trim().min(3, "Name the pipeline.").max(100),
    basedOnVersion: z.number().int().min(0),
    description: z.string().trim().max(2000).default(""),
    steps: z.array(templateStepSchema).min(1, "A pipeline has at least one step.").max(12),
    applicantsMayStart: z.boolean().default(false),
    changeNote: z.string().trim().min(5, "Say what changed (at least 5 characters).").max(500),
  })
  .superRefine((t, issue) => {
    const keys = t.steps.map((s) => s.key);
    if (new Set(keys).size !== keys.length) issue.addIssue({ code: "custom", path: ["steps"], message: "Each step needs its own key." });
  });

export const startPipelineSchema = z.object({
  runId: id,
  templateId: z.string().min(1, "Choose a pipeline."),
  scanIds: z.array(id).min(1, "Choose at least one scan.").max(50),
});

export const pipelineIdSchema = z.object({ pipelineId: id });
export const stepIdSchema = z.object({ stepId: id });
