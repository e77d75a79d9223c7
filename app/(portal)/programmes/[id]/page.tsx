import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { formatMinor } from "@/server/billing/money";
import { ButtonLink, Card, EmptyState, PageHeader, Stat } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";

export const metadata: Metadata = { title: "Subsidy ledger" };

type Row = { reservedMinor: bigint; spentMinor: bigint; releasedMinor: bigint; heldMinor: bigint };

function LedgerTable({ caption, first, rows, currency }: { caption: string; first: string; rows: (Row & { name: string })[]; currency: string }) {
  const money = (v: bigint) => formatMinor(v, currency);
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-600">
        <tr><th scope="col" className="py-1 pr-3">{first}</th><th scope="col" className="py-1 pr-3 text-right">Reserved</th><th scope="col" className="py-1 pr-3 text-right">Released</th><th scope="col" className="py-1 pr-3 text-right">Spent</th><th scope="col" className="py-1 text-right">Held now</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.name}><th scope="row" className="py-1.5 pr-3 font-medium">{r.name}</th><td className="py-1.5 pr-3 text-right tabular-nums">{money(r.reservedMinor)}</td><td className="py-1.5 pr-3 text-right tabular-nums">{money(r.releasedMinor)}</td><td className="py-1.5 pr-3 text-right tabular-nums">{money(r.spentMinor)}</td><td className="py-1.5 text-right tabular-nums">{money(r.heldMinor)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function LedgerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ledger = await (await portalApi()).billing.ledger({ programmeId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { programme, totals } = ledger;
  const money = (v: bigint) => formatMinor(v, programme.currency);
  return (
    <>
      <PageHeader
        title={`${programme.name}: subsidy ledger`}
        description={`SME industrial access is subsidised at ${programme.subsidyBasisPoints / 100} % of the full cost, up to ${money(programme.capPerOrganisationMinor)} per organisation. Reservations are made at approval, settled at invoicing and released on cancellation.`}
        actions={<ButtonLink variant="secondary" href={`/api/programmes/${programme.id}/ledger.csv`}>Download CSV</ButtonLink>}
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Stat label="Budget" value={money(programme.budgetMinor)} />
        <Stat label="Held for approved requests" value={money(totals.heldMinor)} />
        <Stat label="Spent on invoices" value={money(totals.spentMinor)} />
        <Stat label="Released" value={money(totals.releasedMinor)} hint="Reserved, then given back" />
        <Stat label="Remaining" value={money(totals.remainingMinor)} />
        <Stat label="Free access granted" value={money(ledger.freeAccess.valueMinor)} hint={`Full cost of ${ledger.freeAccess.runs} non-proprietary run${ledger.freeAccess.runs === 1 ? "" : "s"}, at no charge to the users`} />
      </div>
      {ledger.entries.length === 0 ? (
        <EmptyState title="No subsidy yet">Reservations appear when a facility approves an eligible SME&apos;s request.</EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title="Per SME"><LedgerTable caption="Subsidy per SME" first="SME" rows={ledger.bySme.map((r) => ({ ...r, name: r.organisation }))} currency={programme.currency} /></Card>
          <Card title="Per demonstrator"><LedgerTable caption="Subsidy per demonstrator" first="Demonstrator" rows={ledger.byDemonstrator.map((r) => ({ ...r, name: r.demonstrator }))} currency={programme.currency} /></Card>
        </div>
      )}
    </>
  );
}
