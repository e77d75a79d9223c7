import { formatMinor } from "@/server/billing/money";
import type { PriceLine } from "@/server/billing/pricing";

export interface Totals {
  currency: string;
  fullCostMinor: number;
  subsidyMinor: number;
  waivedMinor: number;
  netMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/** The lines of a quote or invoice with the full cost, the subsidy, VAT and what is due, every amount right-aligned in its currency. */
export function MoneyLines({ caption, lines, totals, subsidyLabel, vatLabel }: { caption: string; lines: PriceLine[]; totals: Totals; subsidyLabel?: string; vatLabel: string }) {
  const money = (minor: number) => formatMinor(minor, totals.currency);
  const rows: [string, number, string?][] = [["Full cost", totals.fullCostMinor, "font-medium"]];
  if (totals.subsidyMinor) rows.push([subsidyLabel ?? "SME subsidy", -totals.subsidyMinor]);
  if (totals.waivedMinor) rows.push(["Free at the point of use (value granted)", -totals.waivedMinor]);
  rows.push(["Net", totals.netMinor], [vatLabel, totals.vatMinor], ["Total due", totals.totalMinor, "font-semibold text-slate-900"]);
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-600">
        <tr><th scope="col" className="py-1 pr-3">Item</th><th scope="col" className="py-1 pr-3 text-right">Quantity</th><th scope="col" className="py-1 pr-3 text-right">Unit price</th><th scope="col" className="py-1 text-right">Amount</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {lines.map((l, i) => (
          <tr key={i}><td className="py-1.5 pr-3">{l.label}</td><td className="py-1.5 pr-3 text-right tabular-nums">{l.quantity}</td><td className="py-1.5 pr-3 text-right tabular-nums">{money(l.unitPriceMinor)}</td><td className="py-1.5 text-right tabular-nums">{money(l.amountMinor)}</td></tr>
        ))}
      </tbody>
      <tfoot className="border-t border-slate-300">
        {rows.map(([label, minor, className]) => (
          <tr key={label} className={className}><th scope="row" colSpan={3} className="py-1 pr-3 text-right font-normal">{label}</th><td className="py-1 text-right tabular-nums">{money(minor)}</td></tr>
        ))}
      </tfoot>
    </table>
  );
}

export const paymentStateLabels = { UNPAID: "Unpaid", PAYMENT_FAILED: "Payment failed", PAID: "Paid", REFUNDED: "Refunded" } as const;
export const paymentStateTones = { UNPAID: "warning", PAYMENT_FAILED: "danger", PAID: "success", REFUNDED: "neutral" } as const;
