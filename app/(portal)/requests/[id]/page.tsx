import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { contentLabels, fieldText } from "@/server/access-requests/diff-versions";
import type { RequestContent } from "@/server/access-requests/schemas";
import { formatFacilityDate, formatFacilityDateTime } from "@/server/time";
import { Badge, ButtonLink, Card, DefinitionList, Notice, PageHeader } from "../../../_components/ui";
import { formatShifts } from "../../../_lib/format";
import { routeKindLabels, stateLabels, stateTones } from "../../../_lib/request-labels";
import { portalApi } from "../../../_lib/server-api";
import { JourneyChain } from "../../../_components/journey-chain";
import { BillingSection } from "./billing-section";
import { DecisionClock } from "./decision-clock";
import { invoiceLink, pipelineLink, runLink, samplesLink } from "./journey-links";
import { RequestActions } from "./request-actions";
import { SendAgreementButton } from "../../agreements/send-agreement-button";

export const metadata: Metadata = { title: "Access request" };

const sections: (keyof RequestContent)[] = ["summary", "scientificCase", "techniques", "shiftsRequested", "shiftJustification", "dateWindows", "unavailableDates", "team", "samples", "companyDescription", "expectedBenefit"];

function nullWhenNotFound(error: unknown): null {
  if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
  throw error;
}

export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const { id } = await params;
  const { submitted } = await searchParams;
  const api = await portalApi();
  const detail = await api.accessRequests.get({ requestId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { request, content, reviews, versions, latestChanges } = detail;
  const zone = request.facility.timeZone;
  const shiftHours = request.endstations[0]?.endstation.shiftHours ?? 8;
  // Only the applicant's people and the facility's staff see samples and billing; others get "not found" and the links stay neutral.
  const approved = request.state === "APPROVED";
  const [samples, billing, runs] = await Promise.all([
    approved ? api.samples.forRequest({ requestId: id }).catch(nullWhenNotFound) : null,
    approved ? api.billing.forRequest({ requestId: id }).catch(nullWhenNotFound) : null,
    // The runs policy decides: a panel member reading the request sees no runs.
    approved ? api.runs.list({ requestId: id }) : [],
  ]);

  return (
    <>
      <PageHeader
        title={`${request.reference ?? "Draft"}${request.title ? `: ${request.title}` : ""}`}
        description={`${routeKindLabels[request.route.kind]} at ${request.facility.name} · ${request.organisation.name}`}
        actions={versions.length > 0 ? <ButtonLink variant="secondary" href={`/api/requests/${id}/pdf`} target="_blank">PDF of version {request.version}</ButtonLink> : undefined}
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Badge tone={stateTones[request.state]}>{stateLabels[request.state]}</Badge>
        <p className="text-sm text-slate-700">{detail.nextStep}</p>
        {request.route.confidential ? <Badge tone="warning">Proprietary — visible to {request.organisation.name} and facility staff</Badge> : <Badge tone="info">Peer-reviewed route: the panel reads it</Badge>}
      </div>
      <div className="mb-6">
        <JourneyChain
          links={[
            {
              label: "Request",
              state: request.state === "APPROVED" ? "done" : request.state === "REJECTED" || request.state === "WITHDRAWN" ? "blocked" : request.state === "CHANGES_REQUESTED" || request.state === "DRAFT" ? "waiting" : "current",
              status: stateLabels[request.state],
              href: `/requests/${id}`,
            },
            detail.agreement
              ? {
                  label: "Agreement",
                  state: detail.agreement.state === "SIGNED" ? ("done" as const) : detail.agreement.state === "DECLINED" ? ("blocked" as const) : ("waiting" as const),
                  status: detail.agreement.state === "SIGNED" ? "Signed" : detail.agreement.state === "DECLINED" ? "Declined" : "Waiting for signatures",
                  href: `/agreements/${detail.agreement.id}`,
                }
              : { label: "Agreement", state: "not-started" as const, status: request.state === "APPROVED" ? "Next step" : "Not started" },
            samplesLink(id, samples),
            { label: "Booking", state: "not-started" as const, status: "Not started" },
            runLink(runs),
            pipelineLink(runs),
            { label: "Passport", state: "not-started" as const, status: "Not started" },
            invoiceLink(id, billing),
          ]}
        />
      </div>
      {submitted ? <div className="mb-6"><Notice tone="success" title={`Submitted as ${request.reference}, version ${request.version}`}>The facility has been told. You will get an email at each step.</Notice></div> : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          {billing ? <BillingSection requestId={id} billing={billing} /> : null}
          {request.state === "APPROVED" ? (
            <Card title="Samples and shipments" id="samples">
              <p className="text-sm text-slate-700">Register the samples, get hazardous ones approved, print labels and follow every move in the custody chain.</p>
              <div className="mt-3"><ButtonLink variant="secondary" href={`/requests/${id}/samples`}>Open samples and shipments</ButtonLink></div>
            </Card>
          ) : null}
          <Card title="The request" id="content">
            <DefinitionList
              items={[
                ["Title", content.title || "—"],
                ["Endstations", request.endstations.map((e) => e.endstation.name).join(", ") || fieldText("endstationIds", content.endstationIds)],
                ...sections.filter((s) => !(request.route.kind === "NON_PROPRIETARY" && (s === "companyDescription" || s === "expectedBenefit"))).map((s): [string, React.ReactNode] => [
                  contentLabels[s],
                  <span key={s} className="whitespace-pre-line">{s === "shiftsRequested" && content.shiftsRequested ? formatShifts(content.shiftsRequested, shiftHours) : fieldText(s, content[s])}</span>,
                ]),
              ]}
            />
          </Card>

          {latestChanges.length > 0 ? (
            <Card title={`What changed in version ${request.version}`} id="changes">
              <table className="w-full table-fixed text-left text-sm">
                <caption className="sr-only">Changes from version {request.version - 1} to {request.version}</caption>
                <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="w-1/5 py-2 pr-3">Field</th><th scope="col" className="py-2 pr-3">Version {request.version - 1}</th><th scope="col" className="py-2">Version {request.version}</th></tr></thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {latestChanges.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" className="py-2 pr-3 font-medium">{c.label}</th>
                      <td className="whitespace-pre-line py-2 pr-3"><del className="bg-red-50 text-red-900">{c.before}</del></td>
                      <td className="whitespace-pre-line py-2"><ins className="bg-emerald-50 text-emerald-900 no-underline">{c.after}</ins></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          ) : null}

          <Card title="Reviews and decisions" id="reviews">
            {reviews.length === 0 ? (
              <p className="text-sm text-slate-700">No reviews yet. {request.state === "DRAFT" ? "Submit the request to start the review." : "The facility reviews feasibility first, then safety."}</p>
            ) : (
              <ol className="space-y-4">
                {reviews.map((r) => (
                  <li key={r.id} className="rounded-md border border-slate-200 p-3 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <strong>{{ FEASIBILITY: "Feasibility", SAFETY: "Safety", PANEL: "Panel grade", DECISION: "Decision" }[r.kind]}</strong>
                      <Badge>{r.kind === "PANEL" ? `Grade ${r.grade}` : r.outcome.replaceAll("_", " ").toLowerCase()}</Badge>
                      {r.riskLevel ? <Badge tone={r.riskLevel === "LOW" ? "success" : "warning"}>{r.riskLevel.toLowerCase()} risk</Badge> : null}
                      <span className="text-slate-600">by {r.reviewer.name}, version {r.version}, {formatFacilityDateTime(r.createdAt, zone)}</span>
                    </p>
                    {r.hazards.length ? <p className="mt-1">Hazards: {r.hazards.join(", ").replaceAll("_", " ").toLowerCase()}</p> : null}
                    {r.shifts ? <p className="mt-1">Shifts: {formatShifts(r.shifts, shiftHours)}</p> : null}
                    {r.conditions ? <p className="mt-1">Conditions: {r.conditions}</p> : null}
                    {r.comments ? <p className="mt-1 whitespace-pre-line text-slate-800">{r.comments}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title="Next step" id="actions">
            <RequestActions
              requestId={id}
              reference={request.reference}
              state={request.state}
              events={detail.events}
              canEdit={detail.canEdit}
              canGrade={detail.canGrade}
              isIndustrialOffice={detail.parties.includes("industrialOffice")}
              shiftsRequested={request.shiftsRequested}
            />
          </Card>
          <Card title="Details" id="details">
            <DefinitionList
              items={[
                ["Reference", request.reference ?? "Given on submission"],
                ["Route", request.route.name],
                ["Facility", `${request.facility.name} (${zone})`],
                ["Organisation", request.organisation.name],
                ...(request.call ? [["Call", `${request.call.title} (cycle ${request.call.cycle.name})`] as [string, string]] : []),
                ["Version", request.version ? String(request.version) : "Not yet submitted"],
                ["First submitted", request.firstSubmittedAt ? formatFacilityDateTime(request.firstSubmittedAt, zone) : "—"],
                ["Decision", request.decidedAt ? `${stateLabels[request.state]} on ${formatFacilityDate(request.decidedAt, zone)}` : "Pending"],
                ...(request.allocatedShifts ? [["Granted", formatShifts(request.allocatedShifts, shiftHours)] as [string, string]] : []),
              ]}
            />
            {request.decisionNote ? <p className="mt-3 whitespace-pre-line text-sm text-slate-800"><strong>Decision note:</strong> {request.decisionNote}</p> : null}
          </Card>
          {request.decisionDueAt && !request.decidedAt ? (
            <Card title="Decision clock" id="clock">
              <DecisionClock startedAt={request.firstSubmittedAt!} dueAt={request.decisionDueAt} targetDays={request.route.decisionTargetDays} timeZone={zone} />
            </Card>
          ) : null}
          {request.state === "APPROVED" ? (
            <Card title="Agreement" id="agreement">
              {detail.agreement ? (
                <div className="space-y-2 text-sm">
                  <p><Link className="font-medium text-brand-700 underline" href={`/agreements/${detail.agreement.id}`}>{detail.agreement.reference}</Link> · {detail.agreement.state === "SIGNED" ? "signed by every party" : detail.agreement.state === "DECLINED" ? "declined" : `waiting for ${detail.agreement.waitingFor.join(" and ")}`}</p>
                  {detail.agreement.declined.map((d) => <p key={d.organisation} className="text-red-800">{d.organisation} declined: {d.reason}</p>)}
                  <p className="text-slate-700">Data access: {detail.agreement.dataAccessTier.toLowerCase().replaceAll("_", " ")}{detail.agreement.licence ? ` · licence ${detail.agreement.licence}` : ""}{detail.agreement.embargoEndsAt ? ` · embargo until ${formatFacilityDate(detail.agreement.embargoEndsAt, zone)}` : ""}</p>
                  {detail.agreement.state !== "SIGNED" ? <p className="text-slate-700">No beamtime is confirmed, and no sample ships, until every party has signed.</p> : null}
                </div>
              ) : (
                <p className="text-sm text-slate-700">No agreement yet. The facility sends it for signature after approval; beamtime is confirmed once every party has signed.</p>
              )}
              {detail.canSendAgreement ? <div className="mt-3"><SendAgreementButton target={{ requestId: id }} label="Send the agreement for signature" /></div> : null}
            </Card>
          ) : null}
          <Card title="Data policy" id="policy"><p className="text-sm text-slate-700">{request.route.dataPolicy}</p></Card>
          {versions.length > 0 ? (
            <Card title="Versions" id="versions">
              <ul className="space-y-1 text-sm">
                {versions.map((v) => (
                  <li key={v.version}>
                    <Link className="text-brand-700 underline" href={`/api/requests/${id}/pdf?version=${v.version}`} target="_blank">Version {v.version}</Link> submitted {formatFacilityDateTime(v.submittedAt, zone)}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
