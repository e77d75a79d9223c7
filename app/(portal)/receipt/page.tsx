import type { Metadata } from "next";
import { hasRole } from "@/server/access/actor";
import { shipmentStateText, shipmentStateTone } from "@/server/samples/shipment-state";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, EmptyState, PageHeader } from "../../_components/ui";
import { currentActor, portalApi } from "../../_lib/server-api";
import { ReceiveForm } from "./receive-form";

export const metadata: Metadata = { title: "Receipt desk" };

export default async function ReceiptPage() {
  if (!hasRole(await currentActor(), "FACILITY_STAFF", "FACILITY_ADMIN")) return <EmptyState title="For facility staff">The receipt desk is where staff record incoming samples.</EmptyState>;
  const expected = await (await portalApi()).samples.expected();
  return (
    <>
      <PageHeader title="Receipt desk" description="Scan each container (or a loose sample) as it arrives, record its condition and where it is stored. A damaged or leaking container, a missing one or an unexpected sample is flagged to the applicant by email." />
      <div className="space-y-6">
        <Card title="Receive"><ReceiveForm /></Card>
        <Card title="Expected and recent shipments">
          {expected.length === 0 ? <p className="text-sm text-slate-700">No shipments are on their way, and none was received in the last two weeks. Shipments appear here once the applicant dispatches them.</p> : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Expected shipments</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Shipment</th><th scope="col" className="py-1 pr-3">For</th><th scope="col" className="py-1 pr-3">Expected</th><th scope="col" className="py-1 pr-3">Progress</th><th scope="col" className="py-1">State</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {expected.map((s) => (
                  <tr key={s.id}>
                    <td className="py-1.5 pr-3 font-medium">{s.reference}{s.dangerousGoods ? <span className="ml-1 text-amber-900">({s.unNumber})</span> : null}</td>
                    <td className="py-1.5 pr-3">{s.request.reference}</td>
                    <td className="py-1.5 pr-3">{formatFacilityDate(s.expectedArrival, "UTC")}</td>
                    <td className="py-1.5 pr-3">{s.progress}</td>
                    <td className="py-1.5"><Badge tone={shipmentStateTone[s.status]}>{shipmentStateText[s.status]}</Badge></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
