import type { Metadata } from "next";
import Link from "next/link";
import { formatMinor } from "@/server/billing/money";
import { formatFacilityDate } from "@/server/time";
import { paymentStateLabels, paymentStateTones } from "../../_components/money-lines";
import { hasRole } from "@/server/access/actor";
import { Badge, EmptyState, Notice, PageHeader } from "../../_components/ui";
import { currentActor, portalApi } from "../../_lib/server-api";

export const metadata: Metadata = { title: "Invoices" };

const states = ["UNPAID", "PAYMENT_FAILED", "PAID", "REFUNDED"] as const;
const sorts = { newest: "Newest first", oldest: "Oldest first", largest: "Largest first" } as const;

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ state?: string; sort?: string }> }) {
  const { state, sort } = await searchParams;
  const api = await portalApi();
  const all = await api.billing.invoices();
  const stopped = hasRole(await currentActor(), "FACILITY_STAFF", "FACILITY_ADMIN") ? (await api.billing.stoppedStripeSyncs()).length : 0;
  const filter = states.find((s) => s === state);
  const order = (sort && sort in sorts ? sort : "newest") as keyof typeof sorts;
  const shown = all
    .filter((i) => !filter || (i.kind === "INVOICE" && i.paymentState === filter))
    .sort((a, b) => (order === "largest" ? Math.abs(b.totalMinor) - Math.abs(a.totalMinor) : order === "oldest" ? a.issuedAt.getTime() - b.issuedAt.getTime() : b.issuedAt.getTime() - a.issuedAt.getTime()));
  const href = (next: { state?: string; sort?: string }) => {
    const params = new URLSearchParams({ ...(filter ? { state: filter } : {}), ...(order !== "newest" ? { sort: order } : {}), ...next });
    for (const [k, v] of [...params]) if (!v) params.delete(k);
    return `/invoices${params.size ? `?${params}` : ""}`;
  };
  return (
    <>
      <PageHeader title="Invoices" description="Invoices and credit notes for your organisation's beam time, and for your facility's users. Amounts are in each invoice's currency; dates in the facility's time zone." />
      {stopped > 0 ? (
        <div className="mb-4">
          <Notice tone="warning" title={`${stopped} invoice${stopped === 1 ? "" : "s"} not in Stripe`}>
            The Stripe sync stopped after its last attempt. <Link className="font-medium underline" href="/invoices/stripe-sync">See the errors and retry ({stopped})</Link>
          </Notice>
        </div>
      ) : null}
      <nav aria-label="Filter and sort invoices" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Show:</span>
        <Link aria-current={!filter ? "page" : undefined} className={!filter ? "font-semibold text-brand-800" : "text-brand-700 underline"} href={href({ state: "" })}>All ({all.length})</Link>
        {states.map((s) => (
          <Link key={s} aria-current={filter === s ? "page" : undefined} className={filter === s ? "font-semibold text-brand-800" : "text-brand-700 underline"} href={href({ state: s })}>{paymentStateLabels[s]} ({all.filter((i) => i.kind === "INVOICE" && i.paymentState === s).length})</Link>
        ))}
        <span className="ml-4 text-slate-600">Sort:</span>
        {Object.entries(sorts).map(([key, label]) => (
          <Link key={key} aria-current={order === key ? "page" : undefined} className={order === key ? "font-semibold text-brand-800" : "text-brand-700 underline"} href={href({ sort: key === "newest" ? "" : key })}>{label}</Link>
        ))}
      </nav>
      {shown.length === 0 ? (
        <EmptyState title={all.length === 0 ? "No invoices yet" : "No invoices match"}>{all.length === 0 ? "An invoice is issued after a run, from the shifts actually used; it appears here and on its request." : "Choose another filter above."}</EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Invoices</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr><th scope="col" className="py-2 pr-3">Number</th><th scope="col" className="py-2 pr-3">Issued</th><th scope="col" className="py-2 pr-3">Payer</th><th scope="col" className="py-2 pr-3">Facility</th><th scope="col" className="py-2 pr-3">For</th><th scope="col" className="py-2 pr-3 text-right">Total</th><th scope="col" className="py-2">Status</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((i) => (
              <tr key={i.id}>
                <td className="py-2 pr-3"><Link className="font-medium text-brand-700 underline" href={`/invoices/${i.id}`}>{i.number}</Link>{i.kind === "CREDIT_NOTE" ? <span className="ml-1 text-slate-600">(credit note)</span> : null}</td>
                <td className="py-2 pr-3">{formatFacilityDate(i.issuedAt, i.facility.timeZone)}</td>
                <td className="py-2 pr-3">{i.payer}</td>
                <td className="py-2 pr-3">{i.facility.name}</td>
                <td className="py-2 pr-3"><Link className="text-brand-700 underline" href={`/requests/${i.quote.request.id}`}>{i.quote.request.reference}</Link></td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatMinor(i.totalMinor, i.currency)}</td>
                <td className="py-2">{i.kind === "INVOICE" ? <Badge tone={paymentStateTones[i.paymentState]}>{paymentStateLabels[i.paymentState]}</Badge> : <span className="text-slate-600">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
