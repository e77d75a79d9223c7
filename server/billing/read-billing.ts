import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";
import { loadBillableRequest, loadVisibleInvoice } from "./load-billing";
import { clock } from "../clock";
import { stripeConfigured } from "./stripe/client";

async function endstationsWithoutRates(db: Db, endstations: { id: string; name: string }[], now: Date) {
  const priced = await db.rateCard.findMany({ where: { endstationId: { in: endstations.map((e) => e.id) }, validFrom: { lte: now } }, select: { endstationId: true }, distinct: ["endstationId"] });
  return endstations.filter((e) => !priced.some((p) => p.endstationId === e.id)).map((e) => e.name);
}

/** The quote and invoices of a request, and for staff what the next invoice would count. */
export async function billingOfRequest(db: Db, actor: Actor, requestId: string, now = clock.now()) {
  const { request, isFacilityStaff, isPayer } = await loadBillableRequest(db, actor, requestId);
  const invoices = await db.invoice.findMany({ where: { requestId }, orderBy: { sequence: "asc" } });
  const ran = isFacilityStaff ? await db.booking.findMany({ where: { requestId, kind: "REQUEST", state: "CONFIRMED", endsAt: { lte: now } }, select: { shifts: true, downtimeHours: true } }) : [];
  const programme = request.quote?.programmeId ? await db.programme.findUnique({ where: { id: request.quote.programmeId }, select: { name: true } }) : null;
  return {
    quote: request.quote,
    programmeName: programme?.name ?? null,
    invoices,
    isFacilityStaff,
    isPayer,
    timeZone: request.facility.timeZone,
    paymentInstructions: request.facility.paymentInstructions,
    /** The payer can pay a prepayment online (Stripe Checkout) when Stripe is set up. */
    onlinePayment: stripeConfigured(),
    /** For the "issue the invoice" form: what has run and which add-ons the quote priced. */
    run: isFacilityStaff ? { shiftsUsed: ran.reduce((n, b) => n + b.shifts, 0), downtimeHours: ran.reduce((n, b) => n + Number(b.downtimeHours), 0) } : null,
    addOnRates: isFacilityStaff && request.quote ? ((request.quote.rates as { addOns?: { kind: string; label: string; unitLabel: string; priceMinor: number }[] }).addOns ?? []) : [],
    canMakeQuote: isFacilityStaff && !request.quote && request.state === "APPROVED",
    /** Endstations of the request with no rate card in force: the quote waits for them. */
    missingRateCards: isFacilityStaff && !request.quote ? await endstationsWithoutRates(db, request.endstations.map((e) => e.endstation), now) : [],
  };
}

/** Every invoice the actor may see: their organisations' (as payer) and their facilities' (as staff), newest first. */
export async function listInvoices(db: Db, actor: Actor) {
  const payerOf = organisationIdsOf(actor);
  const staffOf = organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN");
  const invoices = await db.invoice.findMany({
    where: { OR: [{ organisationId: { in: payerOf } }, { facility: { organisationId: { in: staffOf } } }] },
    include: { facility: { select: { name: true, code: true, timeZone: true } }, quote: { select: { reference: true, request: { select: { id: true, reference: true, title: true } } } } },
    orderBy: [{ issuedAt: "desc" }, { sequence: "desc" }],
    take: 500,
  });
  const organisations = await db.organisation.findMany({ where: { id: { in: [...new Set(invoices.map((i) => i.organisationId))] } }, select: { id: true, name: true } });
  return invoices.map((i) => ({ ...i, payer: organisations.find((o) => o.id === i.organisationId)?.name ?? "" }));
}

export async function getInvoice(db: Db, actor: Actor, invoiceId: string) {
  const { invoice, isFacilityStaff, isPayer } = await loadVisibleInvoice(db, actor, invoiceId);
  const [payer, request] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: invoice.organisationId }, select: { name: true, country: true } }),
    db.accessRequest.findUniqueOrThrow({ where: { id: invoice.requestId }, select: { id: true, reference: true, title: true } }),
  ]);
  return { invoice, payer, request, isFacilityStaff, isPayer };
}
