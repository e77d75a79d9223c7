import type { Metadata } from "next";
import Link from "next/link";
import { organisationKindLabels } from "@/server/organisations/roles";
import { Badge, Card, Notice, PageHeader } from "../../../_components/ui";
import { hasRole } from "@/server/access/actor";
import { currentActor, portalApi } from "../../../_lib/server-api";

export const metadata: Metadata = { title: "All organisations" };

export default async function AllOrganisationsPage() {
  // Facility admins reach the admin area, but the list of every organisation is for platform admins.
  if (!hasRole(await currentActor(), "PLATFORM_ADMIN")) return <Notice tone="warning" title="For platform admins">The list of all organisations is kept by the Lodestone team.</Notice>;
  const organisations = await (await portalApi()).organisations.all();
  return (
    <>
      <PageHeader title="All organisations" description={`${organisations.length} organisations on the platform.`} />
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">All organisations</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr><th scope="col" className="py-2 pr-4">Name</th><th scope="col" className="py-2 pr-4">Kind</th><th scope="col" className="py-2 pr-4">Country</th><th scope="col" className="py-2 pr-4">Members</th><th scope="col" className="py-2">SME</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {organisations.map((o) => (
              <tr key={o.id}>
                <td className="py-2 pr-4"><Link className="font-medium underline-offset-2 hover:underline" href={`/organisations/${o.id}`}>{o.name}</Link></td>
                <td className="py-2 pr-4">{organisationKindLabels[o.kind]}</td>
                <td className="py-2 pr-4">{o.country}</td>
                <td className="py-2 pr-4">{o._count.memberships}</td>
                <td className="py-2">{o.smeDeclaration ? <Badge tone={o.smeDeclaration.qualifies ? "success" : "warning"}>{o.smeDeclaration.qualifies ? "Qualifies" : "Does not qualify"}</Badge> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
