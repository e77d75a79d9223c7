// The demo's runs must make sense on whatever day the world is seeded: the
// requests that have run were submitted, decided and booked before their
// beamtime, their beamtime lies in the dates they asked for, Cassiter's pilot
// is over about three weeks before today and Okement's booking has just
// started. Checked like ./timeline.test.ts, for a seeding instant every three
// days (at changing hours) over four years, plus the awkward ones.
import { tz } from "@date-fns/tz";
import { addDays, addHours, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { submissionSchema } from "../../server/access-requests/schemas";
import { shiftsBetween, type ShiftPattern, type Slot } from "../../server/scheduling/shifts";
import { demoAccessRoutes, demoRunRequests } from "./access";
import { demoBlock } from "./blocks";
import { cassiterPilotSlot, demoRunIds, okementRunSlot } from "./runs";
import { demoTimeline } from "./timeline";
import { demoFacilities } from "./world";

const london = "Europe/London";
const sls = demoFacilities.find((f) => f.code === "SLS")!;
const s07 = sls.endstations.find((e) => e.code === "S07")!;
const pattern: ShiftPattern = { timeZone: sls.timeZone, shiftHours: s07.shiftHours, shiftsPerDay: s07.shiftsPerDay, firstShiftStartsAt: s07.firstShiftStartsAt };
const maxShifts = Object.fromEntries(demoAccessRoutes("SLS").map((r) => [r.kind, r.maxShifts]));
const seedingInstants = [
  ...Array.from({ length: (4 * 366) / 3 }, (_, i) => addHours(addDays(new Date("2026-11-27T09:30:00Z"), i * 3), (i * 5) % 24)),
  // Clock changes in London (the shift running two hours before is an hour short or long), the turn of a cycle, a leap day.
  ...["2027-03-28T01:30:00Z", "2027-03-28T03:00:00Z", "2027-10-31T01:30:00Z", "2027-10-31T02:30:00Z", "2026-12-31T23:30:00Z", "2027-07-01T00:00:00Z", "2028-02-29T12:00:00Z"].map((iso) => new Date(iso)),
];
const day = (at: Date) => format(at, "yyyy-MM-dd", { in: tz(london) });
const inWindow = (at: Date, windows: { from: string; to: string }[]) => windows.some((w) => w.from <= day(at) && day(at) <= w.to);

describe("the demo's runs on any seeding day", () => {
  it("has requests that were submitted, checked and decided before their beamtime, which lies in the dates they asked for", { timeout: 60_000 }, () => {
    for (const now of seedingInstants) {
      const t = demoTimeline(now);
      const requests = new Map(demoRunRequests(t).map((r) => [r.id, r]));
      expect([...requests.keys()].sort(), now.toISOString()).toEqual([demoRunIds.cassiterRequest, demoRunIds.okementRequest].sort());
      const slots: Record<string, Slot> = { [demoRunIds.cassiterRequest]: cassiterPilotSlot(t, pattern), [demoRunIds.okementRequest]: okementRunSlot(now, pattern) };

      for (const request of requests.values()) {
        const what = `${request.id} seeded ${now.toISOString()}`;
        expect(request.state, what).toBe("APPROVED");
        const happenings = [request.createdAt, request.submittedAt, request.updatedAt, request.decision!.decidedAt, ...request.reviews.map((r) => r.at)];
        for (const at of happenings) expect(at < now, `${what}: ${at.toISOString()}`).toBe(true);
        expect(request.createdAt <= request.submittedAt, what).toBe(true);
        expect(request.reviews.every((r) => r.at > request.submittedAt && r.at <= request.decision!.decidedAt), what).toBe(true);
        const parsed = submissionSchema({ routeKind: request.route, maxShifts: maxShifts[request.route] ?? null, today: day(request.submittedAt), endstationIds: request.endstations }).safeParse({ ...request.content, endstationIds: request.endstations });
        expect(parsed.success ? [] : parsed.error.issues, what).toEqual([]);

        const slot = slots[request.id]!;
        expect(shiftsBetween(slot.startsAt, slot.endsAt, pattern), what).toBe(request.decision!.allocatedShifts);
        // Booked (about a week before the run, in ./runs.ts) after the decision, and run inside a window the applicant gave.
        expect(request.decision!.decidedAt < addDays(slot.startsAt, -7), what).toBe(true);
        expect(inWindow(slot.startsAt, request.content.dateWindows ?? []), what).toBe(true);
        expect(inWindow(new Date(slot.endsAt.getTime() - 1), request.content.dateWindows ?? []), what).toBe(true);
      }

      // Cassiter's pilot: over, three to four weeks ago, from 08:00 London, well before CORNUBIA's placement.
      const pilot = slots[demoRunIds.cassiterRequest]!;
      const daysAgo = (now.getTime() - pilot.startsAt.getTime()) / 86_400_000;
      expect(daysAgo > 20 && daysAgo < 30, now.toISOString()).toBe(true);
      expect(format(pilot.startsAt, "EEE HH:mm", { in: tz(london) })).toBe("Thu 08:00");
      expect(pilot.endsAt.getTime() - pilot.startsAt.getTime()).toBe(24 * 3_600_000);
      expect(day(pilot.endsAt) < demoBlock(t).placement.date).toBe(true);

      // Okement's booking: started at a shift boundary 2 to 11 hours ago, still running.
      const okement = slots[demoRunIds.okementRequest]!;
      const hoursAgo = (now.getTime() - okement.startsAt.getTime()) / 3_600_000;
      expect(hoursAgo >= 2 && hoursAgo <= 11, `${now.toISOString()}: ${hoursAgo} h`).toBe(true);
      expect(okement.endsAt > now).toBe(true);
      // Neither overlaps the other.
      expect(pilot.endsAt <= okement.startsAt).toBe(true);
    }
  });
});
