import type { Metadata } from "next";
import Link from "next/link";
import { formatMinor } from "@/server/billing/money";
import { EmptyState, PageHeader } from "../../_components/ui";
import { portalApi } from "../../_lib/server-api";

export const metadata: Metadata = { title: "Programmes" };

export default async function ProgrammesPage() {
  const programmes = await (await portalApi()).billing.programmes();
  return (
    <>
      <PageHeader title="Programmes" description="Your programmes' budgets and the SME subsidy ledger: what is held for approved requests, spent on invoices and left." />
      {programmes.length === 0 ? <EmptyState title="No programmes">Programmes your organisation funds appear here.</EmptyState> : (
        <ul className="space-y-2">
          {programmes.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 bg-white p-4 text-sm">
              <Link className="font-medium text-brand-700 underline" href={`/programmes/${p.id}`}>{p.name}</Link>
              <p className="text-slate-700">Budget {formatMinor(p.budgetMinor, p.currency)} · held {formatMinor(p.reservedMinor, p.currency)} · spent {formatMinor(p.spentMinor, p.currency)} · left {formatMinor(p.budgetMinor - p.reservedMinor - p.spentMinor, p.currency)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
