import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Badge, Card, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { SignAgreementForm } from "./sign-agreement-form";

export const metadata: Metadata = { title: "Agreement" };

const stateText = { AWAITING_SIGNATURES: "Waiting for signatures", SIGNED: "Signed by every party", DECLINED: "Declined", SUPERSEDED: "Replaced by a newer version" } as const;
const tierText = { PUBLIC: "Public after the embargo", CONSORTIUM: "Consortium members", FACILITY_AND_FUNDER: "Facility and funder", PROPRIETARY: "Proprietary" } as const;

export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { agreement, request, canSignFor } = await (await portalApi()).agreements.get({ agreementId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={`${agreement.reference}: ${agreement.template.title}`} description={request ? `For ${request.reference}, “${request.title}”.` : undefined} />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Badge tone={agreement.state === "SIGNED" ? "success" : agreement.state === "AWAITING_SIGNATURES" ? "warning" : "danger"}>{stateText[agreement.state]}</Badge>
        {request ? <Link className="text-sm text-brand-700 underline" href={`/requests/${request.id}`}>Back to {request.reference}</Link> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title="The agreement">
          <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap font-sans text-sm leading-relaxed text-slate-900" tabIndex={0} aria-label="Agreement text">{agreement.renderedText}</pre>
          <p className="mt-4 break-all text-xs text-slate-600">Document fingerprint (SHA-256): <code>{agreement.documentHash}</code>. Every signature is bound to it; any change to the text makes a new version.</p>
        </Card>
        <div className="space-y-6">
          <Card title="Parties">
            <ul className="space-y-3 text-sm">
              {agreement.signatories.map((s) => (
                <li key={s.id}>
                  <p className="font-medium">{s.organisation.name} <span className="font-normal text-slate-600">({s.party.toLowerCase().replace("_", " ")})</span></p>
                  {s.state === "SIGNED" ? <p className="text-emerald-800">Signed by {s.typedName} on {s.signedAt!.toISOString().slice(0, 16).replace("T", " ")} UTC</p> : null}
                  {s.state === "DECLINED" ? <p className="text-red-800">Declined: {s.declineReason}</p> : null}
                  {s.state === "PENDING" ? <p className="text-amber-900">Yet to sign</p> : null}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Terms that flow on">
            <dl className="space-y-1 text-sm">
              <div><dt className="inline font-medium">Data access: </dt><dd className="inline">{tierText[agreement.dataAccessTier]}</dd></div>
              <div><dt className="inline font-medium">Embargo ends: </dt><dd className="inline">{agreement.embargoEndsAt ? agreement.embargoEndsAt.toISOString().slice(0, 10) : "no embargo: not published"}</dd></div>
              <div><dt className="inline font-medium">Licence: </dt><dd className="inline">{agreement.licence ?? "none: all rights with the user"}</dd></div>
            </dl>
          </Card>
          {canSignFor.length > 0 ? (
            <Card title="Sign or decline"><SignAgreementForm agreementId={agreement.id} documentHash={agreement.documentHash} organisations={canSignFor} /></Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
