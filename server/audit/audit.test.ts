import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { callerFor, contextFor, createMember, testDb } from "../testing/fixtures";
import { recordAudit } from "./record";

const db = testDb();

describe("audit log", () => {
  it("is append-only: the database rejects UPDATE and DELETE", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    await inTransaction((tx) => recordAudit(tx, contextFor(admin), { action: "organisation.updated", entityType: "Organisation", entityId: "append-only-check" }), db);
    const row = await db.auditEvent.findFirstOrThrow({ where: { entityId: "append-only-check" } });
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET action = 'tampered' WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("organisation.updated");
  });

  it("rolls back with the change it describes", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    await expect(
      inTransaction(async (tx) => {
        await recordAudit(tx, contextFor(admin), { action: "organisation.updated", entityType: "Organisation", entityId: "rolled-back" });
        throw new Error("the change failed");
      }, db),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { entityId: "rolled-back" } })).toBe(0);
  });

  it("platform admins filter the whole log; a facility admin reads their own facility organisation's events", async () => {
    const platformAdmin = await createMember(db, "PLATFORM_ADMIN");
    const facilityAdmin = await createMember(db, "FACILITY_ADMIN");
    const outsider = await createMember(db, "APPLICANT");
    const [facilityOrganisation, outsiderOrganisation] = [facilityAdmin.memberships[0]!.organisationId, outsider.memberships[0]!.organisationId];
    await db.facility.create({ data: { organisationId: facilityOrganisation, code: `A${facilityOrganisation.slice(-6)}`, name: `Audit Light Source ${facilityOrganisation}`, kind: "LAB_CT", timeZone: "Europe/Berlin", city: "Freiberg", country: "DE" } });
    for (const [actor, organisationId] of [[facilityAdmin, facilityOrganisation], [outsider, outsiderOrganisation]] as const) {
      await inTransaction((tx) => recordAudit(tx, contextFor(actor), { action: "organisation.updated", entityType: "Organisation", entityId: organisationId, after: { description: "Updated" } }), db);
    }
    const all = await callerFor(platformAdmin).audit.list({ entityType: "Organisation", action: "organisation.updated", limit: 200 });
    expect(all.events.filter((e) => [facilityOrganisation, outsiderOrganisation].includes(e.entityId)).map((e) => e.redacted)).toEqual([false, false]);
    const scoped = await callerFor(facilityAdmin).audit.list({ limit: 200 });
    expect(scoped.events.map((e) => e.entityId)).toContain(facilityOrganisation);
    expect(scoped.events.map((e) => e.entityId)).not.toContain(outsiderOrganisation);
  });
});
