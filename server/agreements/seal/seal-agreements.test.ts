import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../../testing/access-fixtures";
import { callerFor, testDb } from "../../testing/fixtures";
import { sealSignedAgreements } from "./seal-agreements";

const db = testDb();

/** An approved request whose agreement both parties have signed through the portal. */
async function signedAgreement() {
  const world = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  for (const actor of [applicant, world.admin]) await db.membership.updateMany({ where: { userId: actor.userId }, data: { authorisedSignatory: true } });
  await db.agreementTemplate.create({
    data: { kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 1e9) + 1, title: "SME industrial access agreement", body: "Terms for {{reference}} between {{parties}}.", custodyClause: "Samples stay the applicant's property.", dataAccessTier: "PROPRIETARY", createdById: world.admin.userId },
  });
  const request = await createApprovedRequest(db, world, applicant, 6, { agreement: "none" });
  const { id } = await callerFor(world.staff).agreements.send({ requestId: request.id });
  const { agreement } = await callerFor(applicant).agreements.get({ agreementId: id });
  for (const actor of [applicant, world.admin]) {
    await callerFor(actor).agreements.sign({ agreementId: id, organisationId: actor.memberships[0]!.organisationId, typedName: actor.name, documentHash: agreement.documentHash, confirm: true });
  }
  return { id, agreement, applicant, world };
}

function pdfText(pdf: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sealed-")), "sealed.pdf");
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("sealing signed agreements", () => {
  it("makes one PDF with the text, every signature bound to the hash, and the audit trail; a second run does nothing", async () => {
    const { id, agreement, applicant, world } = await signedAgreement();
    expect(await db.sealedAgreement.findUnique({ where: { agreementId: id } })).toBeNull();
    await sealSignedAgreements(db, { only: [id] });
    const sealed = await db.sealedAgreement.findUniqueOrThrow({ where: { agreementId: id } });
    expect(sealed.pdfHash).toBe(createHash("sha256").update(sealed.pdf).digest("hex"));

    const text = pdfText(sealed.pdf);
    expect(text).toContain(agreement.reference);
    expect(text).toContain("Signatures");
    expect(text).toContain(applicant.name);
    expect(text).toContain(world.admin.name);
    expect(text).toContain(applicant.email);
    expect(text.replace(/\s+/g, "")).toContain(agreement.documentHash);
    expect(text).toContain("Audit trail");
    expect(text).toContain("agreement.sent");
    expect(text.match(/agreement\.signed/g)).toHaveLength(2);
    expect(text).toContain("Europe/London");

    const sealedAt = sealed.sealedAt;
    await sealSignedAgreements(db, { only: [id] });
    expect((await db.sealedAgreement.findUniqueOrThrow({ where: { agreementId: id } })).sealedAt).toEqual(sealedAt);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "agreement.sealed" } })).toBe(1);
  });

  it("the one PDF every party receives shows no signer's IP address or browser; the database keeps them as evidence", async () => {
    const { id } = await signedAgreement();
    await db.agreementSignatory.updateMany({ where: { agreementId: id }, data: { ip: "198.51.100.23", userAgent: "SecretBrowser/9.9" } });
    // The audit rows carry the caller's address (203.0.113.7 in tests): the PDF's audit trail must not repeat it.
    expect(await db.auditEvent.count({ where: { entityType: "Agreement", entityId: id, ip: "203.0.113.7" } })).toBeGreaterThan(0);
    await sealSignedAgreements(db, { only: [id] });
    const text = pdfText((await db.sealedAgreement.findUniqueOrThrow({ where: { agreementId: id } })).pdf);
    expect(text).toContain("Signatures");
    expect(text).not.toContain("198.51.100.23");
    expect(text).not.toContain("SecretBrowser");
    expect(text).not.toContain("203.0.113.7");
    expect(await db.agreementSignatory.count({ where: { agreementId: id, ip: "198.51.100.23", userAgent: "SecretBrowser/9.9" } })).toBe(2);
  });

  it("two workers sealing at once seal each agreement exactly once", async () => {
    const { id } = await signedAgreement();
    await Promise.all([sealSignedAgreements(db, { only: [id] }), sealSignedAgreements(db, { only: [id] }), sealSignedAgreements(db, { only: [id] })]);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "agreement.sealed" } })).toBe(1);
  });

  it("the database refuses to change a sealed PDF", async () => {
    const { id } = await signedAgreement();
    await sealSignedAgreements(db, { only: [id] });
    await expect(db.sealedAgreement.update({ where: { agreementId: id }, data: { pdfHash: "0".repeat(64) } })).rejects.toThrow(/final/);
  });

  it("an agreement still waiting for a signature is not sealed", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    await db.agreementTemplate.create({ data: { kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 1e9) + 1, title: "SME access", body: "Terms for {{reference}} between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "PROPRIETARY", createdById: world.admin.userId } });
    const request = await createApprovedRequest(db, world, applicant, 6, { agreement: "none" });
    const { id } = await callerFor(world.staff).agreements.send({ requestId: request.id });
    await sealSignedAgreements(db, { only: [id] });
    expect(await db.sealedAgreement.findUnique({ where: { agreementId: id } })).toBeNull();
  });
});
