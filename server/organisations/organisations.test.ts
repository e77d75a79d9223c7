import { describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { createOrganisationSchema } from "./schemas";
import { callerFor, createMember, createUserWithoutOrganisation, testDb, uniqueSuffix } from "../testing/fixtures";

const db = testDb();
const sme = { staffHeadcount: 14, annualTurnoverEuros: 2_400_000, balanceSheetTotalEuros: 1_100_000, referenceYear: 2025 };

describe("organisations", () => {
  it("registers an SME, makes the creator its applicant and records whether it qualifies", async () => {
    const user = await createUserWithoutOrganisation(db);
    const name = `Tamar Tin Tailings ${uniqueSuffix()}`;
    const created = await callerFor(user).organisations.create({ name, kind: "SME", country: "gb", sme });
    const organisation = await db.organisation.findUniqueOrThrow({ where: { id: created.id }, include: { smeDeclaration: true, memberships: true } });
    expect(organisation.country).toBe("GB");
    expect(organisation.smeDeclaration).toMatchObject({ qualifies: true, annualTurnoverCents: 240_000_000n });
    expect(organisation.memberships).toEqual([expect.objectContaining({ userId: user.userId, role: "APPLICANT" })]);
    expect(await db.auditEvent.count({ where: { entityId: created.id, action: "organisation.created" } })).toBe(1);
  });

  it("records a non-qualifying declaration as such", async () => {
    const user = await createUserWithoutOrganisation(db);
    const created = await callerFor(user).organisations.create({ name: `Big Mining ${uniqueSuffix()}`, kind: "SME", country: "DE", sme: { ...sme, staffHeadcount: 1200 } });
    expect((await db.smeDeclaration.findUniqueOrThrow({ where: { organisationId: created.id } })).qualifies).toBe(false);
  });

  it("accepts only https websites, with a message that says so", async () => {
    for (const website of ["http://example.com", "javascript:alert(1)", "data:text/html,hi", "ftp://example.com", "https://localhost"]) {
      const result = createOrganisationSchema.safeParse({ name: "Tamar Tin", kind: "SME", country: "GB", website });
      expect(result.success, website).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toContain("Enter a secure web address starting with https://, such as https://example.com.");
    }
    for (const website of ["", "https://example.com", " https://tamar-tin.co.uk/about?lang=en "]) {
      expect(createOrganisationSchema.safeParse({ name: "Tamar Tin", kind: "SME", country: "GB", website }).success, website).toBe(true);
    }
    const user = await createUserWithoutOrganisation(db);
    await expect(callerFor(user).organisations.create({ name: `Plain Http ${uniqueSuffix()}`, kind: "SME", country: "GB", website: "http://example.com", sme })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses bad input with a message for the field and saves nothing", async () => {
    const user = await createUserWithoutOrganisation(db);
    await expect(callerFor(user).organisations.create({ name: "X", kind: "SME", country: "Britain", sme: { ...sme, staffHeadcount: -3 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const name = `No declaration ${uniqueSuffix()}`;
    await expect(callerFor(user).organisations.create({ name, kind: "SME", country: "GB" })).rejects.toMatchObject({ message: "An SME must give its SME declaration." });
    expect(await db.organisation.count({ where: { name } })).toBe(0);
    expect(await db.membership.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("refuses a second organisation with the same name", async () => {
    const user = await createUserWithoutOrganisation(db);
    const name = `Duplicate Minerals ${uniqueSuffix()}`;
    await callerFor(user).organisations.create({ name, kind: "INDUSTRY", country: "GB" });
    await expect(callerFor(user).organisations.create({ name, kind: "INDUSTRY", country: "GB" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already registered") });
  });

  it("only a platform admin may set up a facility or a funder", async () => {
    const user = await createUserWithoutOrganisation(db);
    await expect(callerFor(user).organisations.create({ name: `Fake Light Source ${uniqueSuffix()}`, kind: "FACILITY", country: "GB" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const facility = await callerFor(admin).organisations.create({ name: `Real Light Source ${uniqueSuffix()}`, kind: "FACILITY", country: "GB" });
    expect(await db.membership.count({ where: { organisationId: facility.id } })).toBe(0);
  });

  it("lists only the caller's own organisations", async () => {
    const a = await createMember(db, "APPLICANT");
    const b = await createMember(db, "APPLICANT");
    const mine = await callerFor(a).organisations.mine();
    expect(mine.map((o) => o.id)).toEqual([a.memberships[0]!.organisationId]);
    expect(mine.map((o) => o.id)).not.toContain(b.memberships[0]!.organisationId);
  });

  it("an admin cannot add an existing user directly: there is no such procedure, only an invitation", async () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("organisations."));
    expect(procedures).not.toContain("organisations.addMember");
    expect(procedures).toEqual(expect.arrayContaining(["organisations.invite", "organisations.acceptInvitation", "organisations.leave"]));
  });
});
