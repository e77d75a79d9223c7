// Fixtures for billing tests: a facility with rates and VAT, an SME programme, and requests awaiting decision.
import type { SignedInActor } from "../access/actor";
import type { Db } from "../db";
import { completeContent, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { uniqueSuffix } from "../testing/fixtures";

const day = 86_400_000;

/** £3,200 a shift (£2,800 from the 11th), £150 per sample prepared, 20 % VAT; a programme paying 75 % up to a cap. */
export async function createBillingWorld(db: Db, options: { budgetMinor?: bigint; capMinor?: bigint } = {}) {
  const world = await createFacilityWorld(db);
  await db.facility.update({ where: { id: world.facility.id }, data: { vatBasisPoints: 2_000, paymentInstructions: "Sort code 00-00-00, account 12345678" } });
  await db.rateCard.create({ data: { endstationId: world.endstation.id, currency: "GBP", unit: "SHIFT", priceMinor: 320_000, slidingFromUnit: 11, slidingPriceMinor: 280_000, validFrom: new Date(Date.now() - 365 * day), createdById: world.admin.userId } });
  await db.addOnRate.create({ data: { facilityId: world.facility.id, kind: "SAMPLE_PREPARATION", label: "Sample preparation", unitLabel: "sample", priceMinor: 15_000, currency: "GBP", validFrom: new Date(Date.now() - 365 * day), createdById: world.admin.userId } });
  await db.addOnRate.create({ data: { facilityId: world.facility.id, kind: "DATA_PROCESSING", label: "Data processing", unitLabel: "compute hour", priceMinor: 250, currency: "GBP", validFrom: new Date(Date.now() - 365 * day), createdById: world.admin.userId } });
  const funder = await db.organisation.create({ data: { name: `Test funder ${uniqueSuffix()}`, kind: "FUNDER", country: "GB" } });
  const programme = await db.programme.create({
    data: {
      funderOrganisationId: funder.id,
      name: `SME programme ${uniqueSuffix()}`,
      description: "Test programme",
      budgetMinor: options.budgetMinor ?? 100_000_000n,
      currency: "GBP",
      startsOn: new Date(Date.now() - 30 * day),
      endsOn: new Date(Date.now() + 900 * day),
      subsidyBasisPoints: 7_500,
      capPerOrganisationMinor: options.capMinor ?? 5_000_000n,
      facilities: { create: [{ facilityId: world.facility.id }] },
    },
  });
  return { ...world, funder, programme };
}
export type BillingWorld = Awaited<ReturnType<typeof createBillingWorld>>;

/** A submitted SME request past feasibility and safety, waiting for the industrial office (created directly; the review flow is tested elsewhere). */
export async function createAwaitingDecision(db: Db, w: BillingWorld, applicant?: SignedInActor, endstationIds: string[] = [w.endstation.id]) {
  const sme = applicant ?? (await createSmeApplicant(db));
  const content = completeContent(w.endstation.id, { endstationIds, samples: [{ name: "Core cylinders", materialClass: "ORE", count: 3, hazardSummary: "none known" }] });
  const request = await db.accessRequest.create({
    data: {
      reference: `LDS-98-${Math.floor(Math.random() * 900_000 + 100_000)}`,
      facilityId: w.facility.id,
      routeId: w.routes.SME_INDUSTRIAL.id,
      organisationId: sme.memberships[0]!.organisationId,
      createdById: sme.userId,
      state: "AWAITING_DECISION",
      version: 1,
      content,
      title: content.title,
      shiftsRequested: 6,
      submittedAt: new Date(),
      endstations: { create: endstationIds.map((endstationId) => ({ endstationId })) },
    },
  });
  return { request, applicant: sme };
}

/** A confirmed booking of the request that has already run (ended `daysAgo` days ago), with downtime in hours. */
export async function createRunBooking(db: Db, w: BillingWorld, requestId: string, shifts: number, options: { downtimeHours?: number; daysAgo?: number; endstationId?: string } = {}) {
  const endsAt = new Date(Date.now() - 3_600_000 - (options.daysAgo ?? 1) * 3 * day);
  const downtimeHours = options.downtimeHours ?? 0;
  return db.booking.create({
    data: { reference: `BK-T-${uniqueSuffix()}`, endstationId: options.endstationId ?? w.endstation.id, kind: "REQUEST", state: "CONFIRMED", startsAt: new Date(endsAt.getTime() - shifts * 8 * 3_600_000), endsAt, shifts, requestId, title: "Run", downtimeHours, createdById: w.staff.userId },
  });
}
