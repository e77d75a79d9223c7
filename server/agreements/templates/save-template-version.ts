import type { z } from "zod";
import type { RequestContext } from "../../access/actor";
import { recordAudit } from "../../audit/record";
import type { Tx } from "../../db";
import { conflict, invalid } from "../../errors";
import type { templateVersionSchema } from "../schemas";

/**
 * Saves the next version of a template. Versions are never edited (a trigger
 * refuses it): agreements already sent keep their text, and the facility
 * sends the new version for new signatures where it should apply.
 */
export async function saveTemplateVersion(tx: Tx, ctx: RequestContext, input: z.output<typeof templateVersionSchema>) {
  if (ctx.actor.kind !== "user") throw invalid("Sign in first.");
  // One author at a time per kind, so "based on version N" is checked against what is really the latest.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agreement-template:${input.kind}`}))`;
  const latest = await tx.agreementTemplate.findFirst({ where: { kind: input.kind }, orderBy: { version: "desc" }, select: { version: true } });
  const latestVersion = latest?.version ?? 0;
  if (latestVersion !== input.basedOnVersion) throw conflict(`Version ${latestVersion} was saved after you started editing version ${input.basedOnVersion}. Reload it, then make your changes again.`);
  const template = await tx.agreementTemplate.create({
    data: {
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
  await recordAudit(tx, ctx, { action: "agreement_template.version_saved", entityType: "AgreementTemplate", entityId: template.id, after: { kind: template.kind, version: template.version, changeNote: input.changeNote } });
  return { id: template.id, version: template.version };
}
