import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { emailApplicant, requestUrl } from "../access-requests/notify";
import { nextCounter } from "../references/next-counter";
import { addOnLines } from "./current-rates";
import { loadBillableRequest } from "./load-billing";
import type { Currency } from "./money";
import { frozenRatesOf, type FrozenRates } from "./frozen-rates";
import { priceBeamTimes, type BeamTime } from "./pricing";
import type { issueInvoiceSchema } from "./schemas";
import { spendSubsidy, subsidyHeadroom } from "./subsidy-ledger";
import type { AddOnKind } from "../generated/prisma/enums";
import { clock } from "../clock";

const paymentDays = 30;

/** The next number in the facility's single invoice sequence (credit notes included): consecutive, no gaps, as the counter row is locked until commit. */
export async function nextInvoiceNumber(tx: Tx, facility: { id: string; code: string }) {
  const sequence = await nextCounter(tx, `invoice-${facility.id}`);
  return { sequence, number: `${facility.code}-${String(sequence).padStart(5, "0")}` };
}

type RunBooking = { shifts: number; downtimeHours: unknown; endstationId: string; endstation: { name: string } };

/**
 * The shifts run and downtime on each endstation, priced with the card the
 * quote froze for it. A quote with one card (one endstation, or made before
 * quotes priced each endstation) prices every shift with it; otherwise a
 * shift on an endstation the quote did not price is refused by name.
 */
function beamTimesRun(frozen: FrozenRates, ran: RunBooking[], quoteReference: string): BeamTime[] {
  const single = frozen.endstations.length === 1 ? frozen.endstations[0]! : null;
  const stray = single ? undefined : ran.find((b) => !frozen.endstations.some((e) => e.endstationId === b.endstationId));
  if (stray) throw conflict(`Shifts ran on ${stray.endstation.name}, which quote ${quoteReference} does not price; move the booking to one of ${frozen.endstations.map((e) => e.name).join(", ")}, where its shifts are priced.`);
  return frozen.endstations.map((e) => {
    const mine = single ? ran : ran.filter((b) => b.endstationId === e.endstationId);
    const shifts = mine.reduce((n, b) => n + b.shifts, 0);
    // Hourly instruments bill the hours of the shifts used, at the shift length frozen in the quote.
    return {
      endstation: e.name,
      rates: e.beam,
      units: e.beam.unit === "SHIFT" ? shifts : shifts * e.shiftHours,
      downtimeCreditHundredthHours: mine.reduce((n, b) => n + Math.round(Number(b.downtimeHours) * 100), 0),
    };
  });
}

/**
 * After the run, the facility invoices the shifts actually used (confirmed
 * bookings that have ended), credits downtime the facility caused, adds the
 * add-ons, and settles the SME subsidy: the reservation becomes spending and
 * what the run did not use goes back to the programme.
 */
export async function issueInvoice(tx: Tx, ctx: RequestContext, input: z.output<typeof issueInvoiceSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isFacilityStaff } = await loadBillableRequest(tx, ctx.actor, input.requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff invoice its beam time.`);
  // Lock the quote: two clicks on "Issue" make one invoice.
  const [quote] = await tx.$queryRaw<{ id: string; state: string }[]>`SELECT id, state FROM "Quote" WHERE "requestId" = ${request.id} FOR UPDATE`;
  if (!quote) throw conflict(`${request.reference} has no quote to invoice against; make the quote first.`);
  if (quote.state !== "ACTIVE") throw conflict(`${request.reference}'s quote is ${quote.state.toLowerCase()}; it cannot be invoiced again.`);
  const q = request.quote!;

  const ran = await tx.booking.findMany({ where: { requestId: request.id, kind: "REQUEST", state: "CONFIRMED", endsAt: { lte: now } }, select: { shifts: true, downtimeHours: true, endstationId: true, endstation: { select: { name: true } } } });
  const shiftsUsed = ran.reduce((n, b) => n + b.shifts, 0);
  if (shiftsUsed === 0) throw conflict(`No shifts of ${request.reference} have run yet: the invoice counts confirmed bookings that have ended.`);
  const downtimeHundredths = ran.reduce((n, b) => n + Math.round(Number(b.downtimeHours) * 100), 0);

  const frozen = frozenRatesOf(q.rates);
  const beamTimes = beamTimesRun(frozen, ran, q.reference);
  const addOns = addOnLines(frozen.addOns, input.addOns);
  for (const kind of Object.keys(input.addOns) as AddOnKind[]) {
    if ((input.addOns[kind] ?? 0) > 0 && !frozen.addOns.some((a) => a.kind === kind)) throw invalid(`The quote has no rate for ${kind.toLowerCase().replaceAll("_", " ")}; leave it at 0.`, `addOns.${kind}`);
  }
  const programme = q.programmeId ? await tx.programme.findUniqueOrThrow({ where: { id: q.programmeId } }) : null;
  const headroom = programme ? await subsidyHeadroom(tx, programme.id, request.organisationId, request.id) : null;
  const priced = priceBeamTimes({
    beamTimes: beamTimes.map((b) => ({ ...b, rates: { ...b.rates, currency: q.currency as Currency } })),
    addOns,
    freeAtPointOfUse: q.paymentTerms === "FREE",
    vatBasisPoints: q.vatBasisPoints,
    subsidy: programme && headroom ? { percentBasisPoints: q.subsidyBasisPoints ?? 0, ...headroom } : null,
  });

  const { sequence, number } = await nextInvoiceNumber(tx, request.facility);
  const invoice = await tx.invoice.create({
    data: {
      facilityId: request.facilityId,
      sequence,
      number,
      kind: "INVOICE",
      requestId: request.id,
      quoteId: q.id,
      organisationId: request.organisationId,
      currency: q.currency,
      lines: priced.lines as unknown as Prisma.InputJsonValue,
      fullCostMinor: priced.fullCostMinor,
      subsidyMinor: priced.subsidyMinor,
      waivedMinor: priced.waivedMinor,
      netMinor: priced.netMinor,
      vatMinor: priced.vatMinor,
      totalMinor: priced.totalMinor,
      paymentInstructions: request.facility.paymentInstructions,
      issuedAt: now,
      dueAt: new Date(now.getTime() + paymentDays * 86_400_000),
      createdById: ctx.actor.userId,
      // Nothing to collect (free access, or fully subsidised): settled at once.
      paymentState: priced.totalMinor === 0 ? "PAID" : "UNPAID",
      paymentUpdatedAt: priced.totalMinor === 0 ? now : null,
    },
  });
  await tx.quote.update({ where: { id: q.id }, data: { state: "INVOICED" } });
  if (programme) await spendSubsidy(tx, { programmeId: programme.id, organisationId: request.organisationId, requestId: request.id, demonstratorId: request.demonstratorId, note: `Spent on invoice ${number}` }, priced.subsidyMinor);
  await recordAudit(tx, ctx, { action: "invoice.issued", entityType: "Invoice", entityId: invoice.id, after: { number, request: request.reference, shiftsUsed, downtimeHours: downtimeHundredths / 100, fullCostMinor: priced.fullCostMinor, subsidyMinor: priced.subsidyMinor, totalMinor: priced.totalMinor, currency: q.currency } });
  await emailApplicant(tx, request, "request-update", {
    reference: request.reference!,
    title: request.title,
    status: `Invoice ${number} issued`,
    nextStep: priced.totalMinor === 0 ? "Nothing is due: the programme and the facility cover the full cost." : `Please pay within ${paymentDays} days. The invoice is on the request page, with how to pay.`,
    url: requestUrl(request.id),
  }, `invoice-issued:${invoice.id}`);
  return { id: invoice.id, number };
}
