import type { RequestContext } from "../access/actor";
import { isFacilityStaff, isLeadOf } from "../consortia/policy";
import { loadVisibleBlock, consortiumFacts } from "../consortia/load";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { blockAgreementValues } from "./agreement-values";
import { issueAgreement } from "./issue-agreement";
import { latestTemplate } from "./templates/latest-template";
import { clock } from "../clock";

/**
 * The consortium agreement for one block: every member organisation (the
 * lead included) and the facility sign. The lead or the facility's staff send
 * it; members book sessions in the block only once everyone has signed.
 */
export async function sendBlockAgreement(tx: Tx, ctx: RequestContext, blockId: string, now = clock.now()) {
  if (ctx.actor.kind !== "user") throw invalid("Sign in first.");
  const block = await loadVisibleBlock(tx, ctx.actor, blockId);
  const facilityOrganisationId = block.endstation.facility.organisationId;
  if (!isLeadOf(ctx.actor, consortiumFacts(block.consortium)) && !isFacilityStaff(ctx.actor, facilityOrganisationId)) {
    throw forbidden(`Only ${block.consortium.acronym}'s lead or ${block.endstation.facility.name}'s staff send its agreement.`);
  }
  const template = await latestTemplate(tx, "CONSORTIUM", block.endstation.facilityId);
  const current = await tx.agreement.findFirst({ where: { blockId, state: { in: ["AWAITING_SIGNATURES", "SIGNED"] } }, include: { template: { select: { version: true } } } });
  if (current && current.templateId === template.id) throw conflict(`${current.reference} (template version ${template.version}) is already ${current.state === "SIGNED" ? "signed" : "out for signature"}.`);

  return issueAgreement(tx, { ...ctx, actor: ctx.actor }, {
    subject: { blockId, consortiumId: block.consortiumId },
    subjectLabel: `${block.consortium.acronym}'s block on ${block.endstation.name}`,
    template,
    values: blockAgreementValues(block, template, now),
    signatories: [
      ...block.consortium.members.map((m) => ({ organisationId: m.organisationId, party: "CONSORTIUM_MEMBER" as const })),
      { organisationId: facilityOrganisationId, party: "FACILITY" as const },
    ],
    current,
  }, now);
}
