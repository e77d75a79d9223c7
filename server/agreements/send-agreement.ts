import { organisationIdsOf, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import type { AccessRouteKind, AgreementKind } from "../generated/prisma/enums";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import { agreementValuesFor } from "./agreement-values";
import { documentHash, renderAgreement } from "./render-agreement";

export const agreementKindFor: Record<AccessRouteKind, AgreementKind> = {
  PROPRIETARY_INDUSTRIAL: "PROPRIETARY_INDUSTRIAL",
  RAPID: "PROPRIETARY_INDUSTRIAL",
  SME_INDUSTRIAL: "SME_INDUSTRIAL",
  NON_PROPRIETARY: "NON_PROPRIETARY",
  CONSORTIUM_BLOCK: "CONSORTIUM",
};

async function nextAgreementReference(tx: Tx, at: Date) {
  const year = at.getUTCFullYear();
  return `AGR-${twoDigitYear(year)}-${String(await nextCounter(tx, `agreement-${year}`)).padStart(4, "0")}`;
}

/**
 * The facility sends an approved request's agreement for signature: the
 * latest template of the route's kind, filled from the request, frozen and
 * hashed. An agreement made from an older template version is superseded and
 * needs new signatures.
 */
export async function sendAgreement(tx: Tx, ctx: RequestContext, requestId: string, now = new Date()) {
  if (ctx.actor.kind !== "user") throw invalid("Sign in first.");
  const request = await tx.accessRequest.findUnique({
    where: { id: requestId },
    include: { route: true, facility: true, organisation: true, endstations: { include: { endstation: true } } },
  });
  if (!request || !organisationIdsOf(ctx.actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(request.facility.organisationId)) throw notFound("The request");
  if (request.state !== "APPROVED" || !request.allocatedShifts) throw conflict(`${request.reference ?? "The request"} is not approved, so there is nothing to agree yet.`);
  const kind = agreementKindFor[request.route.kind];
  const template = await tx.agreementTemplate.findFirst({ where: { kind }, orderBy: { version: "desc" } });
  if (!template) throw conflict("No agreement template exists for this route yet. A facility or platform admin adds one.");

  const current = await tx.agreement.findFirst({ where: { requestId, state: { in: ["AWAITING_SIGNATURES", "SIGNED"] } }, include: { template: { select: { version: true } } } });
  if (current && current.templateId === template.id) throw conflict(`${current.reference} (template version ${template.version}) is already ${current.state === "SIGNED" ? "signed" : "out for signature"}.`);

  const values = agreementValuesFor(request, template, now);
  const text = renderAgreement(template, values);
  const agreement = await tx.agreement.create({
    data: {
      reference: await nextAgreementReference(tx, now),
      templateId: template.id,
      requestId,
      variables: values as unknown as Prisma.InputJsonValue,
      renderedText: text,
      documentHash: documentHash(text),
      dataAccessTier: template.dataAccessTier,
      embargoEndsAt: template.embargoMonths ? new Date(now.getTime() + template.embargoMonths * 30.4375 * 86_400_000) : null,
      licence: template.licence,
      createdById: ctx.actor.userId,
      sentAt: now,
      signatories: { create: [{ organisationId: request.organisationId, party: "APPLICANT" }, { organisationId: request.facility.organisationId, party: "FACILITY" }] },
    },
  });
  if (current) {
    await tx.agreement.update({ where: { id: current.id }, data: { state: "SUPERSEDED", supersededById: agreement.id } });
    await recordAudit(tx, ctx, { action: "agreement.superseded", entityType: "Agreement", entityId: current.id, before: { state: current.state, templateVersion: current.template.version }, after: { state: "SUPERSEDED", supersededBy: agreement.reference } });
  }
  await recordAudit(tx, ctx, { action: "agreement.sent", entityType: "Agreement", entityId: agreement.id, after: { reference: agreement.reference, request: request.reference, templateKind: kind, templateVersion: template.version, documentHash: agreement.documentHash } });

  const signers = await tx.membership.findMany({ where: { organisationId: { in: [request.organisationId, request.facility.organisationId] }, authorisedSignatory: true }, select: { user: { select: { email: true, name: true } } }, distinct: ["userId"] });
  for (const { user } of signers) {
    await enqueueEmail(tx, {
      template: "request-update",
      to: user.email,
      dedupeKey: `agreement-to-sign:${agreement.id}:${user.email}`,
      props: { reference: request.reference!, title: request.title, status: `Agreement ${agreement.reference} to sign`, nextStep: `Read and sign the ${template.title} for ${values.parties}. No beamtime is confirmed, and no sample ships, until every party has signed.`, url: appUrl(`/agreements/${agreement.id}`) },
    });
  }
  return { id: agreement.id, reference: agreement.reference };
}
