import Link from "next/link";
import { formatRange } from "@/server/consortia/load";
import type { Dashboard } from "@/server/dashboard/get-dashboard";
import { formatShifts } from "../../_lib/format";

type Consortium = Dashboard["consortia"][number];
type Block = Consortium["blocks"][number];
type BlockCycle = Block["cycles"][number];

const linkClass = "font-medium text-brand-700 underline";

/** A consortium's blocks still to run: where each is on the calendar, and the shares its lead or member may see. */
export function ConsortiumBlocks({ consortium: c }: { consortium: Consortium }) {
  if (c.blocks.length === 0) {
    return (
      <p className="mt-3 text-sm text-slate-600">
        {c.isLead
          ? `No block allocation for ${c.acronym} yet. A facility's admins grant a block of shifts per cycle on an endstation; ask your facility contact, then share it out among the members on the Consortia page.`
          : `No block allocation for ${c.acronym} yet. When a facility grants one and ${c.leadOrganisation.name} shares it out, your organisation's share appears here.`}
      </p>
    );
  }
  return (
    <div className="mt-3 space-y-3">
      {c.blocks.flatMap((b) => b.cycles.map((cycle) => <BlockCycleSummary key={`${b.id}-${cycle.id}`} consortium={c} block={b} cycle={cycle} />))}
    </div>
  );
}

function BlockCycleSummary({ consortium: c, block: b, cycle }: { consortium: Consortium; block: Block; cycle: BlockCycle }) {
  const shifts = (n: number) => formatShifts(n, b.shiftHours);
  const placed = cycle.placements.reduce((n, p) => n + p.shifts, 0);
  const headingId = `block-${b.id}-${cycle.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-md bg-slate-50 p-3 text-sm">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {c.acronym} block · {b.endstation}, {b.facility} · {cycle.name}
      </h3>
      <p className="text-slate-700">{shifts(cycle.shiftsPerCycle)} in {cycle.name}.</p>
      {cycle.placements.length === 0 ? (
        <p className="text-slate-700">Not on the calendar yet: {b.facility}&apos;s staff place the block&apos;s time.</p>
      ) : (
        <ul className="text-slate-700">
          {cycle.placements.map((p) => <li key={p.reference}>On the calendar: {formatRange(p.startsAt, p.endsAt, b.timeZone)} ({shifts(p.shifts)}, {p.reference})</li>)}
          {placed < cycle.shiftsPerCycle ? <li>{shifts(cycle.shiftsPerCycle - placed)} still to be placed by the facility.</li> : null}
        </ul>
      )}
      {c.isLead ? <LeadShares consortium={c} cycle={cycle} shifts={shifts} /> : <MemberShare consortium={c} cycle={cycle} shifts={shifts} />}
    </section>
  );
}

function LeadShares({ consortium: c, cycle, shifts }: { consortium: Consortium; cycle: BlockCycle; shifts: (n: number) => string }) {
  return (
    <>
      <p className="mt-2 text-slate-900">
        Shared out: {shifts(cycle.shared)} of {shifts(cycle.shiftsPerCycle)}
        {cycle.unshared > 0 ? <>; {shifts(cycle.unshared)} not shared out yet. <Link className={linkClass} href="/consortia">Share it out</Link></> : "."}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left">
          <caption className="sr-only">Members&apos; shares of {c.acronym}&apos;s block in {cycle.name}</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr><th scope="col" className="py-1 pr-3">Member</th><th scope="col" className="py-1 pr-3">Share</th><th scope="col" className="py-1 pr-3">Booked</th><th scope="col" className="py-1">Left</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {cycle.shares.map((s) => (
              <tr key={s.organisationId}><th scope="row" className="py-1 pr-3 font-normal">{s.organisationName}</th><td className="py-1 pr-3">{shifts(s.share)}</td><td className="py-1 pr-3">{shifts(s.booked)}</td><td className="py-1">{shifts(s.remaining)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function MemberShare({ consortium: c, cycle, shifts }: { consortium: Consortium; cycle: BlockCycle; shifts: (n: number) => string }) {
  return (
    <ul className="mt-2 text-slate-900">
      {cycle.shares.map((s) =>
        s.share === 0 ? (
          <li key={s.organisationId}>{s.organisationName} has no share yet: ask the lead ({c.leadOrganisation.name}) to share the block out.</li>
        ) : (
          <li key={s.organisationId}>
            {s.organisationName}: share {shifts(s.share)}, booked {shifts(s.booked)}, <strong>{shifts(s.remaining)} left</strong>
            {s.remaining > 0 && cycle.placements.length > 0 ? <>. <Link className={linkClass} href="/consortia">Book a session</Link></> : null}
          </li>
        ),
      )}
      <li className="text-slate-700">The block: {shifts(cycle.shared)} shared out among the members, {shifts(cycle.unshared)} not yet.</li>
    </ul>
  );
}
