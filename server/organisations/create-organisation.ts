import type { z } from "zod";
import { isPlatformAdmin, type RequestContext, type SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { rolesForKind, selfServiceKinds } from "./roles";
import type { createOrganisationSchema } from "./schemas";
import { assessSme, smeFiguresFromEuros } from "./sme";

type Input = z.output<typeof createOrganisationSchema>;

/** Registers an organisation; a self-service creator becomes its first member. */
export async function createOrganisation(tx: Tx, ctx: RequestContext & { actor: SignedInActor }, input: Input) {
  const selfService = selfServiceKinds.includes(input.kind);
  if (!selfService && !isPlatformAdmin(ctx.actor)) {
    throw forbidden("Facilities, funders and the platform operator are set up by a platform admin. Contact the Lodestone team.");
  }
  if (input.kind === "SME" && !input.sme) throw invalid("An SME must give its SME declaration.", "sme");

  const existing = await tx.organisation.findUnique({ where: { name: input.name }, select: { id: true } });
  if (existing) throw conflict("An organisation with this name is already registered. Ask one of its members to invite you.", "name");

  const organisation = await tx.organisation.create({
    data: { name: input.name, kind: input.kind, country: input.country, description: input.description, website: input.website || null },
  });
  const figures = input.sme ? smeFiguresFromEuros(input.sme) : null;
  const smeQualifies = figures ? assessSme(figures).qualifies : null;
  if (figures && input.sme) {
    await tx.smeDeclaration.create({
      data: { organisationId: organisation.id, ...figures, referenceYear: input.sme.referenceYear, qualifies: smeQualifies!, declaredById: ctx.actor.userId },
    });
  }
  if (selfService) {
    await tx.membership.create({ data: { userId: ctx.actor.userId, organisationId: organisation.id, role: rolesForKind[input.kind][0]! } });
  }
  await recordAudit(tx, ctx, {
    action: "organisation.created",
    entityType: "Organisation",
    entityId: organisation.id,
    after: { name: organisation.name, kind: organisation.kind, country: organisation.country, smeQualifies },
  });
  return organisation;
}
