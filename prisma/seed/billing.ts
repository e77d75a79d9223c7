// Billing in the demo world: each endstation's full-cost rate card (GBP at
// Severn Light Source, EUR at Erzgebirge), add-ons, VAT and bank details, and
// the programme's SME subsidy (75 % of the full cost up to GBP 60,000 per
// organisation, at Severn Light Source). Idempotent: rate cards and add-ons
// are keyed by their valid-from date, and existing ones are left alone.
import type { Tx } from "../../server/db";
import type { AddOnKind, RateUnit } from "../../server/generated/prisma/enums";
import { localMidnight } from "../../server/scheduling/shifts";
import type { DemoTimeline } from "./timeline";
import { demoProgrammeName } from "./world";

/** Rates in force from the start of the year before the first cycle, as drawn. */
const validFromAsDrawn = "2026-01-01";

const rateCards: { facility: string; endstation: string; currency: string; unit: RateUnit; priceMinor: number; slidingFromUnit?: number; slidingPriceMinor?: number }[] = [
  { facility: "SLS", endstation: "S07", currency: "GBP", unit: "SHIFT", priceMinor: 320_000, slidingFromUnit: 11, slidingPriceMinor: 280_000 },
  { facility: "SLS", endstation: "S11", currency: "GBP", unit: "SHIFT", priceMinor: 410_000, slidingFromUnit: 11, slidingPriceMinor: 360_000 },
  { facility: "SLS", endstation: "S16", currency: "GBP", unit: "SHIFT", priceMinor: 520_000 },
  { facility: "ECI", endstation: "CT1", currency: "EUR", unit: "SHIFT", priceMinor: 140_000 },
  { facility: "ECI", endstation: "XM2", currency: "EUR", unit: "HOUR", priceMinor: 18_000 },
];

const addOns: { facility: string; kind: AddOnKind; label: string; unitLabel: string; priceMinor: number; currency: string }[] = [
  { facility: "SLS", kind: "SAMPLE_PREPARATION", label: "Sample preparation", unitLabel: "sample", priceMinor: 4_500, currency: "GBP" },
  { facility: "SLS", kind: "MAIL_IN", label: "Mail-in measurement service", unitLabel: "shift", priceMinor: 60_000, currency: "GBP" },
  { facility: "SLS", kind: "DATA_PROCESSING", label: "Data processing", unitLabel: "compute hour", priceMinor: 250, currency: "GBP" },
  { facility: "SLS", kind: "SHIPPING", label: "Return shipping", unitLabel: "parcel", priceMinor: 8_500, currency: "GBP" },
  { facility: "ECI", kind: "SAMPLE_PREPARATION", label: "Sample preparation", unitLabel: "sample", priceMinor: 3_000, currency: "EUR" },
  { facility: "ECI", kind: "DATA_PROCESSING", label: "Data processing", unitLabel: "compute hour", priceMinor: 200, currency: "EUR" },
];

const facilitySettings: Record<string, { vatBasisPoints: number; paymentInstructions: string }> = {
  SLS: { vatBasisPoints: 2_000, paymentInstructions: "Bank transfer to Severn Light Source Ltd, sort code 30-94-57, account 41877203, quoting the invoice number. VAT GB 284 1937 55." },
  ECI: { vatBasisPoints: 1_900, paymentInstructions: "Überweisung an Erzgebirge Core Imaging Centre gGmbH, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX, Verwendungszweck: Rechnungsnummer. USt-IdNr. DE 312 845 771." },
};

export async function seedBilling(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, log: (msg: string) => void = () => {}): Promise<void> {
  const validFrom = t.plannedDate(validFromAsDrawn);
  const admins: Record<string, string> = { SLS: userIds.get("rachel.whitcombe@severn-light-source.example")!, ECI: userIds.get("jonas.albrecht@erzgebirge-ct.example")! };
  for (const [code, settings] of Object.entries(facilitySettings)) await tx.facility.update({ where: { code }, data: settings });
  for (const card of rateCards) {
    const facility = await tx.facility.findUniqueOrThrow({ where: { code: card.facility } });
    const endstation = await tx.endstation.findUniqueOrThrow({ where: { facilityId_code: { facilityId: facility.id, code: card.endstation } } });
    const from = localMidnight(validFrom, facility.timeZone);
    await tx.rateCard.upsert({
      where: { endstationId_validFrom: { endstationId: endstation.id, validFrom: from } },
      create: { endstationId: endstation.id, currency: card.currency, unit: card.unit, priceMinor: card.priceMinor, slidingFromUnit: card.slidingFromUnit ?? null, slidingPriceMinor: card.slidingPriceMinor ?? null, validFrom: from, createdById: admins[card.facility]! },
      update: {},
    });
  }
  for (const addOn of addOns) {
    const facility = await tx.facility.findUniqueOrThrow({ where: { code: addOn.facility } });
    const from = localMidnight(validFrom, facility.timeZone);
    await tx.addOnRate.upsert({
      where: { facilityId_kind_validFrom: { facilityId: facility.id, kind: addOn.kind, validFrom: from } },
      create: { facilityId: facility.id, kind: addOn.kind, label: addOn.label, unitLabel: addOn.unitLabel, priceMinor: addOn.priceMinor, currency: addOn.currency, validFrom: from, createdById: admins[addOn.facility]! },
      update: {},
    });
  }

  const programme = await tx.programme.findUniqueOrThrow({ where: { name: demoProgrammeName } });
  await tx.programme.update({ where: { id: programme.id }, data: { subsidyBasisPoints: 7_500, capPerOrganisationMinor: 6_000_000n } });
  const sls = await tx.facility.findUniqueOrThrow({ where: { code: "SLS" } });
  await tx.programmeFacility.upsert({ where: { programmeId_facilityId: { programmeId: programme.id, facilityId: sls.id } }, create: { programmeId: programme.id, facilityId: sls.id }, update: {} });

  // The Okement request belongs to Okement's Dartmoor aplite demonstrator, so the ledger shows its spend there.
  const demonstrator = await tx.demonstrator.findFirstOrThrow({ where: { programmeId: programme.id, title: { startsWith: "Dartmoor aplite" } } });
  await tx.accessRequest.updateMany({ where: { id: "demo-request-okement-spodumene-liberation", demonstratorId: null }, data: { demonstratorId: demonstrator.id } });
  log(`Billing: ${rateCards.length} rate cards, ${addOns.length} add-ons, SME subsidy 75 % up to GBP 60,000 per organisation at SLS`);
}
