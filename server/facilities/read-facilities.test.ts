import { describe, expect, it } from "vitest";
import { anonymous } from "../access/actor";
import { createFacilityWorld } from "../testing/access-fixtures";
import { callerFor, testDb } from "../testing/fixtures";

const db = testDb();

describe("the public facility catalogue", () => {
  it("shows anyone, signed in or not, the facility, its endstations and cycles, and never its VAT or bank details", async () => {
    const world = await createFacilityWorld(db);
    await db.facility.update({ where: { id: world.facility.id }, data: { vatBasisPoints: 2_000, paymentInstructions: "Sort code 99-88-77, account 55554444" } });
    const facility = (await callerFor(anonymous).facilities.list()).find((f) => f.id === world.facility.id)!;
    expect(Object.keys(facility).sort()).toEqual(["city", "code", "country", "cycles", "endstations", "id", "kind", "name", "organisation", "timeZone"]);
    expect(facility.endstations.map((e) => e.name)).toContain("T01 Micro-tomography");
    expect(Object.keys(facility.endstations[0]!)).not.toContain("facilityId");
    expect(facility.cycles.map((c) => c.id)).toContain(world.cycle.id);
    expect(JSON.stringify(facility)).not.toContain("55554444");
  });
});
