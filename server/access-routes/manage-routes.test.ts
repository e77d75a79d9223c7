import { describe, expect, it } from "vitest";
import { createFacilityWorld } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";

const db = testDb();
const settings = { name: "Rapid industrial access", description: "Short-notice confidential access.", dataPolicy: "Data and results belong to the user and stay confidential.", decisionTargetDays: 3, needsCall: false, maxShifts: 1, embargoMonths: null, active: true };

describe("route configuration by facility admins", () => {
  it("an admin changes their route, with an audit row, and requests then follow the new cap", async () => {
    const world = await createFacilityWorld(db);
    await callerFor(world.admin).accessRoutes.update({ routeId: world.routes.RAPID.id, ...settings });
    expect(await db.accessRoute.findUniqueOrThrow({ where: { id: world.routes.RAPID.id } })).toMatchObject({ decisionTargetDays: 3, maxShifts: 1, confidential: true });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: world.routes.RAPID.id, action: "access_route.updated" } });
    expect(audit.summary).toMatchObject({ before: { maxShifts: 2 }, after: { maxShifts: 1 } });
  });

  it("another facility's admin cannot see or change the route, and staff cannot call it at all", async () => {
    const world = await createFacilityWorld(db);
    const otherAdmin = await createMember(db, "FACILITY_ADMIN");
    await expect(callerFor(otherAdmin).accessRoutes.update({ routeId: world.routes.RAPID.id, ...settings })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(otherAdmin).accessRoutes.administered()).map((f) => f.id)).not.toContain(world.facility.id);
    await expect(callerFor(world.staff).accessRoutes.update({ routeId: world.routes.RAPID.id, ...settings })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.accessRoute.findUniqueOrThrow({ where: { id: world.routes.RAPID.id } })).maxShifts).toBe(2);
  });

  it("refuses a peer-reviewed route without calls, and a call that closes before it opens or after the cycle starts", async () => {
    const world = await createFacilityWorld(db);
    await expect(callerFor(world.admin).accessRoutes.update({ routeId: world.routes.NON_PROPRIETARY.id, ...settings, embargoMonths: 36 })).rejects.toMatchObject({ message: expect.stringContaining("needs calls") });
    const admin = callerFor(world.admin);
    const base = { routeId: world.routes.NON_PROPRIETARY.id, cycleId: world.cycle.id, title: "Second call" };
    await expect(admin.accessRoutes.createCall({ ...base, opensOn: "2030-02-01", closesOn: "2030-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("close after it opens") });
    await expect(admin.accessRoutes.createCall({ ...base, opensOn: "2020-01-01", closesOn: "2099-01-01" })).rejects.toMatchObject({ message: expect.stringContaining("before cycle 2027-1 starts") });
    await expect(admin.accessRoutes.createCall({ ...base, opensOn: "2020-01-01", closesOn: "2020-02-01" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already has a call") });
  });
});
