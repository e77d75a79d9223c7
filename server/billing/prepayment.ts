import { isSignedIn, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { emailApplicant, requestUrl } from "../access-requests/notify";
import { loadBillableRequest } from "./load-billing";
import { formatMinor } from "./money";

type PrepaidQuote = { id: string; reference: string; paymentTerms: string; state: string; totalMinor: number; currency: string; paidAt: Date | null; prepaymentWaivedAt: Date | null };

/** What a quote must be for a prepayment to be recorded or waived: open, on prepayment, something to pay, not paid yet. */
export function assertAwaitingPrepayment(quote: PrepaidQuote | null, requestReference: string | null): asserts quote is PrepaidQuote {
  if (!quote) throw conflict(`${requestReference} has no quote yet.`);
  if (quote.paymentTerms !== "PREPAYMENT") throw conflict(`${requestReference} is not on prepayment terms; nothing is due before the run.`);
  if (quote.state !== "ACTIVE") throw conflict(`Quote ${quote.reference} is ${quote.state.toLowerCase()}.`);
  if (quote.totalMinor === 0) throw conflict(`Quote ${quote.reference} has nothing to pay.`);
  if (quote.paidAt) throw conflict(`Quote ${quote.reference} is already paid.`);
}

/** Tells the applicant the prepayment arrived and bookings can now be confirmed. */
export async function emailPrepaid(tx: Tx, request: { id: string; reference: string | null; title: string; createdById: string; organisationId: string }, quote: PrepaidQuote, how: string) {
  await emailApplicant(tx, request, "request-update", {
    reference: request.reference!,
    title: request.title,
    status: `Quote ${quote.reference} paid`,
    nextStep: `Thank you: ${formatMinor(quote.totalMinor, quote.currency)} received ${how}. The facility can now confirm your beam time.`,
    url: requestUrl(request.id),
  }, `quote-prepaid:${quote.id}`);
}

/** The request and its quote, for the facility's staff acting on a prepayment still due (`what` they do, for the refusal). */
export async function prepaymentForStaff(tx: Tx, ctx: RequestContext, requestId: string, what: string) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isFacilityStaff } = await loadBillableRequest(tx, ctx.actor, requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff ${what}.`);
  const quote = request.quote;
  assertAwaitingPrepayment(quote, request.reference);
  return { request, quote, userId: ctx.actor.userId };
}
