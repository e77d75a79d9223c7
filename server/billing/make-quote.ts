import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import { loadBillableRequest } from "./load-billing";
import { addOnLines, addOnRatesAt, rateCardAt, rateTermsOf } from "./current-rates";
import { price } from "./pricing";
import { reserveSubsidy, subsidyHeadroom } from "./subsidy-ledger";
import { subsidyProgrammeFor } from "./subsidy-programme";
import { clock } from "../clock";

const industrialKinds = ["PROPRIETARY_INDUSTRIAL", "RAPID", "SME_INDUSTRIAL"];

/** How many samples the request plans to bring (for the sample-preparation add-on). */
function plannedSamples(content: Prisma.JsonValue): number {
  const samples = (content as { samples?: { count?: number | null }[] } | null)?.samples ?? [];
  return samples.reduce((n, s) => n + (s.count ?? 0), 0);
}

/**
 * Prices an approved request with the rates in force and reserves its SME
 * subsidy, in the approval's transaction. Returns null when the endstation
 * has no rate card yet (`whenNoRates: "skip"`); staff make the quote later.
 */
export async function makeQuote(tx: Tx, ctx: RequestContext & { actor: { kind: "user"; userId: string } }, requestId: string, options: { whenNoRates: "skip" | "refuse" }, now = clock.now()) {
  const request = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { route: true, facility: true, endstations: { include: { endstation: true } }, quote: { select: { reference: true, state: true } } } });
  if (request.state !== "APPROVED" || !request.allocatedShifts) throw conflict(`${request.reference} is not approved, so it has no price yet.`);
  if (request.quote) throw conflict(`${request.reference} already has quote ${request.quote.reference}${request.quote.state === "CANCELLED" ? " (cancelled)" : ""}.`);
  const endstation = request.endstations[0]!.endstation;
  const card = await rateCardAt(tx, endstation.id, now);
  if (!card) {
    if (options.whenNoRates === "skip") return null;
    throw conflict(`${endstation.name} has no rate card in force yet; a facility admin adds one under Rates.`);
  }
  const rates = rateTermsOf(card);
  const units = rates.unit === "SHIFT" ? request.allocatedShifts : request.allocatedShifts * endstation.shiftHours;
  const addOnRates = (await addOnRatesAt(tx, request.facilityId, now)).filter((r) => r.currency === rates.currency);
  const addOns = addOnLines(addOnRates, { SAMPLE_PREPARATION: plannedSamples(request.content) });
  const freeAtPointOfUse = request.route.kind === "NON_PROPRIETARY";
  const programme = freeAtPointOfUse ? null : await subsidyProgrammeFor(tx, request, rates.currency, now);
  const headroom = programme ? await subsidyHeadroom(tx, programme.id, request.organisationId, request.id) : null;
  const priced = price({ rates, units, addOns, freeAtPointOfUse, vatBasisPoints: request.facility.vatBasisPoints, subsidy: programme && headroom ? { percentBasisPoints: programme.subsidyBasisPoints, ...headroom } : null });

  const reference = `Q-${request.facility.code}-${twoDigitYear(now.getUTCFullYear())}-${String(await nextCounter(tx, `quote-${request.facilityId}-${now.getUTCFullYear()}`)).padStart(4, "0")}`;
  const quote = await tx.quote.create({
    data: {
      reference,
      requestId,
      facilityId: request.facilityId,
      organisationId: request.organisationId,
      currency: rates.currency,
      rates: { beam: rates, shiftHours: endstation.shiftHours, addOns: addOnRates.map((r) => ({ kind: r.kind, label: r.label, unitLabel: r.unitLabel, priceMinor: r.priceMinor })) } as unknown as Prisma.InputJsonValue,
      lines: priced.lines as unknown as Prisma.InputJsonValue,
      units,
      fullCostMinor: priced.fullCostMinor,
      subsidyMinor: priced.subsidyMinor,
      waivedMinor: priced.waivedMinor,
      netMinor: priced.netMinor,
      vatMinor: priced.vatMinor,
      totalMinor: priced.totalMinor,
      vatBasisPoints: request.facility.vatBasisPoints,
      programmeId: programme?.id ?? null,
      subsidyBasisPoints: programme?.subsidyBasisPoints ?? null,
      subsidyLimitedBy: priced.subsidyLimitedBy,
      paymentTerms: freeAtPointOfUse ? "FREE" : industrialKinds.includes(request.route.kind) ? "PURCHASE_ORDER" : "PREPAYMENT",
      createdById: ctx.actor.userId,
      createdAt: now,
    },
  });
  if (programme && priced.subsidyMinor > 0) {
    await reserveSubsidy(tx, { programmeId: programme.id, organisationId: request.organisationId, requestId, demonstratorId: request.demonstratorId, note: `Reserved at approval by ${reference}` }, priced.subsidyMinor);
  }
  await recordAudit(tx, ctx, { action: "quote.made", entityType: "Quote", entityId: quote.id, after: { reference, request: request.reference, fullCostMinor: priced.fullCostMinor, subsidyMinor: priced.subsidyMinor, totalMinor: priced.totalMinor, currency: rates.currency } });
  return quote;
}

/** Staff make the quote by hand when the approval found no rate card (added since). */
export async function makeQuoteByStaff(tx: Tx, ctx: RequestContext, requestId: string) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { isFacilityStaff, request } = await loadBillableRequest(tx, ctx.actor, requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff make its quotes.`);
  const quote = await makeQuote(tx, { ...ctx, actor: ctx.actor }, requestId, { whenNoRates: "refuse" });
  return { id: quote!.id, reference: quote!.reference };
}
