import Link from "next/link";
import { formatFacilityDate } from "@/server/time";
import { Badge } from "../../_components/ui";
import { stateLabels, stateTones } from "../../_lib/request-labels";

interface Row {
  id: string;
  reference: string | null;
  title: string;
  state: keyof typeof stateLabels;
  nextStep: string;
  decisionDueAt: Date | null;
  decidedAt: Date | null;
  organisation: { name: string };
  facility: { name: string; timeZone: string };
}

/** A compact list of requests: reference, status badge, next step and the decision date. */
export function RequestList({ requests, more }: { requests: Row[]; more: number }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm">
        {requests.map((r) => (
          <li key={r.id} className="flex flex-wrap items-start justify-between gap-3 py-2">
            <div>
              <Link className="font-medium text-brand-700 underline" href={`/requests/${r.id}`}>{r.reference ?? "Draft"}</Link>{" "}
              <span className="text-slate-900">{r.title || "Untitled draft"}</span>
              <p className="text-xs text-slate-600">{r.organisation.name} · {r.facility.name} · {r.nextStep}</p>
            </div>
            <div className="flex items-center gap-2">
              {r.decisionDueAt && !r.decidedAt ? <span className="text-xs text-slate-700">decision due {formatFacilityDate(r.decisionDueAt, r.facility.timeZone)}</span> : null}
              <Badge tone={stateTones[r.state]}>{stateLabels[r.state]}</Badge>
            </div>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-2 text-sm"><Link className="text-brand-700 underline" href="/requests">All {requests.length + more} requests</Link></p> : null}
    </>
  );
}
