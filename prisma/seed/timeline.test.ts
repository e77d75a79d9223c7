// The demo world must be live on whatever day it is seeded: checked for a
// seeding day every three days over four years, plus the awkward ones (the
// day before and the day a cycle starts, leap days).
import { tz } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { submissionSchema } from "../../server/access-requests/schemas";
import { demoAccessRoutes, demoCalls, demoPanel, demoRequests } from "./access";
import { demoBlock, demoEbmcBlock } from "./blocks";
import { demoTimeline } from "./timeline";
import { demoCycles, demoDemonstrators, demoProgramme } from "./world";

const london = "Europe/London";
const maxShifts = Object.fromEntries(demoAccessRoutes("SLS").map((r) => [r.kind, r.maxShifts]));
const seedingDays = [
  ...Array.from({ length: (4 * 366) / 3 }, (_, i) => addDays(new Date("2026-11-27T09:30:00Z"), i * 3)),
  ...["2026-12-31T23:30:00Z", "2027-01-01T00:30:00Z", "2027-06-30T22:59:00Z", "2027-07-01T00:00:00Z", "2028-02-29T12:00:00Z", "2029-12-31T12:00:00Z"].map((iso) => new Date(iso)),
];

describe("demoTimeline", () => {
  it("keeps the world as drawn on 27 November 2026", () => {
    const t = demoTimeline(new Date("2026-11-27T10:00:00Z"));
    expect([t.weeks, t.halfYears]).toEqual([0, 0]);
    expect(t.cycle("2027-1")).toBe("2027-1");
    expect(t.plannedDate("2027-03-08")).toBe("2027-03-08");
    expect(t.aroundToday(london, 11, 20, 15, 30).toISOString()).toBe("2026-11-20T15:30:00.000Z");
  });

  it("moves happenings by whole weeks and plans by whole half-years", () => {
    const t = demoTimeline(new Date("2028-01-03T19:00:00Z")); // 400 days on
    expect([t.weeks, t.halfYears]).toEqual([57, 3]);
    expect(t.cycle("2027-1")).toBe("2028-2");
    expect(t.cycle("2027-2")).toBe("2029-1");
    expect(t.plannedDate("2027-03-08")).toBe("2028-09-08");
    // A summer wall-clock time keeps its hour in London (BST) after the move.
    expect(format(t.aroundToday(london, 5, 4, 9, 15), "yyyy-MM-dd EEE HH:mm", { in: tz(london) })).toBe("2027-06-07 Mon 09:15");
  });

  it("is live on any seeding day: every three days over four years, and the edges of cycles", () => {
    for (const now of seedingDays) liveOn(now);
  });
});

function liveOn(now: Date) {
  {
    const t = demoTimeline(now);
    const today = format(now, "yyyy-MM-dd", { in: tz(london) });
    const [first, second] = demoCycles(t, london);

    // The next cycle starts after today, within six months, then the one after.
    expect(first!.startsAt > now).toBe(true);
    expect(first!.startsAt.getTime() - now.getTime()).toBeLessThanOrEqual(184 * 86_400_000);
    expect(second!.startsAt).toEqual(first!.endsAt);
    expect(first!.name).toBe(t.cycle("2027-1"));

    // Its call is open today; the next one opens later and closes before the second cycle starts.
    const [openCall, laterCall] = demoCalls(t, "SLS", london);
    expect(openCall!.cycle).toBe(first!.name);
    expect(openCall!.opensAt < now && openCall!.closesAt > now).toBe(true);
    expect(laterCall!.opensAt > now && laterCall!.closesAt < second!.startsAt).toBe(true);
    expect(demoPanel(t).cycle).toBe(first!.name);

    // Every request happened before today and asks for dates in the first cycle, after today, as submission checks them.
    for (const request of demoRequests(t)) {
      const happenings = [request.createdAt, request.submittedAt, request.updatedAt, request.decision?.decidedAt, ...request.reviews.map((r) => r.at)].filter((d) => d !== undefined);
      for (const at of happenings) expect(at < now, `${request.id} at ${at.toISOString()}`).toBe(true);
      expect(request.createdAt <= request.submittedAt, request.id).toBe(true);
      for (const w of request.content.dateWindows ?? []) {
        expect(w.from > today, `${request.id} window ${w.from}`).toBe(true);
        expect(new Date(`${w.to}T12:00:00Z`) < first!.endsAt, `${request.id} window ${w.to}`).toBe(true);
      }
      if (request.call) expect(request.call, request.id).toBe(first!.name);
      const parsed = submissionSchema({
        routeKind: request.route,
        maxShifts: maxShifts[request.route] ?? null,
        today: format(request.submittedAt, "yyyy-MM-dd", { in: tz(london) }),
        endstationIds: request.endstations,
      }).safeParse({ ...request.content, endstationIds: request.endstations });
      expect(parsed.success ? [] : parsed.error.issues, request.id).toEqual([]);
    }

    // CORNUBIA's placement lies inside the first cycle, still to come; EBMC's block spans the same cycles.
    const block = demoBlock(t);
    expect([block.firstCycle, block.lastCycle]).toEqual([first!.name, second!.name]);
    expect(block.placement.date > today).toBe(true);
    expect(new Date(`${block.placement.date}T12:00:00Z`) < first!.endsAt).toBe(true);
    expect(demoEbmcBlock(t).firstCycle).toBe(first!.name);

    // The programme runs today; each demonstrator's pilot decision is still to come.
    const programme = demoProgramme(t);
    expect(programme.startsOn < now && programme.endsOn > now).toBe(true);
    for (const d of demoDemonstrators(t)) expect(d.pilotDecisionDue > now, d.title).toBe(true);
  }
}
