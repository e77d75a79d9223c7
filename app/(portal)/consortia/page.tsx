import type { Metadata } from "next";
import { hasRole } from "@/server/access/actor";
import { localIsoDate, sessionStateLabels, sessionStateTones, shiftTimeLabels } from "@/server/consortia/labels";
import { formatRange } from "@/server/consortia/load";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, DefinitionList, EmptyState, PageHeader } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { currentActor, portalApi } from "../../_lib/server-api";
import Link from "next/link";
import { SendAgreementButton } from "../agreements/send-agreement-button";
import { BookSessionForm } from "./book-session-form";
import { FacilityBlocks } from "./facility-blocks";
import { CancelSessionButton, DecideSessionButtons } from "./session-actions";
import { SharesForm } from "./shares-form";

export const metadata: Metadata = { title: "Consortia" };

type Consortium = Awaited<ReturnType<Awaited<ReturnType<typeof portalApi>>["consortia"]["mine"]>>[number];
type Block = Consortium["blocks"][number];
type BlockCycle = Block["cycles"][number];

/** The day before an exclusive end: a period ending 1 Jan 2028 00:00 runs "to 31 Dec 2027". */
const lastDay = (end: Date) => new Date(end.getTime() - 1);
const isoDateLabel = (iso: string) => formatFacilityDate(new Date(`${iso}T12:00:00Z`), "UTC");

export default async function ConsortiaPage() {
  const api = await portalApi();
  const actor = await currentActor();
  const inConsortium = hasRole(actor, "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER");
  const isStaff = hasRole(actor, "FACILITY_STAFF", "FACILITY_ADMIN");
  const [consortia, facility] = await Promise.all([inConsortium ? api.consortia.mine() : Promise.resolve([]), isStaff ? api.consortia.forFacility() : Promise.resolve(null)]);

  return (
    <>
      <PageHeader
        title="Consortia"
        description="Block allocations shared by a consortium: the facility grants a block of shifts per cycle and places it on the calendar, the lead shares each cycle out among the member organisations, and members book sessions inside their share."
      />
      <div className="space-y-10">
        {inConsortium && consortia.length === 0 ? (
          <EmptyState title="You are not in a consortium yet">
            A consortium&apos;s lead organisation adds members; once your organisation is a member, its block time and your share appear here.
          </EmptyState>
        ) : null}
        {consortia.map((c) => <ConsortiumSection key={c.id} consortium={c} />)}
        {facility ? <FacilityBlocks data={facility} /> : null}
        {!inConsortium && !isStaff ? <EmptyState title="Nothing here for your role">Consortium leads and members share out and book block time here; facility staff place it.</EmptyState> : null}
      </div>
    </>
  );
}

function ConsortiumSection({ consortium: c }: { consortium: Consortium }) {
  const facilities = [...new Set(c.blocks.map((b) => b.facility.name))];
  return (
    <section aria-labelledby={`consortium-${c.id}`} className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`consortium-${c.id}`} className="text-lg font-semibold text-slate-900">{c.name} ({c.acronym})</h2>
        <Badge tone={c.isLead ? "info" : "neutral"}>{c.isLead ? "You lead it" : `Member: ${c.myOrganisations.map((o) => o.name).join(", ")}`}</Badge>
        <Badge tone="warning">Confidential — visible to {c.acronym}&apos;s members{facilities.length ? ` and ${facilities.join(", ")} staff` : ""}</Badge>
      </div>
      <p className="max-w-4xl text-sm text-slate-700">{c.description}</p>
      <Card title="Members">
        <ul className="flex flex-wrap gap-2 text-sm">
          {c.members.map((m) => (
            <li key={m.organisationId} className="rounded-md border border-slate-200 px-2.5 py-1">
              {m.name}
              {m.organisationId === c.lead.id ? <span className="ml-1 text-slate-600">(lead)</span> : null}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-700">{c.leadApprovesSessions ? "The lead approves members' sessions before they are booked." : "Members' sessions are booked at once, within their share."}</p>
      </Card>
      {c.blocks.length === 0 ? (
        <EmptyState title="No block allocation yet">When a facility grants {c.acronym} a block of beamtime, it appears here with each cycle&apos;s shares and sessions.</EmptyState>
      ) : (
        c.blocks.map((b) => <BlockCard key={b.id} consortium={c} block={b} />)
      )}
    </section>
  );
}

function BlockCard({ consortium: c, block: b }: { consortium: Consortium; block: Block }) {
  const tz = b.facility.timeZone;
  return (
    <Card title={`${b.endstation.name} · ${b.facility.name}`} id={`block-${b.id}`}>
      <DefinitionList
        items={[
          ["Shifts per cycle", formatShifts(b.shiftsPerCycle, b.endstation.shiftHours)],
          ["Period", `${formatFacilityDate(b.firstCycleStart, tz)} to ${formatFacilityDate(lastDay(b.lastCycleEnd), tz)} (${b.cycles.map((cy) => cy.name).join(", ")})`],
          ["Reporting dates", b.reportingDates.length ? b.reportingDates.map(isoDateLabel).join(", ") : "None set"],
          ["Unused time", `Flagged to the lead and the facility ${b.unusedWarningDays} days before a cycle ends`],
        ]}
      />
      <BlockAgreementPanel consortium={c} block={b} />
      <div className="mt-6 space-y-8">
        {b.cycles.map((cy) => <CycleSection key={cy.id} consortium={c} block={b} cycle={cy} />)}
      </div>
    </Card>
  );
}

/** Who has signed the block's consortium agreement, who has not, and who declined and why. */
function BlockAgreementPanel({ consortium: c, block: b }: { consortium: Consortium; block: Block }) {
  const a = b.agreement;
  const headingId = `agreement-${b.id}`;
  return (
    <section aria-labelledby={headingId} className="mt-6 rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">Consortium agreement</h3>
        {a ? <Badge tone={a.state === "SIGNED" ? "success" : a.state === "DECLINED" ? "danger" : "warning"}>{a.state === "SIGNED" ? "Signed by every party" : a.state === "DECLINED" ? "Declined" : "Waiting for signatures"}</Badge> : <Badge tone="warning">Not sent yet</Badge>}
      </div>
      {a ? (
        <div className="mt-2 space-y-2 text-sm">
          <p><Link className="font-medium text-brand-700 underline" href={`/agreements/${a.id}`}>{a.reference}</Link>{a.signed.length ? ` · signed by ${a.signed.join(", ")}` : ""}</p>
          {a.state === "AWAITING_SIGNATURES" ? <p className="text-amber-900">Waiting for {a.waitingFor.join(", ")}. Sessions open once every party has signed.</p> : null}
          {a.declined.length ? (
            <ul className="space-y-1" aria-label="Declined by">
              {a.declined.map((d) => <li key={d.organisation} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900"><span className="font-medium">{d.organisation} declined:</span> {d.reason}</li>)}
            </ul>
          ) : null}
          {a.state === "DECLINED" ? <p className="text-slate-700">Sessions stay closed. {c.isLead ? "Settle the objection with the member, then send a new agreement for everyone to sign." : `${c.lead.name} sends a new agreement once the objection is settled.`}</p> : null}
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-700">Background IP, foreground IP and data sharing, and how the block&apos;s time is shared, are agreed by every member and {b.facility.name} before anyone books a session. {c.isLead ? "Send it when the members are ready to sign." : `${c.lead.name} sends it.`}</p>
      )}
      {c.isLead && (!a || a.state === "DECLINED") ? <div className="mt-3"><SendAgreementButton target={{ blockId: b.id }} label={a?.state === "DECLINED" ? "Send a new consortium agreement" : "Send the consortium agreement for signature"} /></div> : null}
    </section>
  );
}

function CycleSection({ consortium: c, block: b, cycle: cy }: { consortium: Consortium; block: Block; cycle: BlockCycle }) {
  const tz = b.facility.timeZone;
  const hours = b.endstation.shiftHours;
  const pending = cy.sessions.filter((s) => s.state === "PENDING_APPROVAL");
  const mineOnly = c.myOrganisations.map((o) => o.id);
  const canBook = cy.usage.some((u) => mineOnly.includes(u.organisationId) && u.share > 0);
  // Cancelled sessions hold no time and count for nothing: left out, with a count.
  const shownSessions = cy.sessions.filter((s) => s.state !== "CANCELLED");
  const cancelled = cy.sessions.length - shownSessions.length;
  const headingId = `cycle-${b.id}-${cy.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 border-t border-slate-100 pt-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">Cycle {cy.name}</h3>
        <span className="text-sm text-slate-600">{formatFacilityDate(cy.startsAt, tz)} to {formatFacilityDate(lastDay(cy.endsAt), tz)}</span>
        {cy.ended ? <Badge>Ended</Badge> : null}
      </div>

      <div>
        <h4 className="text-sm font-semibold text-slate-900">Block time on the calendar</h4>
        {cy.placements.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">Not placed yet: {b.facility.name}&apos;s staff put the block&apos;s {formatShifts(b.shiftsPerCycle, hours)} on the calendar, and members can then book inside it.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm text-slate-800">
            {cy.placements.map((p) => (
              <li key={p.id}><span className="font-medium">{p.reference}</span> · {formatRange(p.startsAt, p.endsAt, tz)} · {formatShifts(p.shifts, hours)}</li>
            ))}
            {cy.placedShifts < b.shiftsPerCycle ? <li className="text-slate-600">{formatShifts(b.shiftsPerCycle - cy.placedShifts, hours)} still to be placed by the facility.</li> : null}
          </ul>
        )}
      </div>

      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-sm font-semibold text-slate-900">Shares and use in {cy.name}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-600">
          <tr><th scope="col" className="py-1 pr-3">Member</th><th scope="col" className="py-1 pr-3">Share</th><th scope="col" className="py-1 pr-3">Booked</th><th scope="col" className="py-1 pr-3">Used</th><th scope="col" className="py-1">Remaining</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {cy.usage.map((u) => (
            <tr key={u.organisationId}>
              <th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">{u.organisationName}{u.organisationId === c.lead.id ? <span className="font-normal text-slate-600"> (lead)</span> : null}</th>
              <td className="py-1.5 pr-3">{formatShifts(u.share, hours)}</td>
              <td className="py-1.5 pr-3">{formatShifts(u.booked, hours)}</td>
              <td className="py-1.5 pr-3">{formatShifts(u.used, hours)}</td>
              <td className="py-1.5">{formatShifts(u.remaining, hours)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 text-slate-700">
            <th scope="row" className="py-1.5 pr-3 font-medium">Not shared out</th>
            <td className="py-1.5 pr-3" colSpan={4}>{formatShifts(cy.unshared, hours)} of {formatShifts(b.shiftsPerCycle, hours)}</td>
          </tr>
        </tfoot>
      </table>

      {c.isLead && !cy.ended ? (
        <div className="rounded-md border border-slate-200 p-4">
          <h4 className="mb-1 text-sm font-semibold text-slate-900">Share out {cy.name}</h4>
          <p className="mb-3 text-sm text-slate-700">Give each member organisation its shifts; to move unused shifts, lower one member&apos;s share and raise another&apos;s.</p>
          <SharesForm
            blockId={b.id}
            cycleId={cy.id}
            cycleName={cy.name}
            acronym={c.acronym}
            shiftsPerCycle={b.shiftsPerCycle}
            shiftHours={hours}
            members={cy.usage.map((u) => ({ organisationId: u.organisationId, name: u.organisationName, share: u.share, booked: u.booked }))}
          />
        </div>
      ) : null}

      {c.isLead && pending.length > 0 ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-900">Waiting for your approval</h4>
          <ul className="mt-2 space-y-2">
            {pending.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm">
                <span><span className="font-medium">{s.organisationName}</span> · {formatRange(s.startsAt, s.endsAt, tz)} · {formatShifts(s.shifts, hours)} · {s.title}</span>
                <DecideSessionButtons sessionId={s.id} what={`of ${s.organisationName} from ${formatRange(s.startsAt, s.endsAt, tz)}`} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {c.myOrganisations.length > 0 && !cy.ended ? (
        b.agreement?.state !== "SIGNED" ? (
          <EmptyState title="Sessions open once the consortium agreement is signed">Every member and {b.facility.name} sign the block&apos;s consortium agreement first; see above who has yet to sign.</EmptyState>
        ) : cy.placements.length === 0 ? (
          <EmptyState title="Nothing to book yet">Sessions are booked inside the block&apos;s time; the facility has not placed {cy.name} on the calendar yet.</EmptyState>
        ) : !canBook ? (
          <EmptyState title={`No share for ${c.myOrganisations.map((o) => o.name).join(", ")} in ${cy.name}`}>
            {c.isLead ? "Give your own organisation shifts in the share editor above to book sessions for it." : `${c.lead.name} shares out the block; ask the lead for shifts in ${cy.name}.`}
          </EmptyState>
        ) : (
          <BookSessionForm
            acronym={c.acronym}
            cycleName={cy.name}
            needsApproval={c.leadApprovesSessions}
            organisations={c.myOrganisations}
            shiftOptions={shiftTimeLabels(b.pattern)}
            placements={cy.placements.map((p) => ({
              id: p.id,
              label: `${formatRange(p.startsAt, p.endsAt, tz)} · ${formatShifts(p.shifts, hours)} · ${p.reference}`,
              firstDate: localIsoDate(p.startsAt, tz),
              lastDate: localIsoDate(new Date(p.endsAt.getTime() - 1), tz),
              range: formatRange(p.startsAt, p.endsAt, tz),
            }))}
          />
        )
      ) : null}

      <div>
        <h4 className="text-sm font-semibold text-slate-900">{c.isLead ? "Sessions" : "Sessions in the block"}</h4>
        {cancelled > 0 ? <p className="mt-1 text-xs text-slate-600">{cancelled} cancelled session{cancelled === 1 ? "" : "s"} not shown.</p> : null}
        {shownSessions.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">No sessions in {cy.name} yet{c.myOrganisations.length > 0 && cy.placements.length > 0 && canBook && !cy.ended ? ": book one above." : "."}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Sessions in {c.acronym}&apos;s block, {cy.name}</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr><th scope="col" className="py-1 pr-3">When ({tz})</th><th scope="col" className="py-1 pr-3">Organisation</th><th scope="col" className="py-1 pr-3">Shifts</th><th scope="col" className="py-1 pr-3">What</th><th scope="col" className="py-1 pr-3">Status</th><th scope="col" className="py-1"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shownSessions.map((s) => (
                <tr key={s.id}>
                  <td className="py-1.5 pr-3">{formatRange(s.startsAt, s.endsAt, tz)}</td>
                  <td className="py-1.5 pr-3">{s.organisationName}</td>
                  <td className="py-1.5 pr-3">{formatShifts(s.shifts, hours)}</td>
                  <td className="py-1.5 pr-3">{s.title ?? <span className="text-slate-600">Another member&apos;s session</span>}</td>
                  <td className="py-1.5 pr-3"><Badge tone={sessionStateTones[s.state]}>{sessionStateLabels[s.state]}</Badge></td>
                  <td className="py-1.5">{s.canCancel ? <CancelSessionButton sessionId={s.id} what={`${s.title ?? ""} from ${formatRange(s.startsAt, s.endsAt, tz)}`} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
