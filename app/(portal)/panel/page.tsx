import type { Metadata } from "next";
import Link from "next/link";
import type { PanelDesk } from "@/server/access-requests/panel-view";
import { Badge, Card, EmptyState, Notice, PageHeader } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { stateLabels, stateTones } from "../../_lib/request-labels";
import { portalApi } from "../../_lib/server-api";
import { AllocateForm } from "./allocate-form";
import { GradeForm } from "./grade-form";
import { gradeText } from "./grades";

export const metadata: Metadata = { title: "Review panel" };

type PanelRequest = PanelDesk["requests"][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const shiftHoursOf = (r: PanelRequest) => r.endstation?.shiftHours ?? 8;
const th = "whitespace-nowrap py-2 pr-4 font-medium";
const td = "py-2 pr-4";

export default async function PanelPage() {
  const desks = await (await portalApi()).accessRequests.panel();

  if (desks.length === 0) {
    return (
      <>
        <PageHeader title="Review panel" />
        <EmptyState title="You do not sit on a review panel">
          Facilities invite panel members for each allocation cycle to grade the peer-reviewed (non-proprietary) requests made to them, and name a chair who allocates the shifts.
          When a facility gives you a seat on its panel, the requests for you to review will appear here.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Review panel"
        description="Grade the peer-reviewed requests of each cycle you sit on, from 1 (outstanding) to 5 (not recommended). The chair ranks the requests by mean grade and allocates shifts."
      />
      <div className="space-y-6">
        {desks.map((desk) => (
          <PanelDeskCard key={desk.cycle.id} desk={desk} />
        ))}
      </div>
    </>
  );
}

function PanelDeskCard({ desk }: { desk: PanelDesk }) {
  const { cycle, isChair, requests, excludedForConflict } = desk;
  return (
    <Card
      id={`cycle-${cycle.id}`}
      title={`${cycle.facilityName} · cycle ${cycle.name}`}
      actions={<Badge tone={isChair ? "info" : "neutral"}>{isChair ? "Chair" : "Panel member"}</Badge>}
    >
      <div className="space-y-4">
        {excludedForConflict > 0 ? (
          <Notice>
            {plural(excludedForConflict, "request", "requests")} from your own organisation {excludedForConflict === 1 ? "is" : "are"} hidden from you (conflict of interest).
          </Notice>
        ) : null}
        {requests.length === 0 ? (
          <EmptyState title="No requests in panel review for this cycle yet">
            Peer-reviewed requests to {cycle.facilityName} for cycle {cycle.name} appear here once they have passed the facility&apos;s feasibility and safety checks.
            {isChair
              ? " You will see each request's grades and mean, ranked, and allocate shifts from here."
              : " You will grade each one from 1 (outstanding) to 5 (not recommended), with comments for the chair."}
          </EmptyState>
        ) : isChair ? (
          <ChairView desk={desk} />
        ) : (
          <MemberView desk={desk} />
        )}
      </div>
    </Card>
  );
}

function StatusBadge({ request }: { request: PanelRequest }) {
  if (request.state === "APPROVED" && request.allocatedShifts !== null) {
    return <Badge tone="success">Allocated {formatShifts(request.allocatedShifts, shiftHoursOf(request))}</Badge>;
  }
  return <Badge tone={stateTones[request.state]}>{stateLabels[request.state]}</Badge>;
}

function ReferenceLink({ request }: { request: PanelRequest }) {
  return <Link className="font-medium text-brand-700 underline" href={`/requests/${request.id}`}>{request.reference}</Link>;
}

/** A panel member's desk: the requests to grade, those awaiting a grade first. Not in rank order, which would reveal the other members' grades. */
function MemberView({ desk }: { desk: PanelDesk }) {
  const rows = [...desk.requests].sort(
    (a, b) => Number(b.state === "PANEL_REVIEW") - Number(a.state === "PANEL_REVIEW") || a.reference.localeCompare(b.reference),
  );
  const toGrade = rows.filter((r) => r.state === "PANEL_REVIEW" && r.myGrade?.grade == null).length;
  const columns = 7;
  return (
    <>
      <p className="text-sm text-slate-700">
        {plural(rows.length, "request", "requests")} · {toGrade === 0 ? "none waiting for your grade" : `${toGrade} waiting for your grade`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">Requests for you to grade in {desk.cycle.facilityName} cycle {desk.cycle.name}</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className={th}>Reference</th>
              <th scope="col" className={th}>Title</th>
              <th scope="col" className={th}>Organisation</th>
              <th scope="col" className={th}>Endstation</th>
              <th scope="col" className={th}>Shifts requested</th>
              <th scope="col" className={th}>Status</th>
              <th scope="col" className="whitespace-nowrap py-2 font-medium">Your grade</th>
            </tr>
          </thead>
          {rows.map((r) => (
            <tbody key={r.id} className="border-t border-slate-200 align-top">
              <tr>
                <td className={`${td} whitespace-nowrap`}><ReferenceLink request={r} /></td>
                <td className={td}>{r.title}</td>
                <td className={td}>{r.organisation}</td>
                <td className={td}>{r.endstation?.name ?? "—"}</td>
                <td className={`${td} whitespace-nowrap`}>{formatShifts(r.shiftsRequested, shiftHoursOf(r))}</td>
                <td className={td}><StatusBadge request={r} /></td>
                <td className="py-2">{r.myGrade?.grade != null ? gradeText(r.myGrade.grade) : <span className="text-slate-600">Not graded</span>}</td>
              </tr>
              {r.state === "PANEL_REVIEW" ? (
                <tr>
                  <td colSpan={columns} className="pb-4 pt-1">
                    <div className="rounded-md bg-slate-50 p-3">
                      <GradeForm
                        requestId={r.id}
                        reference={r.reference}
                        myGrade={r.myGrade ? { grade: r.myGrade.grade, comments: r.myGrade.comments } : null}
                      />
                    </div>
                  </td>
                </tr>
              ) : null}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}

/** The chair's desk: time left per endstation, the ranking, every grade and comment, and the decision for each request. */
function ChairView({ desk }: { desk: PanelDesk }) {
  const rows = desk.requests;
  const hoursByEndstation = new Map(rows.flatMap((r) => (r.endstation ? [[r.endstation.id, r.endstation.shiftHours] as const] : [])));
  const remainingByEndstation = new Map(desk.capacity.map((c) => [c.endstationId, c] as const));
  const toDecide = rows.filter((r) => r.state === "PANEL_REVIEW").length;
  const columns = 9;
  return (
    <>
      {desk.capacity.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Time left to allocate</h3>
          <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-800">
            {desk.capacity.map((c) => (
              <li key={c.endstationId}>
                <span>{c.name}: {plural(c.remaining, "shift", "shifts")} left in this cycle</span>
                <span className="text-slate-600"> ({c.remaining * (hoursByEndstation.get(c.endstationId) ?? 8)} h)</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-slate-700">
        {plural(rows.length, "request", "requests")} · {toDecide === 0 ? "none waiting for a decision" : `${toDecide} waiting for your decision`} · ranked by mean grade (1 is best), then fewer shifts, then earlier submission; ungraded requests are not ranked
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[64rem] text-left text-sm">
          <caption className="sr-only">Ranking of requests in {desk.cycle.facilityName} cycle {desk.cycle.name}</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className={th}>Rank</th>
              <th scope="col" className={th}>Reference</th>
              <th scope="col" className={th}>Title</th>
              <th scope="col" className={th}>Organisation</th>
              <th scope="col" className={th}>Endstation</th>
              <th scope="col" className={th}>Grades</th>
              <th scope="col" className={th}>Mean grade</th>
              <th scope="col" className={th}>Shifts requested</th>
              <th scope="col" className="whitespace-nowrap py-2 font-medium">Status</th>
            </tr>
          </thead>
          {rows.map((r) => {
            const capacity = r.endstation ? remainingByEndstation.get(r.endstation.id) : undefined;
            return (
              <tbody key={r.id} className="border-t border-slate-200 align-top">
                <tr>
                  <td className={`${td} tabular-nums`}>{r.mean === null ? <span title="Not ranked until graded">—</span> : r.rank}</td>
                  <td className={`${td} whitespace-nowrap`}><ReferenceLink request={r} /></td>
                  <td className={td}>{r.title}</td>
                  <td className={td}>{r.organisation}</td>
                  <td className={td}>{r.endstation?.name ?? "—"}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{r.grades.length > 0 ? r.grades.join(", ") : <span className="text-slate-600">None yet</span>}</td>
                  <td className={`${td} tabular-nums`}>{r.mean === null ? "—" : r.mean.toFixed(1)}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatShifts(r.shiftsRequested, shiftHoursOf(r))}</td>
                  <td className="py-2"><StatusBadge request={r} /></td>
                </tr>
                <tr>
                  <td colSpan={columns} className="pb-4 pt-1">
                    <div className="grid gap-4 lg:grid-cols-2">
                      <GradesDetails request={r} />
                      <AllocateForm
                        requestId={r.id}
                        reference={r.reference}
                        state={r.state}
                        shiftsRequested={r.shiftsRequested}
                        shiftHours={shiftHoursOf(r)}
                        endstation={capacity ? { name: capacity.name, remaining: capacity.remaining } : null}
                      />
                    </div>
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>
    </>
  );
}

function GradesDetails({ request }: { request: PanelRequest }) {
  const grades = request.allGrades;
  return (
    <details className="self-start rounded-md border border-slate-200 bg-slate-50 text-sm">
      <summary className="cursor-pointer px-3 py-2 font-medium text-slate-800">
        Grades and comments for {request.reference} ({grades.length})
      </summary>
      {grades.length === 0 ? (
        <p className="px-3 pb-3 text-slate-600">No panel member has graded this version of the request yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 border-t border-slate-200">
          {grades.map((g, i) => (
            <li key={`${g.reviewer}-${i}`} className="px-3 py-2">
              <p className="font-medium text-slate-900">
                {g.reviewer}: {g.grade === null ? "no grade" : `grade ${gradeText(g.grade)}`}
              </p>
              {g.comments ? <p className="mt-1 whitespace-pre-line text-slate-700">{g.comments}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
