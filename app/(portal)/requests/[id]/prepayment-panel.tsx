import { formatMinor } from "@/server/billing/money";
import { formatFacilityDate } from "@/server/time";
import { Notice } from "../../../_components/ui";
import type { portalApi } from "../../../_lib/server-api";
import { BankTransferForm, PayNowButton, WaivePrepaymentForm } from "./billing-forms";

type Billing = Awaited<ReturnType<Awaited<ReturnType<typeof portalApi>>["billing"]["forRequest"]>>;

/** A prepayment quote: paid (how), waived (why), or what the payer and the staff can do about it; bookings are confirmed only after. */
export function PrepaymentPanel({ requestId, billing, quote }: { requestId: string; billing: Billing; quote: NonNullable<Billing["quote"]> }) {
  const amount = formatMinor(quote.totalMinor, quote.currency);
  if (quote.paidAt) {
    const how = quote.paidBy === "BANK_TRANSFER" ? `by bank transfer, reference ${quote.paymentReference}` : "online";
    return <Notice tone="success" title="Prepayment received">{amount} paid {how} on {formatFacilityDate(quote.paidAt, billing.timeZone)}. Bookings can be confirmed.</Notice>;
  }
  return (
    <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
      <h3 className="font-semibold text-amber-900">Prepayment due: {amount}</h3>
      {quote.prepaymentWaivedAt ? (
        <p className="text-amber-900">The facility lets bookings be confirmed before payment: {quote.prepaymentWaivedReason}</p>
      ) : (
        <p className="text-amber-900">Beam time is confirmed once quote {quote.reference} is paid; until then the facility can only hold shifts.</p>
      )}
      {billing.isPayer ? (
        <div className="space-y-2">
          {billing.onlinePayment ? <PayNowButton requestId={requestId} amountText={amount} /> : null}
          {billing.paymentInstructions ? <p className="text-slate-700">{billing.onlinePayment ? "Or pay by bank transfer" : "Pay by bank transfer"}, quoting {quote.reference}: {billing.paymentInstructions}</p> : null}
        </div>
      ) : null}
      {billing.isFacilityStaff && quote.state === "ACTIVE" ? (
        <div className="space-y-3 border-t border-amber-200 pt-3">
          <BankTransferForm requestId={requestId} />
          {quote.prepaymentWaivedAt ? null : <WaivePrepaymentForm requestId={requestId} />}
        </div>
      ) : null}
    </div>
  );
}
