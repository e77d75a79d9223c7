import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/server/access/actor";
import { formatFacilityDateTime } from "@/server/time";
import { Badge, Card, EmptyState, PageHeader } from "../../_components/ui";
import { currentActor, portalApi } from "../../_lib/server-api";
import { OpenRunButton } from "./open-run-button";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const api = await portalApi();
  const staff = hasRole(await currentActor(), "FACILITY_STAFF", "FACILITY_ADMIN");
  const [runs, due] = await Promise.all([api.runs.list({ requestId: null }), staff ? api.runs.runnable() : Promise.resolve([])]);
  return (
    <>
      <PageHeader
        title="Runs"
        description={staff ? "What happened at the endstations: open a booking's run when its time starts, keep its logbook, and start its pipelines." : "Your experiments at the endstations: logbooks, scans, data and pipeline results."}
      />
      <div className="space-y-6">
        {staff ? (
          <Card title={`Due to open (${due.length})`} id="due">
            {due.length === 0 ? (
              <EmptyState title="No run is due to open">Confirmed bookings appear here once their time has started.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100">
                {due.map((b) => (
                  <li key={`${b.bookingId}:${b.sessionId ?? ""}`} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div className="text-sm">
                      <p className="font-medium text-slate-900">{b.reference} · {b.title}</p>
                      <p className="text-slate-600">{b.organisation} · {b.endstation} · {formatFacilityDateTime(b.startsAt, b.timeZone)} to {formatFacilityDateTime(b.endsAt, b.timeZone)}</p>
                    </div>
                    <OpenRunButton bookingId={b.bookingId} sessionId={b.sessionId} label={`Open the run of ${b.reference} for ${b.organisation}`} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        <Card title={`Runs (${runs.length})`} id="runs">
          {runs.length === 0 ? (
            <EmptyState title="No runs yet">{staff ? "Open a run from the list above when a booking's time starts." : "A run appears here when the facility opens it at the start of your booked time."}</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[640px] text-left text-sm">
                <caption className="sr-only">Runs</caption>
                <thead className="text-xs uppercase tracking-wide text-slate-600">
                  <tr><th scope="col" className="py-1 pr-3">Run</th><th scope="col" className="py-1 pr-3">For</th><th scope="col" className="py-1 pr-3">Endstation</th><th scope="col" className="py-1 pr-3">Opened</th><th scope="col" className="py-1 pr-3">Scans</th><th scope="col" className="py-1">State</th></tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {runs.map((r) => (
                    <tr key={r.id}>
                      <td className="py-2 pr-3"><Link className="font-medium text-brand-700 underline" href={`/runs/${r.id}`}>{r.reference}</Link></td>
                      <td className="py-2 pr-3">{r.request ? `${r.request.reference} · ` : ""}{r.organisation.name}</td>
                      <td className="py-2 pr-3">{r.endstation.name}</td>
                      <td className="py-2 pr-3">{formatFacilityDateTime(r.openedAt, r.facility.timeZone)}</td>
                      <td className="py-2 pr-3">{r._count.scans} · {r._count.pipelines} pipeline{r._count.pipelines === 1 ? "" : "s"}</td>
                      <td className="py-2"><Badge tone={r.state === "OPEN" ? "info" : "neutral"}>{r.state === "OPEN" ? "Open" : "Closed"}</Badge></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
