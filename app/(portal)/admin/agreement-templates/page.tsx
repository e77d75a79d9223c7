import type { Metadata } from "next";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { canAdminister } from "../can-administer";
import { TemplateVersionForm } from "./template-version-form";

export const metadata: Metadata = { title: "Agreement templates" };

const kindLabels = { PROPRIETARY_INDUSTRIAL: "Proprietary industrial access", SME_INDUSTRIAL: "SME industrial access", NON_PROPRIETARY: "Non-proprietary access", CONSORTIUM: "Consortium block" } as const;

export default async function AgreementTemplatesPage() {
  if (!(await canAdminister())) return null;
  const kinds = await (await portalApi()).agreements.templates();
  return (
    <>
      <PageHeader
        title="Agreement templates"
        description="The IP and data-sharing terms every agreement is made from, shared by all facilities on the platform. A saved version never changes: agreements already sent keep their text, and a new version is signed again only where the facility sends it."
      />
      <div className="space-y-8">
        {kinds.map(({ kind, versions }) => {
          const latest = versions[0];
          return (
            <Card key={kind} title={kindLabels[kind]} id={`template-${kind}`} actions={latest ? <Badge tone="info">Version {latest.version} in use</Badge> : <Badge tone="warning">No template yet</Badge>}>
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
              ) : null}
                <details className="rounded-md border border-slate-200 p-4" open={versions.length === 0}>
                  <summary className="cursor-pointer text-sm font-semibold text-slate-900">{latest ? `Write version ${latest.version + 1}` : "Write the first version"}</summary>
                  <div className="mt-4">
                    <TemplateVersionForm
                      kindLabel={kindLabels[kind]}
                      defaults={{ kind, basedOnVersion: latest?.version ?? 0, title: latest?.title ?? "", body: latest?.body ?? "", custodyClause: latest?.custodyClause ?? "", dataAccessTier: latest?.dataAccessTier ?? "PROPRIETARY", embargoMonths: latest?.embargoMonths ?? null, licence: latest?.licence ?? null, changeNote: "" }}
                    />
                  </div>
                </details>
            </Card>
          );
        })}
      </div>
    </>
  );
}
