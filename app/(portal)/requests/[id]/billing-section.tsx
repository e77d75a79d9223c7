import Link from "next/link";
import { formatMinor } from "@/server/billing/money";
import type { PriceLine } from "@/server/billing/pricing";
import { formatFacilityDate } from "@/server/time";
import { MoneyLines, paymentStateLabels, paymentStateTones } from "../../../_components/money-lines";
import { Badge, Card } from "../../../_components/ui";
import type { portalApi } from "../../../_lib/server-api";
import { CancelQuoteForm, IssueInvoiceForm, MakeQuoteButton, PaymentTermsForm } from "./billing-forms";
import { PrepaymentPanel } from "./prepayment-panel";

const termsText = { PREPAYMENT: "Prepayment", PURCHASE_ORDER: "Purchase order, invoiced after the run", FREE: "Free at the point of use" } as const;
const limitText = { percentage: "", cap: " (limited by the organisation's cap in the programme)", budget: " (limited by what is left of the programme's budget)" } as const;

type Billing = Awaited<ReturnType<Awaited<ReturnType<typeof portalApi>>["billing"]["forRequest"]>>;

/** The quote, payment terms and invoices of an approved request, for the payer and the facility only (the page reads them once). */
export function BillingSection({ requestId, billing }: { requestId: string; billing: Billing }) {
  const { quote, invoices, timeZone } = billing;
  return (
    <Card title="Price and payment" id="billing">
      {quote ? (
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">Quote {quote.reference}</span>
            <span className="text-slate-600">made {formatFacilityDate(quote.createdAt, timeZone)} at the rates in force then</span>
            <Badge tone={quote.state === "ACTIVE" ? "info" : quote.state === "INVOICED" ? "success" : "neutral"}>{quote.state === "ACTIVE" ? "Open" : quote.state === "INVOICED" ? "Invoiced" : "Cancelled"}</Badge>
            <a className="text-brand-700 underline" href={`/api/billing/quotes/${requestId}/pdf`}>Quote PDF</a>
          </div>
          <MoneyLines
            caption={`Quote ${quote.reference}`}
            lines={quote.lines as unknown as PriceLine[]}
            totals={quote}
            subsidyLabel={billing.programmeName ? `SME subsidy, ${(quote.subsidyBasisPoints ?? 0) / 100} % from ${billing.programmeName}${limitText[(quote.subsidyLimitedBy ?? "percentage") as keyof typeof limitText]}` : undefined}
            vatLabel={`VAT ${quote.vatBasisPoints / 100} %`}
          />
          <p className="text-sm text-slate-700">Payment: {termsText[quote.paymentTerms]}{quote.purchaseOrderNumber ? `, purchase order ${quote.purchaseOrderNumber}` : ""}. The invoice after the run counts the shifts actually used, credits beam time lost through the facility, and adds the services delivered.</p>
          {quote.paymentTerms === "PREPAYMENT" && quote.state !== "CANCELLED" && quote.totalMinor > 0 ? <PrepaymentPanel requestId={requestId} billing={billing} quote={quote} /> : null}
          {billing.isPayer && quote.state === "ACTIVE" && quote.paymentTerms !== "FREE" && !quote.paidAt ? <PaymentTermsForm requestId={requestId} current={{ paymentTerms: quote.paymentTerms, purchaseOrderNumber: quote.purchaseOrderNumber }} /> : null}
          {billing.isFacilityStaff && quote.state === "ACTIVE" && billing.run ? (
            <div className="space-y-3 rounded-md border border-slate-200 p-4">
              <h3 className="text-sm font-semibold text-slate-900">Invoice the run</h3>
              <p className="text-sm text-slate-700">{billing.run.shiftsUsed === 0 ? "No confirmed shifts of this request have ended yet; invoice once the run is over." : `${billing.run.shiftsUsed} shift${billing.run.shiftsUsed === 1 ? "" : "s"} used${billing.run.downtimeHours ? `, ${billing.run.downtimeHours} h of facility downtime credited` : ""}.`}</p>
              {billing.run.shiftsUsed > 0 ? <IssueInvoiceForm requestId={requestId} addOnRates={billing.addOnRates.map((r) => ({ ...r, priceText: formatMinor(r.priceMinor, quote.currency) }))} defaults={{}} /> : null}
              <CancelQuoteForm requestId={requestId} />
            </div>
          ) : null}
        </div>
      ) : billing.canMakeQuote ? (
        <div className="space-y-2 text-sm">
          <p className="text-slate-700">{billing.missingRateCards.length === 0 ? "No quote yet: the request was approved before its endstations had rate cards." : `No quote yet: ${billing.missingRateCards.join(" and ")} ${billing.missingRateCards.length === 1 ? "has" : "have"} no rate card in force. A facility admin adds one under Rates.`}</p>
          {billing.missingRateCards.length === 0 ? <MakeQuoteButton requestId={requestId} /> : null}
        </div>
      ) : (
        <p className="text-sm text-slate-700">The quote is made when the request is approved.</p>
      )}
      {invoices.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-slate-900">Invoices and credit notes</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {invoices.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2">
                <Link className="font-medium text-brand-700 underline" href={`/invoices/${i.id}`}>{i.kind === "CREDIT_NOTE" ? "Credit note" : "Invoice"} {i.number}</Link>
                <span className="tabular-nums">{formatMinor(i.totalMinor, i.currency)}</span>
                <span className="text-slate-600">issued {formatFacilityDate(i.issuedAt, timeZone)}</span>
                {i.kind === "INVOICE" ? <Badge tone={paymentStateTones[i.paymentState]}>{paymentStateLabels[i.paymentState]}</Badge> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
