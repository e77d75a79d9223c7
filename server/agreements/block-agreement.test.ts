import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { createConsortiumWorld, grantAndPlace, shareEqually, type ConsortiumWorld } from "../consortia/test-world";
import { myConsortia } from "../consortia/read-consortia";
import { callerFor, createMember, testDb } from "../testing/fixtures";

const db = testDb();

/** A consortium world whose lead, members and facility admin are authorised signatories, with a CONSORTIUM template and a placed block without an agreement. */
async function worldWithUnsignedBlock() {
  const w = await createConsortiumWorld(db);
  for (const actor of [w.lead, ...w.members, w.admin]) await db.membership.updateMany({ where: { userId: actor.userId }, data: { authorisedSignatory: true } });
  await db.agreementTemplate.create({
    data: { kind: "CONSORTIUM", version: Math.floor(Math.random() * 1e9) + 1, title: "Consortium block agreement", body: "Between {{parties}}: {{shifts}} on {{endstations}}.", custodyClause: "Custody of {{applicant}}'s samples.", dataAccessTier: "CONSORTIUM", createdById: w.admin.userId },
  });
  const block = await grantAndPlace(w, { agreement: "none" });
  await shareEqually(w, block.blockId, 8);
  return { w, ...block };
}

const signFor = async (actor: SignedInActor, agreementId: string) => {
  const { agreement } = await callerFor(actor).agreements.get({ agreementId });
  return callerFor(actor).agreements.sign({ agreementId, organisationId: actor.memberships[0]!.organisationId, typedName: actor.name, documentHash: agreement.documentHash, confirm: true });
};

const book = (w: ConsortiumWorld, placementId: string, date: string) =>
  callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date, shiftIndex: 0, shifts: 2, title: "Spodumene liberation" });

describe("the consortium agreement for a block", () => {
  it("the lead sends it to every member and the facility; sessions open only when all have signed", async () => {
    const { w, blockId, placementId, startDate } = await worldWithUnsignedBlock();
    await expect(book(w, placementId, startDate)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("the lead has not sent it yet") });

    const { id } = await callerFor(w.lead).agreements.sendForBlock({ blockId });
    const agreement = await db.agreement.findUniqueOrThrow({ where: { id }, include: { signatories: true } });
    expect(agreement.signatories.map((s) => s.party).sort()).toEqual(["CONSORTIUM_MEMBER", "CONSORTIUM_MEMBER", "CONSORTIUM_MEMBER", "CONSORTIUM_MEMBER", "FACILITY"]);
    expect(agreement.renderedText).toContain(`${w.memberOrgs[2]!.name} and ${w.facility.name}`);
    const asked = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `agreement-to-sign:${id}:` } } });
    expect(asked.map((m) => m.to).sort()).toEqual([w.lead, ...w.members, w.admin].map((a) => a.email).sort());

    for (const actor of [w.lead, w.members[0]!, w.members[1]!]) await signFor(actor, id);
    const facilityOrganisation = await db.organisation.findUniqueOrThrow({ where: { id: w.facility.organisationId } });
    const refusal = await book(w, placementId, startDate).catch((error: Error) => error);
    expect(refusal).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("waiting for") });
    expect((refusal as Error).message).toContain(w.memberOrgs[2]!.name);
    expect((refusal as Error).message).toContain(facilityOrganisation.name);
    expect((refusal as Error).message).not.toContain(w.memberOrgs[0]!.name);
    await signFor(w.members[2]!, id);
    expect(await signFor(w.admin, id)).toEqual({ state: "SIGNED" });
    await expect(book(w, placementId, startDate)).resolves.toMatchObject({ state: "BOOKED" });
  });

  it("a member declines with a reason: sessions stay closed, the lead sees who and why, and can send a new agreement", async () => {
    const { w, blockId, placementId, startDate } = await worldWithUnsignedBlock();
    const { id } = await callerFor(w.lead).agreements.sendForBlock({ blockId });
    await signFor(w.lead, id);
    await signFor(w.members[0]!, id);
    const reason = "Clause 2 would share our brine assay data with a competing sorbent maker.";
    await callerFor(w.members[1]!).agreements.decline({ agreementId: id, organisationId: w.memberOrgs[1]!.id, reason });

    const [seenByLead] = (await myConsortia(db, w.lead)).filter((c) => c.id === w.consortium.id);
    const agreement = seenByLead!.blocks[0]!.agreement!;
    expect(agreement).toMatchObject({ state: "DECLINED", declined: [{ organisation: w.memberOrgs[1]!.name, reason }] });
    expect(agreement.signed.sort()).toEqual([w.memberOrgs[0]!.name, (await db.organisation.findUniqueOrThrow({ where: { id: w.leadOrganisationId } })).name].sort());
    await expect(signFor(w.members[2]!, id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("takes no more signatures") });
    await expect(book(w, placementId, startDate)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`${w.memberOrgs[1]!.name} declined`) });

    const again = await callerFor(w.lead).agreements.sendForBlock({ blockId });
    expect(again.id).not.toBe(id);
    expect(await db.agreementSignatory.count({ where: { agreementId: again.id, state: "PENDING" } })).toBe(5);
  });

  it("only the lead or the block's facility staff send it; other consortia and facilities are told it does not exist", async () => {
    const { w, blockId } = await worldWithUnsignedBlock();
    await expect(callerFor(w.members[0]!).agreements.sendForBlock({ blockId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherLead = await createMember(db, "CONSORTIUM_LEAD");
    await expect(callerFor(otherLead).agreements.sendForBlock({ blockId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const otherStaff = await createMember(db, "FACILITY_STAFF");
    await expect(callerFor(otherStaff).agreements.sendForBlock({ blockId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.agreement.count({ where: { blockId } })).toBe(0);
    await expect(callerFor(w.staff).agreements.sendForBlock({ blockId })).resolves.toMatchObject({ reference: expect.stringMatching(/^AGR-/) });
  });

  it("a newer template version is offered to the lead and the facility's staff, not to members", async () => {
    const { w, blockId } = await worldWithUnsignedBlock();
    const { id } = await callerFor(w.lead).agreements.sendForBlock({ blockId });
    const sent = await db.agreement.findUniqueOrThrow({ where: { id }, include: { template: true } });
    // The facility writes its own consortium template: it replaces the platform-wide one for its blocks.
    const { title, body, custodyClause } = sent.template;
    await db.agreementTemplate.create({ data: { facilityId: w.facility.id, kind: "CONSORTIUM", version: 1, title, body, custodyClause, dataAccessTier: "CONSORTIUM", createdById: w.admin.userId } });
    expect((await callerFor(w.lead).agreements.get({ agreementId: id })).newerTemplate).not.toBeNull();
    expect((await callerFor(w.staff).agreements.get({ agreementId: id })).newerTemplate).not.toBeNull();
    expect((await callerFor(w.members[0]!).agreements.get({ agreementId: id })).newerTemplate).toBeNull();
    // A member organisation's person who leads some other consortium is not this one's lead.
    const otherLead = await createMember(db, "CONSORTIUM_LEAD", { organisationId: w.memberOrgs[0]!.id });
    expect((await callerFor(otherLead).agreements.get({ agreementId: id })).newerTemplate).toBeNull();
  });

  it("two people sending at once leave exactly one agreement to sign", async () => {
    const { w, blockId } = await worldWithUnsignedBlock();
    const results = await Promise.allSettled([callerFor(w.lead).agreements.sendForBlock({ blockId }), callerFor(w.staff).agreements.sendForBlock({ blockId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db.agreement.count({ where: { blockId, state: "AWAITING_SIGNATURES" } })).toBe(1);
  });
});
