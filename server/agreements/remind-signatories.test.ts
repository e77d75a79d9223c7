import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { callerFor, contextFor, createMember, testDb } from "../testing/fixtures";
import { remindOverdueSignatories, remindSignatories } from "./remind-signatories";

const db = testDb();
const day = 86_400_000;

/** An agreement the facility has signed and the applicant has not, with one authorised signatory each. */
async function halfSigned() {
  const world = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  for (const actor of [applicant, world.admin]) await db.membership.updateMany({ where: { userId: actor.userId }, data: { authorisedSignatory: true } });
  await db.agreementTemplate.create({ data: { kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 1e9) + 1, title: "SME access", body: "Terms for {{reference}} between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "PROPRIETARY", createdById: world.admin.userId } });
  const request = await createApprovedRequest(db, world, applicant, 6, { agreement: "none" });
  const { id } = await callerFor(world.staff).agreements.send({ requestId: request.id });
  const { agreement } = await callerFor(world.admin).agreements.get({ agreementId: id });
  await callerFor(world.admin).agreements.sign({ agreementId: id, organisationId: world.facility.organisationId, typedName: world.admin.name, documentHash: agreement.documentHash, confirm: true });
  return { id, world, applicant };
}

const reminders = (id: string) => db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "agreement-reminder:" }, props: { path: ["url"], string_ends_with: `/agreements/${id}` } } });

describe("reminding parties that have not signed", () => {
  it("a party's person reminds the others: only the pending party's signatories are emailed, and not twice in a day", async () => {
    const { id, world, applicant } = await halfSigned();
    await expect(callerFor(applicant).agreements.remind({ agreementId: id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Only your own organisation has yet to sign") });
    const result = await callerFor(world.staff).agreements.remind({ agreementId: id });
    expect(result.reminded).toEqual([(await db.organisation.findUniqueOrThrow({ where: { id: applicant.memberships[0]!.organisationId } })).name]);
    const sent = await reminders(id);
    expect(sent.map((m) => m.to)).toEqual([applicant.email]);
    expect(sent[0]!.props).toMatchObject({ reminder: { waitingFor: result.reminded } });

    await expect(callerFor(world.admin).agreements.remind({ agreementId: id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("at most once a day") });
    expect(await reminders(id)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "agreement.reminded" } })).toBe(1);
  });

  it("people of other organisations cannot remind, and cannot learn that the agreement exists", async () => {
    const { id } = await halfSigned();
    const outsider = await createMember(db, "APPLICANT");
    await expect(callerFor(outsider).agreements.remind({ agreementId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await reminders(id)).toHaveLength(0);
  });

  it("the morning job reminds after three days, then every three days, once even when two workers run", async () => {
    const { id } = await halfSigned();
    const sentAt = (await db.agreement.findUniqueOrThrow({ where: { id } })).sentAt;
    await remindOverdueSignatories(db, new Date(sentAt.getTime() + 2 * day));
    expect(await reminders(id)).toHaveLength(0);
    const third = new Date(sentAt.getTime() + 3 * day + 60_000);
    await Promise.all([remindOverdueSignatories(db, third), remindOverdueSignatories(db, third)]);
    expect(await reminders(id)).toHaveLength(1);
    await remindOverdueSignatories(db, new Date(third.getTime() + 2 * day));
    expect(await reminders(id)).toHaveLength(1);
    await remindOverdueSignatories(db, new Date(third.getTime() + 3 * day + 60_000));
    expect(await reminders(id)).toHaveLength(2);
  });

  it("a signed agreement has no one to remind", async () => {
    const { id, world, applicant } = await halfSigned();
    const { agreement } = await callerFor(applicant).agreements.get({ agreementId: id });
    await callerFor(applicant).agreements.sign({ agreementId: id, organisationId: applicant.memberships[0]!.organisationId, typedName: applicant.name, documentHash: agreement.documentHash, confirm: true });
    await expect(inTransaction((tx) => remindSignatories(tx, contextFor(world.staff), id), db)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not waiting for signatures") });
  });
});
