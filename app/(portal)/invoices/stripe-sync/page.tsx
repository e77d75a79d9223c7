import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/server/access/actor";
import { formatMinor } from "@/server/billing/money";
import { formatFacilityDateTime } from "@/server/time";
import { EmptyState, PageHeader } from "../../../_components/ui";
import { currentActor, portalApi } from "../../../_lib/server-api";
import { RetryStripeSyncButton } from "./retry-button";

export const metadata: Metadata = { title: "Stopped Stripe syncs" };

/** Facility staff: invoices the Stripe job gave up on after its last attempt, with what Stripe said, and a retry. */
export default async function StoppedStripeSyncsPage() {
  const staff = hasRole(await currentActor(), "FACILITY_STAFF", "FACILITY_ADMIN");
  const stopped = staff ? await (await portalApi()).billing.stoppedStripeSyncs() : [];
  return (
    <>
      <PageHeader
        title="Stopped Stripe syncs"
        description="Issued invoices the job could not create in Stripe after its last attempt, at the facilities you work for. Fix what the error names (often the payer's contact email), then retry: the job tries again within a minute."
        actions={<Link className="text-sm text-brand-700 underline" href="/invoices">All invoices</Link>}
      />
      {!staff ? (
        <EmptyState title="For facility staff">Facility staff see their facility&apos;s stopped Stripe syncs here.</EmptyState>
      ) : stopped.length === 0 ? (
        <EmptyState title="Every invoice is in Stripe or still being tried">Nothing has stopped. An invoice appears here after the job&apos;s last failed attempt.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Invoices whose Stripe sync stopped</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr><th scope="col" className="py-2 pr-3">Number</th><th scope="col" className="py-2 pr-3">Payer</th><th scope="col" className="py-2 pr-3 text-right">Total</th><th scope="col" className="py-2 pr-3 text-right">Attempts</th><th scope="col" className="py-2 pr-3">Last error</th><th scope="col" className="py-2 pr-3">Last attempt</th><th scope="col" className="py-2"><span className="sr-only">Action</span></th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {stopped.map((i) => (
              <tr key={i.id}>
                <td className="py-2 pr-3 align-top"><Link className="font-medium text-brand-700 underline" href={`/invoices/${i.id}`}>{i.number}</Link></td>
                <td className="py-2 pr-3 align-top">{i.payer}</td>
                <td className="py-2 pr-3 text-right align-top tabular-nums">{formatMinor(i.totalMinor, i.currency)}</td>
                <td className="py-2 pr-3 text-right align-top tabular-nums">{i.stripeAttempts}</td>
                <td className="max-w-md py-2 pr-3 align-top break-words text-red-800">{i.stripeLastError ?? "No error recorded"}</td>
                <td className="py-2 pr-3 align-top">{i.stripeLastAttemptAt ? formatFacilityDateTime(i.stripeLastAttemptAt, i.facility.timeZone) : "Not recorded"}</td>
                <td className="py-2 align-top"><RetryStripeSyncButton invoiceId={i.id} number={i.number} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
