import { shiftTimeLabels, localIsoDate } from "@/server/consortia/labels";
import { formatRange } from "@/server/consortia/load";
import type { facilityBlocks } from "@/server/consortia/read-consortia";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, EmptyState } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { GrantBlockForm } from "./grant-block-form";
import { PlaceBlockForm } from "./place-block-form";

type Data = Awaited<ReturnType<typeof facilityBlocks>>;

const lastDay = (end: Date) => new Date(end.getTime() - 1);

/** For facility staff: the blocks granted at their facility, what is placed per cycle, and (admins) granting a new block. */
export function FacilityBlocks({ data }: { data: Data }) {
  if (data.facilities.length === 0) return <EmptyState title="You are not on a facility's staff">Facility staff place consortium blocks on their endstations&apos; calendars here.</EmptyState>;
  return (
    <>
      {data.facilities.map((f) => (
        <section key={f.id} aria-labelledby={`facility-${f.id}`} className="space-y-4">
          <h2 id={`facility-${f.id}`} className="text-lg font-semibold text-slate-900">Blocks at {f.name} <span className="text-sm font-normal text-slate-600">· {f.timeZone}</span></h2>
          {f.blocks.length === 0 ? <EmptyState title="No consortium blocks yet">{f.isAdmin ? "Grant a consortium a block below; staff then place its time on the calendar." : "Your facility's admins grant blocks; you then place their time here."}</EmptyState> : null}
          {f.blocks.map((b) => {
            const endstation = f.endstations.find((e) => e.id === b.endstation.id);
            const hours = b.endstation.shiftHours;
            return (
              <Card key={b.id} title={`${b.consortium.acronym} · ${b.endstation.name}`} id={`facility-block-${b.id}`} actions={<Badge tone="warning">Confidential to {b.consortium.acronym} and {f.name} staff</Badge>}>
                <p className="text-sm text-slate-700">
                  {b.consortium.name} (lead {b.consortium.lead}): {formatShifts(b.shiftsPerCycle, hours)} per cycle, {formatFacilityDate(b.firstCycleStart, f.timeZone)} to {formatFacilityDate(lastDay(b.lastCycleEnd), f.timeZone)}.
                </p>
                <div className="mt-4 space-y-6">
                  {b.cycles.map((cy) => (
                    <section key={cy.id} aria-labelledby={`placed-${b.id}-${cy.id}`} className="space-y-2 border-t border-slate-100 pt-3">
                      <h3 id={`placed-${b.id}-${cy.id}`} className="text-sm font-semibold text-slate-900">
                        Cycle {cy.name}: {formatShifts(cy.placedShifts, hours)} of {formatShifts(b.shiftsPerCycle, hours)} placed
                      </h3>
                      {cy.placements.length > 0 ? (
                        <ul className="space-y-1 text-sm text-slate-800">
                          {cy.placements.map((p) => {
                            const sessions = cy.sessions.filter((s) => s.placementId === p.id && (s.state === "BOOKED" || s.state === "PENDING_APPROVAL"));
                            return (
                              <li key={p.id}>
                                <span className="font-medium">{p.reference}</span> · {formatRange(p.startsAt, p.endsAt, f.timeZone)} · {formatShifts(p.shifts, hours)}
                                {sessions.length > 0 ? (
                                  <ul className="ml-4 mt-1 list-disc pl-4 text-slate-700">
                                    {sessions.map((s) => <li key={s.id}>{s.organisationName}: {formatRange(s.startsAt, s.endsAt, f.timeZone)} · {formatShifts(s.shifts, hours)} · {s.title}{s.state === "PENDING_APPROVAL" ? " (waiting for the lead)" : ""}</li>)}
                                  </ul>
                                ) : <span className="text-slate-600"> · no sessions booked yet</span>}
                              </li>
                            );
                          })}
                        </ul>
                      ) : null}
                      {cy.placedShifts < b.shiftsPerCycle && !cy.ended && endstation ? (
                        <PlaceBlockForm
                          blockId={b.id}
                          cycleId={cy.id}
                          label={`${b.consortium.acronym} ${cy.name}`}
                          left={b.shiftsPerCycle - cy.placedShifts}
                          firstDate={localIsoDate(cy.startsAt, f.timeZone)}
                          lastDate={localIsoDate(lastDay(cy.endsAt), f.timeZone)}
                          shiftOptions={shiftTimeLabels(endstation.pattern)}
                        />
                      ) : null}
                    </section>
                  ))}
                </div>
              </Card>
            );
          })}
          {f.isAdmin ? (
            <GrantBlockForm
              facilityName={f.name}
              consortia={data.consortia}
              endstations={f.endstations.map((e) => ({ id: e.id, name: e.name }))}
              cycles={f.cycles.map((c) => ({ id: c.id, name: c.name }))}
            />
          ) : null}
        </section>
      ))}
    </>
  );
}
