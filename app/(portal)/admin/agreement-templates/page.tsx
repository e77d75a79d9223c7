import type { Metadata } from "next";
import { tiersAllowedFor } from "@/server/agreements/schemas";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { canAdminister } from "../can-administer";
import { TemplateVersionForm } from "./template-version-form";

export const metadata: Metadata = { title: "Agreement templates" };

const kindLabels = { PROPRIETARY_INDUSTRIAL: "Proprietary industrial access", SME_INDUSTRIAL: "SME industrial access", NON_PROPRIETARY: "Non-proprietary access", CONSORTIUM: "Consortium block" } as const;

type Scope = Awaited<ReturnType<Awaited<ReturnType<typeof portalApi>>["agreements"]["templates"]>>[number];
type KindTemplates = Scope["kinds"][number];

export default async function AgreementTemplatesPage() {
  if (!(await canAdminister())) return null;
  const scopes = await (await portalApi()).agreements.templates();
  return (
    <>
      <PageHeader
        title="Agreement templates"
        description="The IP and data-sharing terms every agreement is made from. A facility's own template replaces the platform-wide one for its agreements; where it has none, the platform-wide template is used. A saved version never changes: agreements already sent keep their text, and a new version is signed again only where the facility sends it."
      />
      <div className="space-y-10">
        {scopes.map((scope) => (
          <section key={scope.facility?.id ?? "platform"} aria-labelledby={`scope-${scope.facility?.id ?? "platform"}`} className="space-y-4">
            <div>
              <h2 id={`scope-${scope.facility?.id ?? "platform"}`} className="text-lg font-semibold text-slate-900">{scope.facility ? scope.facility.name : "Platform-wide"}</h2>
              <p className="text-sm text-slate-600">
                {scope.facility
                  ? `Kept by ${scope.facility.name}'s facility admins.${scope.editable ? "" : " You can read them; a facility admin writes new versions."}`
                  : `Used by every facility that has not written its own. Kept by platform admins${scope.editable ? "." : "; you can read them."}`}
              </p>
            </div>
            {scope.kinds.map((kind) => <KindCard key={kind.kind} scope={scope} kind={kind} />)}
          </section>
        ))}
      </div>
    </>
  );
}

function KindCard({ scope, kind: { kind, versions, platformInUse } }: { scope: Scope; kind: KindTemplates }) {
  const latest = versions[0];
  const startFrom = latest ?? platformInUse;
  const badge = latest ? <Badge tone="info">Version {latest.version} in use</Badge> : platformInUse ? <Badge tone="neutral">Platform-wide version {platformInUse.version} in use</Badge> : <Badge tone="warning">No template yet</Badge>;
  const writeLabel = latest ? `Write version ${latest.version + 1}` : scope.facility && platformInUse ? `Write ${scope.facility.name}'s own version` : "Write the first version";
  return (
    <Card title={kindLabels[kind]} id={`template-${scope.facility?.id ?? "platform"}-${kind}`} actions={badge}>
      {versions.length > 0 ? (
        <table className="mb-6 w-full text-left text-sm">
          <caption className="sr-only">Versions of the {kindLabels[kind]} template</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr><th scope="col" className="py-1 pr-3">Version</th><th scope="col" className="py-1 pr-3">Saved</th><th scope="col" className="py-1 pr-3">By</th><th scope="col" className="py-1 pr-3">What changed</th><th scope="col" className="py-1">Agreements</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((v) => (
              <tr key={v.id}>
                <td className="py-1.5 pr-3 font-medium">{v.version}</td>
                <td className="py-1.5 pr-3">{formatFacilityDate(v.createdAt, "Europe/London")}</td>
                <td className="py-1.5 pr-3">{v.author}</td>
                <td className="py-1.5 pr-3">{v.changeNote ?? "First version"}</td>
                <td className="py-1.5">{v.agreements}{v.awaiting ? ` (${v.awaiting} waiting for signatures)` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : platformInUse ? (
        <p className="mb-4 text-sm text-slate-700">No template of its own: new agreements use the platform-wide “{platformInUse.title}”, version {platformInUse.version}.</p>
      ) : null}
      {scope.editable ? (
        <details className="rounded-md border border-slate-200 p-4" open={!startFrom}>
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">{writeLabel}</summary>
          <div className="mt-4">
            <TemplateVersionForm
              kindLabel={kindLabels[kind]}
              defaults={{ kind, facilityId: scope.facility?.id ?? null, basedOnVersion: latest?.version ?? 0, title: startFrom?.title ?? "", body: startFrom?.body ?? "", custodyClause: startFrom?.custodyClause ?? "", dataAccessTier: startFrom?.dataAccessTier ?? tiersAllowedFor[kind][0]!, embargoMonths: startFrom?.embargoMonths ?? null, licence: startFrom?.licence ?? null, changeNote: "" }}
            />
          </div>
        </details>
      ) : latest ? (
        <details className="rounded-md border border-slate-200 p-4">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Read the terms of version {latest.version}</summary>
          <div className="mt-3 space-y-3 whitespace-pre-wrap text-sm text-slate-700">
            <p>{latest.body}</p>
            <p>{latest.custodyClause}</p>
          </div>
        </details>
      ) : null}
    </Card>
  );
}
