import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { forbidden, notFound } from "../errors";
import { canManageOrganisation, canSeeOrganisation } from "./policy";
import type { declareSmeSchema } from "./schemas";
import { assessSme, smeFiguresFromEuros } from "./sme";
import { clock } from "../clock";

/** Records (or replaces) an organisation's SME declaration and whether it qualifies. */
export async function declareSme(tx: Tx, ctx: RequestContext, input: z.output<typeof declareSmeSchema>) {
  if (!canSeeOrganisation(ctx.actor, input.organisationId)) throw notFound("The organisation");
  if (!canManageOrganisation(ctx.actor, input.organisationId)) throw forbidden("Only the organisation's managers can change its SME declaration.");
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, include: { smeDeclaration: true } });
  if (!organisation) throw notFound("The organisation");

  const figures = smeFiguresFromEuros(input);
  const assessment = assessSme(figures);
  const data = { ...figures, referenceYear: input.referenceYear, qualifies: assessment.qualifies, declaredAt: clock.now(), declaredById: ctx.actor.kind === "user" ? ctx.actor.userId : null };
  await tx.smeDeclaration.upsert({ where: { organisationId: organisation.id }, create: { organisationId: organisation.id, ...data }, update: data });
  await recordAudit(tx, ctx, {
    action: "organisation.sme_declared",
    entityType: "Organisation",
    entityId: organisation.id,
    before: organisation.smeDeclaration ? { staffHeadcount: organisation.smeDeclaration.staffHeadcount, qualifies: organisation.smeDeclaration.qualifies } : null,
    after: { staffHeadcount: figures.staffHeadcount, qualifies: assessment.qualifies },
  });
  return assessment;
}
