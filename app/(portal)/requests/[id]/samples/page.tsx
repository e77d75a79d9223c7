import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { materialClassLabels } from "@/server/access-requests/schemas";
import { hazardLabels } from "@/server/samples/schemas";
import { shipmentStateText, shipmentStateTone } from "@/server/samples/shipment-state";
import { formatFacilityDateTime } from "@/server/time";
import { Badge, Card, EmptyState, Notice, PageHeader } from "../../../../_components/ui";
import { portalApi } from "../../../../_lib/server-api";
import { CloseReceiptButton, DispatchButton, RegisterSampleForm, ReleaseSamplesForm, SampleSafetyForm, ShipmentForm } from "./sample-forms";

export const metadata: Metadata = { title: "Samples and shipments" };

const safetyText = { NOT_REQUIRED: "No hazards declared", PENDING: "Waiting for safety review", APPROVED: "Safety approved", REJECTED: "Refused" } as const;
const safetyTone = { NOT_REQUIRED: "neutral", PENDING: "warning", APPROVED: "success", REJECTED: "danger" } as const;
const statusText = { REGISTERED: "Registered", DISPATCHED: "On its way", RECEIVED: "Received", STORED: "Stored", RETURNED: "Returned", DISPOSED: "Disposed" } as const;
const custodyText = { REGISTERED: "Registered", SAFETY_APPROVED: "Safety approved", SAFETY_REJECTED: "Safety refused", PACKED: "Packed", DISPATCHED: "Dispatched", RECEIVED: "Received", FLAGGED: "Flagged", STORED: "Stored", RETURN_DISPATCHED: "Return dispatched", DISPOSED: "Disposed", MOUNTED: "Mounted on the endstation", UNMOUNTED: "Taken off the endstation" } as const;

export default async function SamplesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await (await portalApi()).samples.forRequest({ requestId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { request, samples, shipments, agreement, isApplicant, isFacilityStaff } = data;
  const zone = request.facility.timeZone;
  const unshipped = samples.filter((s) => s.status === "REGISTERED" && !s.container);
  return (
    <>
      <PageHeader title={`Samples and shipments: ${request.reference}`} description={<>For <Link className="text-brand-700 underline" href={`/requests/${request.id}`}>“{request.title}”</Link> · {request.organisation} to {request.facility.name}. Every move is recorded in each sample&apos;s custody chain.</>} />
      {agreement?.state !== "SIGNED" ? (
        <div className="mb-6"><Notice tone="warning" title="Nothing ships yet">{!agreement ? `${request.facility.name} has not sent the agreement yet.` : `Agreement ${agreement.reference} ${agreement.state === "DECLINED" ? "was declined" : `is waiting for ${agreement.waitingFor.join(" and ")}`}.`} Samples can be registered and approved meanwhile.</Notice></div>
      ) : null}
      <div className="space-y-6">
        <Card title={`Samples (${samples.length})`} id="samples">
          {samples.length === 0 ? (
            <EmptyState title="No samples registered yet">{isApplicant ? "Register each sample below: where it comes from, how much, and its hazards." : "The applicant registers its samples here."}</EmptyState>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Samples of {request.reference}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Code</th><th scope="col" className="py-1 pr-3">Sample</th><th scope="col" className="py-1 pr-3">Amount</th><th scope="col" className="py-1 pr-3">Hazards</th><th scope="col" className="py-1 pr-3">Safety</th><th scope="col" className="py-1">Where</th></tr></thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {samples.map((s) => (
                  <tr key={s.id}>
                    <td className="py-2 pr-3 font-mono text-xs">{s.code}</td>
                    <td className="py-2 pr-3">
                      <p className="font-medium">{s.name}</p>
                      <p className="text-slate-600">{materialClassLabels[s.materialClass as keyof typeof materialClassLabels] ?? s.materialClass} · {s.originSite}{s.parent ? ` · sub-sample of ${s.parent.code}` : ""}</p>
                      <details className="mt-1">
                        <summary className="cursor-pointer text-brand-700">Custody chain ({s.custody.length})</summary>
                        <ol className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3" aria-label={`Custody chain of ${s.code}`}>
                          {s.custody.map((e) => (
                            <li key={e.id.toString()}>
                              <span className="font-medium">{custodyText[e.kind]}</span> · {formatFacilityDateTime(e.at, zone)} · {e.actorName ?? "Lodestone"}{e.location ? ` · ${e.location}` : ""}{e.condition ? ` · ${e.condition.toLowerCase()}` : ""}{e.note ? <span className="text-slate-600"> · {e.note}</span> : null}
                            </li>
                          ))}
                        </ol>
                      </details>
                      {isFacilityStaff && s.safety === "PENDING" ? <div className="mt-2"><SampleSafetyForm sampleId={s.id} code={s.code} /></div> : null}
                    </td>
                    <td className="py-2 pr-3 tabular-nums">{s.massGrams ? `${s.massGrams.toString()} g` : `${s.volumeMl?.toString()} ml`}</td>
                    <td className="py-2 pr-3">{s.hazards.length ? s.hazards.map((h) => hazardLabels[h]).join(", ") + (s.activityBq ? ` (${s.activityBq.toString()} Bq)` : "") : "None"}{s.sdsFileName ? <p><a className="text-xs text-brand-700 underline" href={`/api/samples/${s.id}/sds`} target="_blank" rel="noreferrer">Safety data sheet</a></p> : null}</td>
                    <td className="py-2 pr-3"><Badge tone={safetyTone[s.safety]}>{safetyText[s.safety]}</Badge>{s.safetyConditions ? <p className="mt-1 text-xs text-slate-600">{s.riskLevel?.toLowerCase()} risk: {s.safetyConditions}</p> : null}</td>
                    <td className="py-2">{statusText[s.status]}{s.container ? <p className="text-xs text-slate-600">{s.container.label} ({s.container.code})</p> : null}{s.storageLocation ? <p className="text-xs text-slate-600">{s.storageLocation}</p> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        {isApplicant ? <Card title="Register a sample"><RegisterSampleForm requestId={request.id} parents={samples.map((s) => ({ id: s.id, label: `${s.code} ${s.name}` }))} /></Card> : null}
        <Card title={`Shipments (${shipments.length})`} id="shipments">
          {shipments.length === 0 ? <p className="text-sm text-slate-700">No shipments yet.{isApplicant ? " Plan one below once your samples are registered." : ""}</p> : (
            <ul className="space-y-4">
              {shipments.map((sh) => (
                <li key={sh.id} className="rounded-md border border-slate-200 p-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{sh.reference}</span>
                    <Badge tone={shipmentStateTone[sh.status]}>{shipmentStateText[sh.status]}</Badge>
                    <span className="text-slate-600">{sh.courier} {sh.trackingNumber}{sh.dangerousGoods ? ` · dangerous goods ${sh.unNumber}` : ""}</span>
                    <a className="text-brand-700 underline" href={`/api/shipments/${sh.id}/labels`} target="_blank" rel="noreferrer">Print labels</a>
                  </div>
                  <p className="mt-1 text-slate-700">{sh.progress}</p>
                  <ul className="mt-2 space-y-1">
                    {sh.containers.map((c) => <li key={c.id}><span className="font-mono text-xs">{c.code}</span> {c.label}: {c.samples.map((s) => s.code).join(", ")}{c.receivedAt ? ` · received ${c.condition?.toLowerCase()} ${formatFacilityDateTime(c.receivedAt, zone)}` : ""}</li>)}
                  </ul>
                  {isApplicant && sh.status === "PLANNED" ? <div className="mt-3"><DispatchButton shipmentId={sh.id} reference={sh.reference} /></div> : null}
                  {isFacilityStaff && sh.status === "IN_TRANSIT" && sh.containers.some((c) => c.receivedAt) ? <div className="mt-3"><CloseReceiptButton shipmentId={sh.id} /></div> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {isFacilityStaff && samples.some((s) => s.status === "STORED") ? (
          <Card title="After the experiment">
            <ReleaseSamplesForm requestId={request.id} samples={samples.filter((s) => s.status === "STORED").map((s) => ({ id: s.id, label: `${s.code} ${s.name}`, afterwards: s.afterwards }))} />
          </Card>
        ) : null}
        {isApplicant && unshipped.length > 0 ? (
          <Card title="Plan a shipment">
            <ShipmentForm key={unshipped.map((s) => s.id).join()} requestId={request.id} currency={request.facility.currency} samples={unshipped.map((s) => ({ id: s.id, label: `${s.code} ${s.name}`, radioactive: s.hazards.includes("RADIOACTIVE") }))} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
