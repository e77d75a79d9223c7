import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { formatMinor } from "@/server/billing/money";
import type { PriceLine } from "@/server/billing/pricing";
import { formatFacilityDate, formatFacilityDateTime } from "@/server/time";
import { MoneyLines, paymentStateLabels, paymentStateTones } from "../../../_components/money-lines";
import { Badge, ButtonLink, Card, DefinitionList, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { CreditNoteForm } from "./credit-note-form";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { invoice, payer, request, isFacilityStaff, isPayer } = await (await portalApi()).billing.invoice({ invoiceId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const zone = invoice.facility.timeZone;
  const isInvoice = invoice.kind === "INVOICE";
  const vatRate = invoice.netMinor === 0 ? 0 : Math.round((invoice.vatMinor * 10_000) / invoice.netMinor) / 100;
  const due = isInvoice && invoice.totalMinor > 0 && (invoice.paymentState === "UNPAID" || invoice.paymentState === "PAYMENT_FAILED");
  return (
    <>
      <PageHeader
        title={`${isInvoice ? "Invoice" : "Credit note"} ${invoice.number}`}
        description={<>From {invoice.facility.name} to {payer.name}, for <Link className="text-brand-700 underline" href={`/requests/${request.id}`}>{request.reference}</Link> “{request.title}”.</>}
        actions={<ButtonLink variant="secondary" href={`/api/invoices/${invoice.id}/pdf`} target="_blank">PDF</ButtonLink>}
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        {isInvoice ? <Badge tone={paymentStateTones[invoice.paymentState]}>{paymentStateLabels[invoice.paymentState]}</Badge> : <Badge>Credit note</Badge>}
        {invoice.paymentUpdatedAt && isInvoice ? <span className="text-sm text-slate-700">since {formatFacilityDateTime(invoice.paymentUpdatedAt, zone)}</span> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title="Lines">
          <MoneyLines caption={`Lines of ${invoice.number}`} lines={invoice.lines as unknown as PriceLine[]} totals={invoice} subsidyLabel="SME subsidy (paid by the programme)" vatLabel={`VAT ${vatRate} %`} />
        </Card>
        <div className="space-y-6">
          <Card title="Details">
            <DefinitionList items={[
              ["Issued", formatFacilityDate(invoice.issuedAt, zone)],
              ...(isInvoice ? [["Due", formatFacilityDate(invoice.dueAt, zone)] as [string, string]] : []),
              ["Quote", invoice.quote.reference],
              ...(invoice.quote.purchaseOrderNumber ? [["Purchase order", invoice.quote.purchaseOrderNumber] as [string, string]] : []),
              ...(invoice.creditsInvoice ? [["Credits", <Link key="c" className="text-brand-700 underline" href={`/invoices/${invoice.creditsInvoice.id}`}>{invoice.creditsInvoice.number}</Link>] as [string, React.ReactNode]] : []),
            ]} />
          </Card>
          {due ? (
            <Card title="How to pay">
              {invoice.stripeHostedUrl ? (
                <a className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white" href={invoice.stripeHostedUrl} target="_blank" rel="noreferrer">Pay {formatMinor(invoice.totalMinor, invoice.currency)} online</a>
              ) : (
                <p className="text-sm text-slate-800">{invoice.paymentInstructions || "By bank transfer: the facility's finance office sends its details."}</p>
              )}
              {invoice.paymentState === "PAYMENT_FAILED" ? <p className="mt-2 text-sm text-red-800">The last payment attempt failed. Try again, or pay by bank transfer.</p> : null}
              {isFacilityStaff && !isPayer ? <p className="mt-2 text-xs text-slate-600">The payer sees this. Payments made through Stripe update the status here automatically.</p> : null}
            </Card>
          ) : null}
          {isFacilityStaff && isInvoice && invoice.totalMinor > 0 && !invoice.stripeSyncedAt && invoice.stripeLastError ? (
            <Card title="Stripe">
              <p className="text-sm text-red-800">Stripe has not taken this invoice yet ({invoice.stripeAttempts} attempt{invoice.stripeAttempts === 1 ? "" : "s"}): {invoice.stripeLastError}</p>
              <p className="mt-1 text-xs text-slate-600">{invoice.stripeAttempts >= 10 ? "The job has stopped retrying; fix the cause in Stripe, then ask an administrator to reset the attempts." : "The job retries every minute."} The payer can still pay by bank transfer.</p>
            </Card>
          ) : null}
          {invoice.creditNotes.length > 0 ? (
            <Card title="Credit notes">
              <ul className="space-y-1 text-sm">{invoice.creditNotes.map((c) => <li key={c.id}><Link className="text-brand-700 underline" href={`/invoices/${c.id}`}>{c.number}</Link> · {formatMinor(c.totalMinor, c.currency)} · {c.reason}</li>)}</ul>
            </Card>
          ) : null}
          {isFacilityStaff && isInvoice ? (
            <Card title="Correct this invoice">
              <p className="mb-3 text-sm text-slate-700">An issued invoice is never edited. A credit note, with the next number, corrects it.</p>
              <CreditNoteForm invoiceId={invoice.id} currency={invoice.currency} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
