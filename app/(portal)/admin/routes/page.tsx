import type { Metadata } from "next";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, EmptyState, PageHeader } from "../../../_components/ui";
import { routeKindLabels } from "../../../_lib/request-labels";
import { hasRole } from "@/server/access/actor";
import { currentActor, portalApi } from "../../../_lib/server-api";
import { canAdminister } from "../can-administer";
import { CreateCallForm } from "./create-call-form";
import { RouteForm } from "./route-form";

export const metadata: Metadata = { title: "Access routes" };

export default async function RoutesPage() {
  if (!(await canAdminister())) return null;
  const api = await portalApi();
  // Platform admins reach the admin area too, but routes belong to each facility's own admins.
  const facilities = hasRole(await currentActor(), "FACILITY_ADMIN") ? await api.accessRoutes.administered() : [];
  return (
    <>
      <PageHeader title="Access routes and calls" description="How your facility grants time: each route's data policy, decision target and calls. Whether a route is confidential follows its kind and cannot be changed." />
      {facilities.length === 0 ? <EmptyState title="You administer no facility">Facility admins configure their own facility&apos;s routes here.</EmptyState> : null}
      <div className="space-y-8">
        {facilities.map((f) => (
          <section key={f.id} aria-labelledby={`facility-${f.id}`} className="space-y-4">
            <h2 id={`facility-${f.id}`} className="text-lg font-semibold text-slate-900">{f.name} <span className="text-sm font-normal text-slate-600">· {f.timeZone}</span></h2>
            {f.accessRoutes.map((r) => (
              <Card key={r.id} title={routeKindLabels[r.kind]} id={`route-${r.id}`} actions={<span className="flex gap-1"><Badge tone={r.confidential ? "warning" : "info"}>{r.confidential ? "Confidential" : "Published after embargo"}</Badge><Badge tone={r.active ? "success" : "neutral"}>{r.active ? "Taking requests" : "Closed"}</Badge></span>}>
                <RouteForm route={{ routeId: r.id, kind: r.kind, name: r.name, description: r.description, dataPolicy: r.dataPolicy, decisionTargetDays: r.decisionTargetDays, needsCall: r.needsCall, maxShifts: r.maxShifts, embargoMonths: r.embargoMonths, active: r.active }} />
                {r.needsCall ? (
                  <div className="mt-6 border-t border-slate-100 pt-4">
                    <h3 className="text-sm font-semibold text-slate-900">Calls</h3>
                    {r.calls.length === 0 ? (
                      <p className="mt-1 text-sm text-slate-700">No calls yet: open one so applicants can submit.</p>
                    ) : (
                      <table className="mt-2 w-full text-left text-sm">
                        <caption className="sr-only">Calls on {r.name}</caption>
                        <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Call</th><th scope="col" className="py-1 pr-3">Cycle</th><th scope="col" className="py-1 pr-3">Opens</th><th scope="col" className="py-1 pr-3">Closes</th><th scope="col" className="py-1">Requests</th></tr></thead>
                        <tbody className="divide-y divide-slate-100">
                          {r.calls.map((c) => (
                            <tr key={c.id}><td className="py-1 pr-3">{c.title}</td><td className="py-1 pr-3">{c.cycle.name}</td><td className="py-1 pr-3">{formatFacilityDate(c.opensAt, f.timeZone)}</td><td className="py-1 pr-3">{formatFacilityDate(c.closesAt, f.timeZone)}</td><td className="py-1">{c._count.requests}</td></tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                    <CreateCallForm routeId={r.id} cycles={f.cycles.filter((c) => !r.calls.some((call) => call.cycleId === c.id)).map((c) => ({ id: c.id, name: c.name }))} />
                  </div>
                ) : null}
              </Card>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
