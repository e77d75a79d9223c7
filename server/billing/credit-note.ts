import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { nextInvoiceNumber } from "./issue-invoice";
import { loadVisibleInvoice } from "./load-billing";
import { formatMinor, percentOf } from "./money";
import type { creditNoteSchema } from "./schemas";
import { clock } from "../clock";

/**
 * Corrects an issued invoice without editing it: a credit note with its own
 * number in the same sequence, for a net amount (VAT credited at the
 * invoice's rate), never more than what is left to credit.
 */
export async function issueCreditNote(tx: Tx, ctx: RequestContext, input: z.output<typeof creditNoteSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { invoice, isFacilityStaff } = await loadVisibleInvoice(tx, ctx.actor, input.invoiceId);
  if (!isFacilityStaff) throw forbidden(`Only ${invoice.facility.name}'s staff issue credit notes.`);
  if (invoice.kind !== "INVOICE") throw conflict(`${invoice.number} is itself a credit note; credit the invoice it corrects.`);
  // Lock the invoice so two credit notes cannot together credit more than it.
  await tx.$queryRaw`SELECT id FROM "Invoice" WHERE id = ${invoice.id} FOR UPDATE`;
  const credited = await tx.invoice.aggregate({ where: { creditsInvoiceId: invoice.id }, _sum: { netMinor: true, vatMinor: true } });
  const left = invoice.netMinor + (credited._sum.netMinor ?? 0);
  if (input.amountMinor > left) throw invalid(`At most ${formatMinor(left, invoice.currency)} of ${invoice.number} is left to credit (before VAT).`, "amountMinor");
  const vatLeft = invoice.vatMinor + (credited._sum.vatMinor ?? 0);
  const net = -input.amountMinor;
  // At the quote's rate; never more VAT than the invoice charged, and the last credit takes exactly what is left.
  const vat = input.amountMinor === left ? -vatLeft : -Math.min(percentOf(input.amountMinor, invoice.quote.vatBasisPoints), vatLeft);
  const { sequence, number } = await nextInvoiceNumber(tx, invoice.facility);
  const { paymentInstructions } = await tx.facility.findUniqueOrThrow({ where: { id: invoice.facilityId }, select: { paymentInstructions: true } });
  const note = await tx.invoice.create({
    data: {
      facilityId: invoice.facilityId,
      sequence,
      number,
      kind: "CREDIT_NOTE",
      requestId: invoice.requestId,
      quoteId: invoice.quoteId,
      creditsInvoiceId: invoice.id,
      organisationId: invoice.organisationId,
      currency: invoice.currency,
      lines: [{ label: `Credit against ${invoice.number}: ${input.reason}`, quantity: 1, unitPriceMinor: net, amountMinor: net }] as unknown as Prisma.InputJsonValue,
      fullCostMinor: net,
      subsidyMinor: 0,
      waivedMinor: 0,
      netMinor: net,
      vatMinor: vat,
      totalMinor: net + vat,
      reason: input.reason,
      paymentInstructions,
      issuedAt: now,
      dueAt: now,
      createdById: ctx.actor.userId,
      paymentState: "PAID",
      paymentUpdatedAt: now,
    },
  });
  await recordAudit(tx, ctx, { action: "invoice.credit_note_issued", entityType: "Invoice", entityId: note.id, after: { number, credits: invoice.number, netMinor: net, vatMinor: vat, reason: input.reason } });
  return { id: note.id, number };
}
