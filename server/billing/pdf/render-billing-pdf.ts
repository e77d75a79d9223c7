import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import type { Actor } from "../../access/actor";
import type { Db } from "../../db";
import { conflict } from "../../errors";
import { registerPdfFonts } from "../../pdf/fonts";
import { loadBillableRequest, loadVisibleInvoice } from "../load-billing";
import type { PriceLine } from "../pricing";
import { BillingDocument, type BillingDocumentData } from "./billing-document";

const termsText = { PREPAYMENT: "Payment in advance of the run.", PURCHASE_ORDER: "Invoiced after the run against the purchase order.", FREE: "Free at the point of use: the full cost is recorded as value granted." } as const;

async function render(data: BillingDocumentData) {
  registerPdfFonts();
  return renderToBuffer(createElement(BillingDocument, { data }) as unknown as ReactElement<DocumentProps>);
}

export async function renderQuotePdf(db: Db, actor: Actor, requestId: string) {
  const { request } = await loadBillableRequest(db, actor, requestId);
  const quote = request.quote;
  if (!quote) throw conflict(`${request.reference} has no quote yet.`);
  const [payer, programme] = await Promise.all([db.organisation.findUniqueOrThrow({ where: { id: quote.organisationId } }), quote.programmeId ? db.programme.findUnique({ where: { id: quote.programmeId } }) : null]);
  const pdf = await render({
    title: "Quote", number: quote.reference, issuedAt: quote.createdAt, dueAt: null, timeZone: request.facility.timeZone,
    facility: request.facility, payer, request: { reference: request.reference ?? "", title: request.title },
    lines: quote.lines as unknown as PriceLine[], currency: quote.currency,
    fullCostMinor: quote.fullCostMinor, subsidyMinor: quote.subsidyMinor, subsidyLabel: `SME subsidy (${(quote.subsidyBasisPoints ?? 0) / 100} %, ${programme?.name ?? "programme"})`,
    waivedMinor: quote.waivedMinor, netMinor: quote.netMinor, vatMinor: quote.vatMinor, vatLabel: `VAT ${quote.vatBasisPoints / 100} %`, totalMinor: quote.totalMinor,
    notes: [termsText[quote.paymentTerms] + (quote.purchaseOrderNumber ? ` Purchase order ${quote.purchaseOrderNumber}.` : ""), "The invoice after the run counts the shifts actually used and credits beam time lost through the facility."],
  });
  return { pdf, filename: `${quote.reference}.pdf` };
}

export async function renderInvoicePdf(db: Db, actor: Actor, invoiceId: string) {
  const { invoice } = await loadVisibleInvoice(db, actor, invoiceId);
  const [payer, request] = await Promise.all([db.organisation.findUniqueOrThrow({ where: { id: invoice.organisationId } }), db.accessRequest.findUniqueOrThrow({ where: { id: invoice.requestId } })]);
  const vatRate = invoice.netMinor === 0 ? 0 : Math.round((invoice.vatMinor * 10_000) / invoice.netMinor) / 100;
  const pdf = await render({
    title: invoice.kind === "CREDIT_NOTE" ? "Credit note" : "Invoice", number: invoice.number, issuedAt: invoice.issuedAt, dueAt: invoice.kind === "INVOICE" ? invoice.dueAt : null, timeZone: invoice.facility.timeZone,
    facility: invoice.facility, payer, request: { reference: request.reference ?? "", title: request.title },
    lines: invoice.lines as unknown as PriceLine[], currency: invoice.currency,
    fullCostMinor: invoice.fullCostMinor, subsidyMinor: invoice.subsidyMinor, subsidyLabel: "SME subsidy (paid by the programme)",
    waivedMinor: invoice.waivedMinor, netMinor: invoice.netMinor, vatMinor: invoice.vatMinor, vatLabel: `VAT ${vatRate} %`, totalMinor: invoice.totalMinor,
    notes: [invoice.creditsInvoice ? `Credits invoice ${invoice.creditsInvoice.number}.` : "", invoice.quote.purchaseOrderNumber ? `Purchase order ${invoice.quote.purchaseOrderNumber}.` : "", invoice.kind === "INVOICE" && invoice.totalMinor > 0 ? (invoice.stripeHostedUrl ? `Pay online: ${invoice.stripeHostedUrl}` : invoice.paymentInstructions) : ""].filter(Boolean),
  });
  return { pdf, filename: `${invoice.number}.pdf` };
}
