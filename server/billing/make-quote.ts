import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import { loadBillableRequest } from "./load-billing";
import { addOnLines, addOnRatesAt, rateCardAt, rateTermsOf } from "./current-rates";
import type { FrozenBeamRates, FrozenRates } from "./frozen-rates";
import { priceBeamTimes, type BeamTime } from "./pricing";
import { inRequestOrder, splitShifts } from "./split-shifts";
import { reserveSubsidy, subsidyHeadroom } from "./subsidy-ledger";
import { subsidyProgrammeFor } from "./subsidy-programme";
import { clock } from "../clock";

const industrialKinds = ["PROPRIETARY_INDUSTRIAL", "RAPID", "SME_INDUSTRIAL"];

/** How many samples the request plans to bring (for the sample-preparation add-on). */
function plannedSamples(content: Prisma.JsonValue): number {
  const samples = (content as { samples?: { count?: number | null }[] } | null)?.samples ?? [];
  return samples.reduce((n, s) => n + (s.count ?? 0), 0);
}

type RequestWithEndstations = { content: Prisma.JsonValue; endstations: { endstation: { id: string; name: string; shiftHours: number } }[] };

/**
 * Each endstation's share of the granted shifts (see split-shifts.ts) with
 * the rate card in force there, or why the request cannot be priced: an
 * endstation without a card, or cards in different currencies.
 */
async function beamTimesAt(tx: Tx, request: RequestWithEndstations, shifts: number, now: Date): Promise<{ beamTimes: BeamTime[]; frozen: FrozenBeamRates[] } | string> {
  const endstations = inRequestOrder(request.endstations.map((e) => e.endstation), request.content);
  const shares = splitShifts(shifts, endstations.length);
  const cards = await Promise.all(endstations.map((e) => rateCardAt(tx, e.id, now)));
  const missing = endstations.filter((_, i) => !cards[i]).map((e) => e.name);
  if (missing.length > 0) return `${missing.join(" and ")} ${missing.length === 1 ? "has" : "have"} no rate card in force yet; a facility admin adds one under Rates before the request can be priced.`;
  const frozen = endstations.map((e, i) => ({ endstationId: e.id, name: e.name, beam: rateTermsOf(cards[i]!), shiftHours: e.shiftHours, shifts: shares[i]! }));
  const currencies = [...new Set(frozen.map((f) => f.beam.currency))];
  if (currencies.length > 1) return `A quote is in one currency, but ${frozen.map((f) => `${f.name} is priced in ${f.beam.currency}`).join(" and ")}.`;
  const beamTimes = frozen.map((f) => ({ endstation: f.name, rates: f.beam, units: f.beam.unit === "SHIFT" ? f.shifts! : f.shifts! * f.shiftHours }));
  return { beamTimes, frozen };
}

/**
 * Prices an approved request with the rates in force and reserves its SME
 * subsidy, in the approval's transaction. Every endstation the request
 * names is priced with its own card; subsidy and VAT apply to the total.
 * Returns null when an endstation has no rate card yet (`whenNoRates:
 * "skip"`); staff make the quote later.
 */
export async function makeQuote(tx: Tx, ctx: RequestContext & { actor: { kind: "user"; userId: string } }, requestId: string, options: { whenNoRates: "skip" | "refuse" }, now = clock.now()) {
  const request = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { route: true, facility: true, endstations: { include: { endstation: true } }, quote: { select: { reference: true, state: true } } } });
  if (request.state !== "APPROVED" || !request.allocatedShifts) throw conflict(`${request.reference} is not approved, so it has no price yet.`);
  if (request.quote) throw conflict(`${request.reference} already has quote ${request.quote.reference}${request.quote.state === "CANCELLED" ? " (cancelled)" : ""}.`);
  const found = await beamTimesAt(tx, request, request.allocatedShifts, now);
  if (typeof found === "string") {
    if (options.whenNoRates === "skip") return null;
    throw conflict(found);
  }
  const { beamTimes, frozen } = found;
  const currency = beamTimes[0]!.rates.currency;
  const addOnRates = (await addOnRatesAt(tx, request.facilityId, now)).filter((r) => r.currency === currency);
  const addOns = addOnLines(addOnRates, { SAMPLE_PREPARATION: plannedSamples(request.content) });
  const freeAtPointOfUse = request.route.kind === "NON_PROPRIETARY";
  const programme = freeAtPointOfUse ? null : await subsidyProgrammeFor(tx, request, currency, now);
  const headroom = programme ? await subsidyHeadroom(tx, programme.id, request.organisationId, request.id) : null;
  const priced = priceBeamTimes({ beamTimes, addOns, freeAtPointOfUse, vatBasisPoints: request.facility.vatBasisPoints, subsidy: programme && headroom ? { percentBasisPoints: programme.subsidyBasisPoints, ...headroom } : null });
  const rates: FrozenRates = { endstations: frozen, addOns: addOnRates.map((r) => ({ kind: r.kind, label: r.label, unitLabel: r.unitLabel, priceMinor: r.priceMinor })) };

  const reference = `Q-${request.facility.code}-${twoDigitYear(now.getUTCFullYear())}-${String(await nextCounter(tx, `quote-${request.facilityId}-${now.getUTCFullYear()}`)).padStart(4, "0")}`;
  const quote = await tx.quote.create({
    data: {
      reference,
      requestId,
      facilityId: request.facilityId,
      organisationId: request.organisationId,
      currency,
      rates: rates as unknown as Prisma.InputJsonValue,
      lines: priced.lines as unknown as Prisma.InputJsonValue,
      // Shifts, or hours for hourly instruments, over all the endstations.
      units: beamTimes.reduce((n, b) => n + b.units, 0),
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
  await recordAudit(tx, ctx, { action: "quote.made", entityType: "Quote", entityId: quote.id, after: { reference, request: request.reference, fullCostMinor: priced.fullCostMinor, subsidyMinor: priced.subsidyMinor, totalMinor: priced.totalMinor, currency, endstations: frozen.map((e) => ({ name: e.name, shifts: e.shifts })) } });
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
