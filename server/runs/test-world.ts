import type { SignedInActor } from "../access/actor";
import type { Db } from "../db";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { callerFor, uniqueSuffix } from "../testing/fixtures";

const hour = 3_600_000;

/**
 * A facility, an SME's approved request with a confirmed booking whose time
 * started `startedHoursAgo` hours ago and lasts `hours`, and `samples` of its
 * samples already stored at the facility (receiving is tested in samples/).
 */
export async function createRunWorld(db: Db, options: { startedHoursAgo?: number; hours?: number; samples?: number } = {}) {
  const w = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  const request = await createApprovedRequest(db, w, applicant, 3);
  const startsAt = new Date(Date.now() - (options.startedHoursAgo ?? 2) * hour);
  const booking = await db.booking.create({
    data: { reference: `BK-R-${uniqueSuffix()}`, endstationId: w.endstation.id, kind: "REQUEST", state: "CONFIRMED", startsAt, endsAt: new Date(startsAt.getTime() + (options.hours ?? 8) * hour), shifts: 1, requestId: request.id, title: request.title, createdById: w.staff.userId },
  });
  const samples = [];
  for (let i = 0; i < (options.samples ?? 2); i++) {
    const { id } = await callerFor(applicant).samples.register({
      requestId: request.id, name: `Pegmatite core ${i + 1}`, materialClass: "ORE", description: "", originSite: "Okement", originLocation: "OK-17", originDepthM: 100 + i,
      collectedOn: "2026-09-14", parentId: null, massGrams: 12, volumeMl: null, dimensions: "", igsn: null, hazards: [], activityBq: null, storageConditions: "", afterwards: "RETURN",
    });
    samples.push(await db.sample.update({ where: { id }, data: { status: "STORED", storageLocation: "Store A" } }));
  }
  return { ...w, applicant, request, booking, samples };
}
export type RunWorld = Awaited<ReturnType<typeof createRunWorld>>;

/** The world's run, opened by its staff. */
export async function openWorldRun(w: RunWorld, staff: SignedInActor = w.staff) {
  return callerFor(staff).runs.open({ bookingId: w.booking.id, sessionId: null });
}
