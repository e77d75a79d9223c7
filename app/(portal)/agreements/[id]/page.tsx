import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { formatFacilityDate, formatFacilityDateTime } from "@/server/time";
import { Badge, buttonClass, Card, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { SendAgreementButton } from "../send-agreement-button";
import { RemindButton, SealingProgress } from "./agreement-actions";
import { SignAgreementForm } from "./sign-agreement-form";

export const metadata: Metadata = { title: "Agreement" };

const stateText = { AWAITING_SIGNATURES: "Waiting for signatures", SIGNED: "Signed by every party", DECLINED: "Declined", SUPERSEDED: "Replaced by a newer version" } as const;
const tierText = { PUBLIC: "Public after the embargo", CONSORTIUM: "Consortium members", FACILITY_AND_FUNDER: "Facility and funder", PROPRIETARY: "Proprietary" } as const;

export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { agreement, covers, timeZone, canSignFor, othersWaiting, newerTemplate, resend } = await (await portalApi()).agreements.get({ agreementId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={`${agreement.reference}: ${agreement.template.title}`} description={`Covers ${covers.label}. Template version ${agreement.template.version}, sent ${formatFacilityDateTime(agreement.sentAt, timeZone)}.`} />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Badge tone={agreement.state === "SIGNED" ? "success" : agreement.state === "AWAITING_SIGNATURES" ? "warning" : "danger"}>{stateText[agreement.state]}</Badge>
        <Link className="text-sm text-brand-700 underline" href={covers.href}>{covers.linkText}</Link>
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
                  {s.state === "SIGNED" ? <p className="text-emerald-800">Signed by {s.typedName} on {formatFacilityDateTime(s.signedAt!, timeZone)}</p> : null}
                  {s.state === "DECLINED" ? <p className="text-red-800">Declined: {s.declineReason}</p> : null}
                  {s.state === "PENDING" ? <p className="text-amber-900">Yet to sign{s.lastRemindedAt ? ` · reminded ${formatFacilityDateTime(s.lastRemindedAt, timeZone)}` : ""}</p> : null}
                </li>
              ))}
            </ul>
          </Card>
{canSignFor.length > 0 ? (
            <Card title="Sign or decline"><SignAgreementForm agreementId={agreement.id} documentHash={agreement.documentHash} organisations={canSignFor} /></Card>
          ) : null}
          {agreement.state === "SIGNED" ? (
            <Card title="Sealed PDF">
              {agreement.sealed ? (
                <div className="space-y-2 text-sm">
                  <a className={buttonClass("primary")} href={`/api/agreements/${agreement.id}/pdf`} download>Download the sealed PDF</a>
                  <p className="text-slate-700">The text, a signature page and the audit trail, sealed {formatFacilityDateTime(agreement.sealed.sealedAt, timeZone)}.</p>
                  <p className="break-all text-xs text-slate-600">PDF fingerprint (SHA-256): <code>{agreement.sealed.pdfHash}</code></p>
                </div>
              ) : (
                <SealingProgress />
              )}
            </Card>
          ) : null}
          {newerTemplate ? (
            <Card title="A newer template">
              <p className="mb-3 text-sm text-slate-700">
                {newerTemplate.facilityOwn ? `The facility's own template (version ${newerTemplate.version})` : `Version ${newerTemplate.version} of the platform-wide template`} has been saved since this agreement was sent. Sending it replaces this agreement, and every party signs again.
              </p>
              <SendAgreementButton target={resend} label={`Send version ${newerTemplate.version} for new signatures`} />
            </Card>
          ) : null}
          {othersWaiting.length > 0 ? (
            <Card title="Waiting for">
              <p className="mb-3 text-sm text-slate-700">{othersWaiting.join(" and ")} {othersWaiting.length === 1 ? "has" : "have"} yet to sign. Their authorised signatories are reminded by email every three days; you can remind them now.</p>
              <RemindButton agreementId={agreement.id} waitingFor={othersWaiting.length === 1 ? othersWaiting[0]! : `the ${othersWaiting.length} other parties`} />
            </Card>
          ) : null}

          <Card title="Terms that flow on">
            <dl className="space-y-1 text-sm">
              <div><dt className="inline font-medium">Data access: </dt><dd className="inline">{tierText[agreement.dataAccessTier]}</dd></div>
              <div><dt className="inline font-medium">Embargo ends: </dt><dd className="inline">{agreement.embargoEndsAt ? formatFacilityDate(agreement.embargoEndsAt, timeZone) : "no embargo: not published"}</dd></div>
              <div><dt className="inline font-medium">Licence: </dt><dd className="inline">{agreement.licence ?? "none: all rights with the user"}</dd></div>
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}
