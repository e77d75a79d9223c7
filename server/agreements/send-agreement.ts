import { organisationIdsOf, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import type { AccessRouteKind, AgreementKind } from "../generated/prisma/enums";
import { agreementValuesFor } from "./agreement-values";
import { issueAgreement } from "./issue-agreement";
import { latestTemplate } from "./templates/latest-template";
import { clock } from "../clock";

export const agreementKindFor: Record<AccessRouteKind, AgreementKind> = {
  PROPRIETARY_INDUSTRIAL: "PROPRIETARY_INDUSTRIAL",
  RAPID: "PROPRIETARY_INDUSTRIAL",
  SME_INDUSTRIAL: "SME_INDUSTRIAL",
  NON_PROPRIETARY: "NON_PROPRIETARY",
  CONSORTIUM_BLOCK: "CONSORTIUM",
};

/**
 * The facility sends an approved request's agreement for signature: the
 * latest template of the route's kind, filled from the request, frozen and
 * hashed. An agreement made from an older template version is superseded and
 * needs new signatures.
 */
export async function sendAgreement(tx: Tx, ctx: RequestContext, requestId: string, now = clock.now()) {
  if (ctx.actor.kind !== "user") throw invalid("Sign in first.");
  const request = await tx.accessRequest.findUnique({
    where: { id: requestId },
    include: { route: true, facility: true, organisation: true, endstations: { include: { endstation: true } } },
  });
  if (!request || !organisationIdsOf(ctx.actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(request.facility.organisationId)) throw notFound("The request");
  if (request.state !== "APPROVED" || !request.allocatedShifts) throw conflict(`${request.reference ?? "The request"} is not approved, so there is nothing to agree yet.`);
  const template = await latestTemplate(tx, agreementKindFor[request.route.kind], request.facilityId);

  const current = await tx.agreement.findFirst({ where: { requestId, state: { in: ["AWAITING_SIGNATURES", "SIGNED"] } }, include: { template: { select: { version: true } } } });
  if (current && current.templateId === template.id) throw conflict(`${current.reference} (template version ${template.version}) is already ${current.state === "SIGNED" ? "signed" : "out for signature"}.`);

  return issueAgreement(tx, { ...ctx, actor: ctx.actor }, {
    subject: { requestId },
    subjectLabel: `${request.reference} “${request.title}”`,
    template,
    values: agreementValuesFor(request, template, now),
    signatories: [{ organisationId: request.organisationId, party: "APPLICANT" }, { organisationId: request.facility.organisationId, party: "FACILITY" }],
    current,
  }, now);
}
