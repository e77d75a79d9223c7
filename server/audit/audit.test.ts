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

  it("platform admins filter the whole log; facility admins see only their own facility's people", async () => {
    const platformAdmin = await createMember(db, "PLATFORM_ADMIN");
    const facilityAdmin = await createMember(db, "FACILITY_ADMIN");
    const outsider = await createMember(db, "APPLICANT");
    for (const actor of [facilityAdmin, outsider]) {
      await inTransaction((tx) => recordAudit(tx, contextFor(actor), { action: "organisation.updated", entityType: "Organisation", entityId: `scope-${actor.userId}` }), db);
    }
    const all = await callerFor(platformAdmin).audit.list({ entityType: "Organisation", action: "organisation.updated", limit: 200 });
    expect(all.events.map((e) => e.entityId)).toEqual(expect.arrayContaining([`scope-${facilityAdmin.userId}`, `scope-${outsider.userId}`]));
    const scoped = await callerFor(facilityAdmin).audit.list({ limit: 200 });
    expect(scoped.events.map((e) => e.entityId)).toContain(`scope-${facilityAdmin.userId}`);
    expect(scoped.events.map((e) => e.entityId)).not.toContain(`scope-${outsider.userId}`);
  });
});
