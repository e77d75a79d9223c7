import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { loadBillableRequest } from "./load-billing";
import type { cancelQuoteSchema, paymentTermsSchema } from "./schemas";
import { releaseSubsidy } from "./subsidy-ledger";

/** The payer chooses prepayment or a purchase order (with its number) while the quote is open. */
export async function setPaymentTerms(tx: Tx, ctx: RequestContext, input: z.output<typeof paymentTermsSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isPayer } = await loadBillableRequest(tx, ctx.actor, input.requestId);
  if (!isPayer) throw forbidden(`Only ${request.organisation.name} chooses how it pays.`);
  const quote = request.quote;
  if (!quote) throw conflict(`${request.reference} has no quote yet.`);
  if (quote.paymentTerms === "FREE") throw conflict(`${request.reference} is free at the point of use; there is nothing to pay.`);
  if (quote.paidAt) throw conflict(`Quote ${quote.reference} is paid; its terms are settled.`);
  const purchaseOrderNumber = input.paymentTerms === "PURCHASE_ORDER" ? input.purchaseOrderNumber : null;
  const changed = await tx.quote.updateMany({ where: { id: quote.id, state: "ACTIVE", paidAt: null }, data: { paymentTerms: input.paymentTerms, purchaseOrderNumber } });
  if (changed.count === 0) throw conflict(`Quote ${quote.reference} is ${quote.state.toLowerCase()}; its terms are settled.`);
  await recordAudit(tx, ctx, { action: "quote.payment_terms_set", entityType: "Quote", entityId: quote.id, before: { paymentTerms: quote.paymentTerms, purchaseOrderNumber: quote.purchaseOrderNumber }, after: { paymentTerms: input.paymentTerms, purchaseOrderNumber } });
  return { paymentTerms: input.paymentTerms, purchaseOrderNumber };
}

/** The facility cancels a quote that will not be invoiced (the user pulled out): the SME subsidy goes back to the programme. */
export async function cancelQuote(tx: Tx, ctx: RequestContext, input: z.output<typeof cancelQuoteSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isFacilityStaff } = await loadBillableRequest(tx, ctx.actor, input.requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff cancel its quotes.`);
  const quote = request.quote;
  if (!quote) throw conflict(`${request.reference} has no quote.`);
  const cancelled = await tx.quote.updateMany({ where: { id: quote.id, state: "ACTIVE" }, data: { state: "CANCELLED" } });
  if (cancelled.count === 0) throw conflict(`Quote ${quote.reference} is already ${quote.state.toLowerCase()}.`);
  const released = quote.programmeId ? await releaseSubsidy(tx, { programmeId: quote.programmeId, organisationId: request.organisationId, requestId: request.id, demonstratorId: request.demonstratorId, note: `Released: ${quote.reference} cancelled (${input.reason})` }) : 0;
  await recordAudit(tx, ctx, { action: "quote.cancelled", entityType: "Quote", entityId: quote.id, before: { state: "ACTIVE" }, after: { state: "CANCELLED", reason: input.reason, releasedMinor: released } });
  return { releasedMinor: released };
}
