import type { z } from "zod";
import type { RequestContext } from "../../access/actor";
import { recordAudit } from "../../audit/record";
import type { Tx } from "../../db";
import { conflict, forbidden, invalid } from "../../errors";
import type { templateVersionSchema } from "../schemas";
import { mayEditTemplates } from "../policy";

/**
 * Saves the next version of a template in its scope (one facility's, or the
 * platform-wide one). Versions are never edited (a trigger refuses it):
 * agreements already sent keep their text, and the facility sends the new
 * version for new signatures where it should apply.
 */
export async function saveTemplateVersion(tx: Tx, ctx: RequestContext, input: z.output<typeof templateVersionSchema>) {
  if (ctx.actor.kind !== "user") throw invalid("Sign in first.");
  const facility = input.facilityId ? await tx.facility.findUnique({ where: { id: input.facilityId }, select: { id: true, organisationId: true, name: true } }) : null;
  if (input.facilityId && !facility) throw invalid("That facility does not exist.");
  if (!mayEditTemplates(ctx.actor, facility)) {
    throw forbidden(facility ? `Only ${facility.name}'s facility admins edit its templates.` : "Only platform admins edit the platform-wide templates; a facility admin writes the facility's own.");
  }
  const scope = input.facilityId ?? null;
  // One author at a time per scope and kind, so "based on version N" is checked against what is really the latest.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agreement-template:${scope ?? "platform"}:${input.kind}`}))`;
  const latest = await tx.agreementTemplate.findFirst({ where: { kind: input.kind, facilityId: scope }, orderBy: { version: "desc" }, select: { version: true } });
  const latestVersion = latest?.version ?? 0;
  if (latestVersion !== input.basedOnVersion) throw conflict(`Version ${latestVersion} was saved after you started editing version ${input.basedOnVersion}. Reload it, then make your changes again.`);
  const template = await tx.agreementTemplate.create({
    data: {
      facilityId: scope,
      kind: input.kind,
      version: latestVersion + 1,
      title: input.title,
      body: input.body,
      custodyClause: input.custodyClause,
      dataAccessTier: input.dataAccessTier,
      embargoMonths: input.embargoMonths,
      licence: input.licence,
      changeNote: input.changeNote,
      createdById: ctx.actor.userId,
    },
  });
  await recordAudit(tx, ctx, { action: "agreement_template.version_saved", entityType: "AgreementTemplate", entityId: template.id, after: { kind: template.kind, version: template.version, facilityId: scope, changeNote: input.changeNote } });
  return { id: template.id, version: template.version };
}
