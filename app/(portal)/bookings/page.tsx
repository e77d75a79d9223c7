import type { Metadata } from "next";
import Link from "next/link";
import { formatFacilityDateTime } from "@/server/time";
import { Badge, Card, EmptyState, PageHeader } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { hasRole } from "@/server/access/actor";
import { currentActor, portalApi } from "../../_lib/server-api";
import { BlockSessions } from "./block-sessions";
import { CalendarFeed } from "./calendar-feed";

export const metadata: Metadata = { title: "Bookings" };

const stateTone = { HELD: "warning", CONFIRMED: "success", CANCELLED: "neutral", EXPIRED: "neutral" } as const;
const stateText = { HELD: "Held (tentative)", CONFIRMED: "Confirmed", CANCELLED: "Cancelled", EXPIRED: "Lapsed" } as const;

export default async function BookingsPage() {
  const api = await portalApi();
  const inConsortium = hasRole(await currentActor(), "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER");
  const [bookings, sessions] = await Promise.all([api.scheduling.myBookings(), inConsortium ? api.scheduling.myBlockSessions() : Promise.resolve([])]);
  return (
    <>
      <PageHeader title="Bookings" description={`Beamtime scheduled for your organisation's approved requests${inConsortium ? " and the sessions it booked in consortium blocks" : ""}, in each facility's time zone.`} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Card title={`${bookings.length} booking${bookings.length === 1 ? "" : "s"}`}>
            {bookings.length === 0 ? (
              <EmptyState title={sessions.length > 0 ? "No beamtime scheduled for requests" : "No beamtime scheduled yet"}>When the facility schedules an approved request, its shifts appear here and in your calendar feed, and you get an email with a calendar invitation.</EmptyState>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Your bookings</caption>
                <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-2 pr-3">Booking</th><th scope="col" className="py-2 pr-3">Request</th><th scope="col" className="py-2 pr-3">Where</th><th scope="col" className="py-2 pr-3">When</th><th scope="col" className="py-2">Status</th></tr></thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {bookings.map((b) => {
                    const zone = b.endstation.facility.timeZone;
                    return (
                      <tr key={b.id}>
                        <td className="py-2 pr-3 font-medium">{b.reference}</td>
                        <td className="py-2 pr-3"><Link className="text-brand-700 underline" href={`/requests/${b.request!.id}`}>{b.request!.reference}</Link><span className="block text-xs text-slate-600">{b.request!.title}</span></td>
                        <td className="py-2 pr-3">{b.endstation.name}<span className="block text-xs text-slate-600">{b.endstation.facility.name}</span></td>
                        <td className="py-2 pr-3">{formatFacilityDateTime(b.startsAt, zone)}<span className="block">to {formatFacilityDateTime(b.endsAt, zone)}</span><span className="block text-xs text-slate-600">{formatShifts(b.shifts, b.endstation.shiftHours)}</span></td>
                        <td className="py-2"><Badge tone={stateTone[b.state as keyof typeof stateTone]}>{stateText[b.state as keyof typeof stateText]}</Badge>{b.cancelReason ? <span className="block text-xs text-slate-600">{b.cancelReason}</span> : null}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </Card>
          {inConsortium ? (
            <Card title={`${sessions.length} block session${sessions.length === 1 ? "" : "s"}`} id="block-sessions">
              <BlockSessions sessions={sessions} />
            </Card>
          ) : null}
        </div>
        <Card title="Your calendar feed"><CalendarFeed /></Card>
      </div>
    </>
  );
}
