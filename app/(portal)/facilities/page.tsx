import type { Metadata } from "next";
import { FacilityCatalogue } from "../../_components/facility-catalogue";
import { EmptyState, PageHeader } from "../../_components/ui";
import { portalApi } from "../../_lib/server-api";

export const metadata: Metadata = { title: "Facilities and endstations" };

export default async function FacilitiesPage() {
  const facilities = await (await portalApi()).facilities.list();
  return (
    <>
      <PageHeader title="Facilities and endstations" description="Where you can image ores, tailings, brines, black mass and sorbents, and with which technique." />
      {facilities.length === 0 ? <EmptyState title="No facilities yet">A platform admin registers facilities and their endstations.</EmptyState> : <FacilityCatalogue facilities={facilities} />}
    </>
  );
}
