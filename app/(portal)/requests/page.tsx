import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/server/access/actor";
import type { AccessRequestState } from "@/server/generated/prisma/enums";
import { formatFacilityDate } from "@/server/time";
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { routeKindLabels, stateLabels, stateTones } from "../../_lib/request-labels";
import { currentActor, portalApi } from "../../_lib/server-api";

export const metadata: Metadata = { title: "Access requests" };

const sortable = { updated: "Last activity", reference: "Reference", title: "Title", state: "Status", due: "Decision due" } as const;
type SortKey = keyof typeof sortable;

export default async function RequestsPage({ searchParams }: { searchParams: Promise<{ state?: string; sort?: string; q?: string }> }) {
  const { state, sort, q } = await searchParams;
  const api = await portalApi();
  const all = await api.accessRequests.list({});
  const actor = await currentActor();
  const sortKey: SortKey = sort && sort in sortable ? (sort as SortKey) : "updated";
  const query = q?.trim().toLowerCase() ?? "";
  const rows = all
    .filter((r) => !state || r.state === state)
    .filter((r) => !query || `${r.reference ?? ""} ${r.title} ${r.organisation.name}`.toLowerCase().includes(query))
    .sort((a, b) => {
      switch (sortKey) {
        case "reference": return (a.reference ?? "~").localeCompare(b.reference ?? "~");
        case "title": return a.title.localeCompare(b.title);
        case "state": return stateLabels[a.state].localeCompare(stateLabels[b.state]);
        case "due": return (a.decisionDueAt?.getTime() ?? Infinity) - (b.decisionDueAt?.getTime() ?? Infinity);
        default: return b.updatedAt.getTime() - a.updatedAt.getTime();
      }
    });
  const states = [...new Set(all.map((r) => r.state))] as AccessRequestState[];
  const canApply = hasRole(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER");
  const link = (params: Record<string, string | undefined>) => `?${new URLSearchParams(Object.entries({ state, sort, q, ...params }).filter(([, v]) => v) as [string, string][])}`;

  return (
    <>
      <PageHeader title="Access requests" description="Requests for beamtime you can see: your organisation's, or those for your facility to review." actions={canApply ? <ButtonLink href="/requests/new">New access request</ButtonLink> : undefined} />
      <Card>
        <form className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter requests">
          <div>
            <label htmlFor="filter-state" className="block text-xs font-medium text-slate-700">Status</label>
            <select id="filter-state" name="state" defaultValue={state ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm">
              <option value="">All statuses</option>
              {states.map((s) => <option key={s} value={s}>{stateLabels[s]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="filter-q" className="block text-xs font-medium text-slate-700">Reference, title or organisation</label>
            <input id="filter-q" name="q" defaultValue={q ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          {sort ? <input type="hidden" name="sort" value={sort} /> : null}
          <button className="rounded-md bg-white px-3.5 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50" type="submit">Filter</button>
        </form>
        <p className="mb-2 text-sm text-slate-700" aria-live="polite">{rows.length} request{rows.length === 1 ? "" : "s"}</p>
        {rows.length === 0 ? (
          all.length === 0 ? (
            <EmptyState title="No requests yet" action={canApply ? <ButtonLink href="/requests/new">Start an access request</ButtonLink> : undefined}>
              {canApply ? "Start an industrial or peer-reviewed access request: you can save a draft and come back to it." : "Requests submitted to your facility will appear here for review."}
            </EmptyState>
          ) : (
            <EmptyState title="No requests match these filters"><Link className="underline" href="/requests">Clear the filters</Link></EmptyState>
          )
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Access requests</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  {(Object.keys(sortable) as SortKey[]).filter((k) => k !== "updated").map((key) => (
                    <th key={key} scope="col" className="py-2 pr-4" aria-sort={sortKey === key ? "ascending" : undefined}>
                      <Link href={link({ sort: key })} className="hover:underline">{sortable[key]}{sortKey === key ? " ▲" : ""}</Link>
                    </th>
                  ))}
                  <th scope="col" className="py-2 pr-4">Organisation</th>
                  <th scope="col" className="py-2 pr-4">Route</th>
                  <th scope="col" className="py-2">Shifts</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap py-2 pr-4 font-medium"><Link className="text-brand-700 underline" href={`/requests/${r.id}`}>{r.reference ?? "Draft"}</Link></td>
                    <td className="py-2 pr-4">{r.title || <span className="text-slate-600">Untitled draft</span>}</td>
                    <td className="py-2 pr-4"><Badge tone={stateTones[r.state]}>{stateLabels[r.state]}</Badge><p className="mt-1 max-w-xs text-xs text-slate-600">{r.nextStep}</p></td>
                    <td className="whitespace-nowrap py-2 pr-4">{r.decisionDueAt && !r.decidedAt ? formatFacilityDate(r.decisionDueAt, r.facility.timeZone) : "—"}</td>
                    <td className="py-2 pr-4">{r.organisation.name}</td>
                    <td className="py-2 pr-4">{routeKindLabels[r.route.kind]}{r.route.confidential ? <span className="block text-xs text-amber-800">Proprietary</span> : null}</td>
                    <td className="whitespace-nowrap py-2">{r.allocatedShifts ? `${formatShifts(r.allocatedShifts)} granted` : r.shiftsRequested ? formatShifts(r.shiftsRequested) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
