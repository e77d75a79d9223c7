import type { Metadata } from "next";
import { organisationIdsOf } from "@/server/access/actor";
import { db } from "@/server/db";
import { EmptyState, PageHeader } from "../../_components/ui";
import { portalApi, requireActor } from "../../_lib/server-api";
import { CalendarBoard, type BoardRow } from "./calendar-board";
import { CalendarControls } from "./calendar-controls";

export const metadata: Metadata = { title: "Endstation calendar" };

type Search = { facility?: string; cycle?: string; from?: string; days?: string; kinds?: string };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const actor = await requireActor();
  const api = await portalApi();
  const facilities = await db.facility.findMany({ where: { organisationId: { in: organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN") } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (facilities.length === 0) {
    return (
      <>
        <PageHeader title="Endstation calendar" />
        <EmptyState title="The calendar is for facility staff">Your own beamtime is on the Bookings page, with a feed for your calendar app.</EmptyState>
      </>
    );
  }
  const facilityId = facilities.some((f) => f.id === search.facility) ? search.facility! : facilities[0]!.id;
  const days = Math.min(31, Math.max(1, Number(search.days) || 14));
  const [calendar, schedulable] = await Promise.all([
    api.scheduling.calendar({ facilityId, cycleId: search.cycle, from: /^\d{4}-\d{2}-\d{2}$/.test(search.from ?? "") ? search.from : undefined, days }),
    api.scheduling.schedulable({ facilityId }),
  ]);
  const kinds = search.kinds ? new Set(search.kinds.split(",")) : null;
  const shown = calendar.bookings.filter((b) => !kinds || kinds.has(b.category));

  // Cells and bookings are both in time order per endstation: one walk assigns each cell its booking.
  const rows: BoardRow[] = calendar.endstations.map((e) => {
    const mine = shown.filter((b) => b.endstationId === e.id);
    let next = 0;
    return {
      endstationId: e.id,
      name: e.name,
      shiftHours: e.shiftHours,
      cells: e.cells.map((c) => {
        while (next < mine.length && mine[next]!.endsAt <= c.startsAt) next++;
        const booking = mine[next] && mine[next]!.startsAt <= c.startsAt ? mine[next] : undefined;
        return { day: c.day, shiftIndex: c.index, label: c.label, startsAt: c.startsAt.toISOString(), bookingId: booking?.id ?? null };
      }),
    };
  });

  return (
    <>
      <PageHeader title="Endstation calendar" description={`${calendar.facility.name} · all times in ${calendar.facility.timeZone}. Arrow keys move between shifts; Enter opens a shift or a booking.`} />
      <CalendarControls facilities={facilities} facilityId={facilityId} cycles={calendar.cycles} cycleId={calendar.cycleId} from={calendar.from} days={days} kinds={search.kinds ?? ""} />
      <CalendarBoard
        timeZone={calendar.facility.timeZone}
        days={calendar.days}
        today={calendar.today}
        rows={rows}
        bookings={shown.map((b) => ({ ...b, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null }))}
        endstations={calendar.endstations.map((e) => ({ id: e.id, name: e.name, shifts: e.shifts }))}
        schedulable={schedulable}
      />
    </>
  );
}
