import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { inTransaction } from "../db";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { contextFor, createMember, testDb } from "../testing/fixtures";
import { sendAgreement } from "./send-agreement";
import { declineAgreement, signAgreement } from "./sign-agreement";

const db = testDb();

/** An approved request's agreement, sent by the facility: the applicant organisation and the facility each have an authorised signatory. */
async function sentAgreement() {
  const world = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  const facilityAdmin = world.admin;
  for (const actor of [applicant, facilityAdmin]) await db.membership.updateMany({ where: { userId: actor.userId }, data: { authorisedSignatory: true } });
  await db.agreementTemplate.create({
    data: { kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 1e9) + 1, title: "SME access", body: "Terms for {{reference}}, {{title}}, between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "PROPRIETARY", createdById: facilityAdmin.userId },
  });
  const request = await createApprovedRequest(db, world, applicant, 6, { agreement: "none" });
  const { id } = await inTransaction((tx) => sendAgreement(tx, contextFor(world.staff), request.id), db);
  const agreement = await db.agreement.findUniqueOrThrow({ where: { id } });
  return { agreement, applicant, facilityAdmin, request, world };
}

const signAs = (actor: SignedInActor, agreement: { id: string; documentHash: string }, overrides: Partial<{ typedName: string; documentHash: string; organisationId: string }> = {}) =>
  inTransaction((tx) => signAgreement(tx, contextFor(actor), { agreementId: agreement.id, organisationId: actor.memberships[0]!.organisationId, typedName: actor.name, documentHash: agreement.documentHash, confirm: true, ...overrides }), db);

describe("signing agreements", () => {
  it("both parties sign, each bound to the hash, and the agreement completes", async () => {
    const { agreement, applicant, facilityAdmin } = await sentAgreement();
    expect(await signAs(applicant, agreement)).toEqual({ state: "AWAITING_SIGNATURES" });
    expect(await signAs(facilityAdmin, agreement)).toEqual({ state: "SIGNED" });
    const signed = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id }, include: { signatories: true } });
    expect(signed.state).toBe("SIGNED");
    expect(signed.completedAt).not.toBeNull();
    expect(signed.signatories.every((s) => s.documentHash === agreement.documentHash && s.ip === "203.0.113.7" && s.userAgent === "vitest")).toBe(true);
    expect(await db.auditEvent.count({ where: { entityId: agreement.id, action: "agreement.signed" } })).toBe(2);
  });

  it("refuses signing twice, an outdated version, a wrong name, and someone who may not sign for the organisation", async () => {
    const { agreement, applicant } = await sentAgreement();
    await expect(signAs(applicant, agreement, { documentHash: "0".repeat(64) })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("outdated version") });
    await expect(signAs(applicant, agreement, { typedName: "Someone Else" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Type your name exactly") });
    const colleague = await createMember(db, "APPLICANT", { organisationId: applicant.memberships[0]!.organisationId });
    await expect(signAs(colleague, agreement)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("not an authorised signatory") });
    await signAs(applicant, agreement);
    await expect(signAs(applicant, agreement)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already signed") });
    expect(await db.agreementSignatory.count({ where: { agreementId: agreement.id, state: "SIGNED" } })).toBe(1);
  });

  it("concurrent signatures from both parties complete the agreement exactly once", async () => {
    const { agreement, applicant, facilityAdmin } = await sentAgreement();
    const results = await Promise.all([signAs(applicant, agreement), signAs(facilityAdmin, agreement)]);
    expect(results.map((r) => r.state).sort()).toEqual(["AWAITING_SIGNATURES", "SIGNED"]);
    expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).state).toBe("SIGNED");
  });

  it("a refusal with its reason declines the agreement, which then takes no signature", async () => {
    const { agreement, applicant, facilityAdmin } = await sentAgreement();
    await inTransaction((tx) => declineAgreement(tx, contextFor(facilityAdmin), { agreementId: agreement.id, organisationId: facilityAdmin.memberships[0]!.organisationId, reason: "The price clause does not match the quote." }), db);
    expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).state).toBe("DECLINED");
    await expect(signAs(applicant, agreement)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("takes no more signatures") });
  });

  it("the database refuses to change a sent agreement's text", async () => {
    const { agreement } = await sentAgreement();
    await expect(db.agreement.update({ where: { id: agreement.id }, data: { renderedText: "Quietly changed terms" } })).rejects.toThrow(/frozen/);
  });
});
