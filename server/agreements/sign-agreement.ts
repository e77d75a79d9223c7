import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { agreementStateFrom } from "./render-agreement";
import type { declineAgreementSchema, signAgreementSchema } from "./schemas";
import { clock } from "../clock";

/** The agreement, locked so concurrent signatures settle its state one at a time. */
async function lockAgreement(tx: Tx, agreementId: string) {
  await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, include: { signatories: true } });
  if (!agreement) throw notFound("The agreement");
  return agreement;
}

/** Only an authorised signatory of that organisation signs (or declines) for it. */
async function assertMaySignFor(tx: Tx, ctx: RequestContext, organisationId: string) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to sign.");
  const authorised = await tx.membership.findFirst({ where: { userId: ctx.actor.userId, organisationId, authorisedSignatory: true } });
  if (!authorised) throw forbidden("You are not an authorised signatory of that organisation. Ask your organisation's admin to sign, or to make you a signatory.");
  return ctx.actor;
}

async function settle(tx: Tx, agreementId: string, now: Date) {
  const signatories = await tx.agreementSignatory.findMany({ where: { agreementId }, select: { state: true } });
  const state = agreementStateFrom(signatories);
  if (state !== "AWAITING_SIGNATURES") await tx.agreement.update({ where: { id: agreementId }, data: { state, completedAt: now } });
  return state;
}

export async function signAgreement(tx: Tx, ctx: RequestContext, input: z.output<typeof signAgreementSchema>, now = clock.now()) {
  const actor = await assertMaySignFor(tx, ctx, input.organisationId);
  const agreement = await lockAgreement(tx, input.agreementId);
  const signatory = agreement.signatories.find((s) => s.organisationId === input.organisationId);
  if (!signatory) throw notFound("The agreement");
  if (agreement.state === "SUPERSEDED") throw conflict(`${agreement.reference} was replaced by a newer version; sign that one instead.`);
  if (input.documentHash !== agreement.documentHash) throw conflict("The agreement changed after you opened it: you would be signing an outdated version. Reload it and read it again.");
  if (agreement.state !== "AWAITING_SIGNATURES") throw conflict(`${agreement.reference} is ${agreement.state.toLowerCase().replaceAll("_", " ")}; it takes no more signatures.`);
  if (input.typedName.toLocaleLowerCase("en-GB") !== actor.name.toLocaleLowerCase("en-GB")) throw invalid(`Type your name exactly as on your account: ${actor.name}.`, "typedName");
  const signed = await tx.agreementSignatory.updateMany({
    where: { id: signatory.id, state: "PENDING" },
    data: { state: "SIGNED", signedById: actor.userId, typedName: input.typedName, signedAt: now, ip: ctx.ip, userAgent: ctx.userAgent, documentHash: agreement.documentHash },
  });
  if (signed.count === 0) throw conflict(`${signatory.state === "SIGNED" ? "Your organisation has already signed" : "Your organisation declined"} ${agreement.reference}.`);
  const state = await settle(tx, agreement.id, now);
  await recordAudit(tx, ctx, { action: "agreement.signed", entityType: "Agreement", entityId: agreement.id, after: { organisationId: input.organisationId, documentHash: agreement.documentHash, agreementState: state } });
  return { state };
}

export async function declineAgreement(tx: Tx, ctx: RequestContext, input: z.output<typeof declineAgreementSchema>, now = clock.now()) {
  await assertMaySignFor(tx, ctx, input.organisationId);
  const agreement = await lockAgreement(tx, input.agreementId);
  const signatory = agreement.signatories.find((s) => s.organisationId === input.organisationId);
  if (!signatory) throw notFound("The agreement");
  if (agreement.state !== "AWAITING_SIGNATURES") throw conflict(`${agreement.reference} is ${agreement.state.toLowerCase().replaceAll("_", " ")}; it cannot be declined now.`);
  const declined = await tx.agreementSignatory.updateMany({ where: { id: signatory.id, state: "PENDING" }, data: { state: "DECLINED", declineReason: input.reason, signedAt: now } });
  if (declined.count === 0) throw conflict(`Your organisation has already ${signatory.state === "SIGNED" ? "signed" : "declined"} ${agreement.reference}.`);
  const state = await settle(tx, agreement.id, now);
  await recordAudit(tx, ctx, { action: "agreement.declined", entityType: "Agreement", entityId: agreement.id, after: { organisationId: input.organisationId, reason: input.reason, agreementState: state } });
  return { state };
}
