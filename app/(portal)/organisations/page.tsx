import type { Metadata } from "next";
import Link from "next/link";
import { organisationKindLabels } from "@/server/organisations/roles";
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from "../../_components/ui";
import { portalApi } from "../../_lib/server-api";

export const metadata: Metadata = { title: "My organisations" };

export default async function OrganisationsPage() {
  const organisations = await (await portalApi()).organisations.mine();
  return (
    <>
      <PageHeader title="My organisations" description="The organisations you belong to. Requests, samples, data and invoices belong to an organisation and are never visible to another." actions={<ButtonLink href="/organisations/new">Register an organisation</ButtonLink>} />
      <Card>
        {organisations.length === 0 ? (
          <EmptyState title="You are not part of an organisation yet" action={<ButtonLink href="/organisations/new">Register your organisation</ButtonLink>}>
            Register your company or research group, or ask a colleague to invite you.
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{organisations.length} organisations</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr><th scope="col" className="py-2 pr-4">Name</th><th scope="col" className="py-2 pr-4">Kind</th><th scope="col" className="py-2 pr-4">Country</th><th scope="col" className="py-2 pr-4">Members</th><th scope="col" className="py-2">SME status</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {organisations.map((o) => (
                <tr key={o.id}>
                  <td className="py-2 pr-4"><Link className="font-medium underline-offset-2 hover:underline" href={`/organisations/${o.id}`}>{o.name}</Link></td>
                  <td className="py-2 pr-4">{organisationKindLabels[o.kind]}</td>
                  <td className="py-2 pr-4">{o.country}</td>
                  <td className="py-2 pr-4">{o._count.memberships}</td>
                  <td className="py-2">{o.smeDeclaration ? <Badge tone={o.smeDeclaration.qualifies ? "success" : "warning"}>{o.smeDeclaration.qualifies ? "Qualifies" : "Does not qualify"}</Badge> : <span className="text-slate-600">Not declared</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
