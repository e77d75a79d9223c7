import type { z } from "zod";
import type { Actor } from "../access/actor";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import type { Db, Tx } from "../db";
import { conflict, notFound } from "../errors";
import { isStaffOfFacility } from "./policy";
import { templateStepSchema, type templateVersionSchema, type TemplateStep } from "./schemas";

/**
 * Facility staff keep pipeline templates per endstation. A saved version never
 * changes (a trigger refuses it): pipelines started from it keep their recipe;
 * a change is the next version.
 */
export async function saveTemplateVersion(tx: Tx, ctx: SignedInContext, input: z.output<typeof templateVersionSchema>) {
  const endstation = await tx.endstation.findUnique({ where: { id: input.endstationId }, include: { facility: { select: { organisationId: true } } } });
  if (!endstation || !isStaffOfFacility(ctx.actor, endstation.facility.organisationId)) throw notFound("The endstation");
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pipeline-template:${endstation.id}:${input.name}`}))`;
  const latest = await tx.pipelineTemplate.findFirst({ where: { endstationId: endstation.id, name: input.name }, orderBy: { version: "desc" }, select: { version: true } });
  const latestVersion = latest?.version ?? 0;
  if (latestVersion !== input.basedOnVersion) throw conflict(`Version ${latestVersion} of “${input.name}” was saved after you started editing version ${input.basedOnVersion}. Reload it, then make your changes again.`);
  const template = await tx.pipelineTemplate.create({
    data: { endstationId: endstation.id, name: input.name, version: latestVersion + 1, description: input.description, steps: input.steps, applicantsMayStart: input.applicantsMayStart, changeNote: input.changeNote, createdById: ctx.actor.userId },
  });
  await recordAudit(tx, ctx, { action: "pipeline_template.version_saved", entityType: "PipelineTemplate", entityId: template.id, after: { name: input.name, version: template.version, steps: input.steps.map((s) => s.key), changeNote: input.changeNote } });
  return { id: template.id, version: template.version };
}

/** The steps of a saved template, read back through their schema (the database holds JSON). */
export function templateSteps(steps: unknown): TemplateStep[] {
  return (steps as unknown[]).map((s) => templateStepSchema.parse(s));
}

/** The newest version of each template of an endstation: what a pipeline is started from. */
export async function currentTemplates(db: Db | Tx, endstationId: string) {
  const all = await db.pipelineTemplate.findMany({ where: { endstationId }, orderBy: [{ name: "asc" }, { version: "desc" }] });
  return all.filter((t, i) => i === 0 || all[i - 1]!.name !== t.name);
}

/** Templates of the endstations of the actor's facilities (staff), newest versions first. */
export async function listTemplates(db: Db, actor: Actor) {
  const facilityOrgs = actor.kind === "user" ? actor.memberships.filter((m) => m.role === "FACILITY_STAFF" || m.role === "FACILITY_ADMIN").map((m) => m.organisationId) : [];
  return db.pipelineTemplate.findMany({
    where: { endstation: { facility: { organisationId: { in: facilityOrgs } } } },
    orderBy: [{ endstationId: "asc" }, { name: "asc" }, { version: "desc" }],
    include: { endstation: { select: { name: true, facility: { select: { name: true } } } }, _count: { select: { pipelines: true } } },
  });
}
