import Link from "next/link";
import { sessionStateLabels, sessionStateTones } from "@/server/consortia/labels";
import type { myBlockSessions } from "@/server/consortia/member-sessions";
import { formatFacilityDateTime } from "@/server/time";
import { Badge, EmptyState } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";

type Session = Awaited<ReturnType<typeof myBlockSessions>>[number];

/** The sessions your member organisations booked inside consortium blocks, in each facility's zone. */
export function BlockSessions({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) {
    return (
      <EmptyState title="No block sessions yet" action={<Link className="text-sm font-medium text-brand-700 underline" href="/consortia">Book inside your share</Link>}>
        Sessions your organisation books inside its share of a consortium block appear here and in your calendar feed.
      </EmptyState>
    );
  }
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Your sessions in consortium blocks</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-2 pr-3">Block</th><th scope="col" className="py-2 pr-3">Session</th><th scope="col" className="py-2 pr-3">Where</th><th scope="col" className="py-2 pr-3">When</th><th scope="col" className="py-2">Status</th></tr></thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {sessions.map((s) => (
          <tr key={s.id}>
            <td className="py-2 pr-3 font-medium">{s.consortium.acronym} block<span className="block text-xs font-normal text-slate-600">{s.placement.reference}</span></td>
            <td className="py-2 pr-3">{s.title}<span className="block text-xs text-slate-600">for {s.organisation.name}</span></td>
            <td className="py-2 pr-3">{s.endstation.name}<span className="block text-xs text-slate-600">{s.facility.name}</span></td>
            <td className="py-2 pr-3">{formatFacilityDateTime(s.startsAt, s.facility.timeZone)}<span className="block">to {formatFacilityDateTime(s.endsAt, s.facility.timeZone)}</span><span className="block text-xs text-slate-600">{formatShifts(s.shifts, s.endstation.shiftHours)}</span></td>
            <td className="py-2"><Badge tone={sessionStateTones[s.state]}>{sessionStateLabels[s.state]}</Badge></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
