// Test fixtures for consortium blocks (used by server/consortia/*.test.ts).
import type { SignedInActor } from "../access/actor";
import type { Db } from "../db";
import { addDays } from "../scheduling/shifts";
import { createFacilityWorld } from "../testing/access-fixtures";
import { callerFor, createMember, uniqueSuffix } from "../testing/fixtures";

const day = 86_400_000;

/** The local date (Europe/London, the test facility's zone) of an instant. */
export function londonDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/**
 * A facility (from createFacilityWorld: cycle 2027-1 starting in 30 days) with
 * a second cycle, and a consortium: a lead organisation (also a member) and
 * three member organisations, each with one CONSORTIUM_MEMBER user.
 */
export async function createConsortiumWorld(db: Db, options: { leadApprovesSessions?: boolean; cycleDays?: number } = {}) {
  const world = await createFacilityWorld(db, { cycleDays: options.cycleDays });
  const cycle2 = await db.cycle.create({ data: { facilityId: world.facility.id, name: "2027-2", startsAt: world.cycle.endsAt, endsAt: new Date(world.cycle.endsAt.getTime() + 180 * day) } });
  const suffix = uniqueSuffix();
  const lead = await createMember(db, "CONSORTIUM_LEAD");
  const leadOrganisationId = lead.memberships[0]!.organisationId;
  const memberNames = [`Okement Lithium ${suffix}`, `Brinewell Sorbents ${suffix}`, `Westcountry Ore Lab ${suffix}`];
  const memberOrgs = await Promise.all(memberNames.map((name) => db.organisation.create({ data: { name, kind: "SME", country: "GB" } })));
  const members: SignedInActor[] = [];
  for (const org of memberOrgs) members.push(await createMember(db, "CONSORTIUM_MEMBER", { organisationId: org.id }));
  const consortium = await db.consortium.create({
    data: {
      name: `Test consortium ${suffix}`,
      acronym: `TC${suffix}`,
      description: "A test consortium.",
      leadOrganisationId,
      leadApprovesSessions: options.leadApprovesSessions ?? false,
      members: { create: [{ organisationId: leadOrganisationId }, ...memberOrgs.map((o) => ({ organisationId: o.id }))] },
    },
  });
  return { ...world, db, cycle2, lead, leadOrganisationId, memberOrgs, members, consortium };
}
export type ConsortiumWorld = Awaited<ReturnType<typeof createConsortiumWorld>>;

/**
 * A granted block (24 shifts per cycle over both cycles) placed as 24
 * consecutive shifts, ten days into cycle 2027-1; by default with its
 * consortium agreement signed by everyone (signing is tested in server/agreements).
 */
export async function grantAndPlace(w: ConsortiumWorld, options: { shiftsPerCycle?: number; placeShifts?: number; unusedWarningDays?: number; agreement?: "signed" | "none" } = {}) {
  const block = await callerFor(w.admin).consortia.grantBlock({
    consortiumId: w.consortium.id,
    endstationId: w.endstation.id,
    shiftsPerCycle: options.shiftsPerCycle ?? 24,
    firstCycleId: w.cycle.id,
    lastCycleId: w.cycle2.id,
    reportingDates: [],
    unusedWarningDays: options.unusedWarningDays ?? 21,
  });
  const startDate = addDays(londonDate(w.cycle.startsAt), 10);
  const placement = await callerFor(w.staff).consortia.placeBlock({ blockId: block.id, cycleId: w.cycle.id, date: startDate, shiftIndex: 0, shifts: options.placeShifts ?? 24 });
  if ((options.agreement ?? "signed") === "signed") await createSignedBlockAgreement(w, block.id);
  return { blockId: block.id, placementId: placement.id, reference: placement.reference, startDate };
}

/** The lead gives each of the three member organisations `shifts` and the lead's own organisation 0. */
export function shareEqually(w: ConsortiumWorld, blockId: string, shifts: number) {
  return callerFor(w.lead).consortia.setShares({
    blockId,
    cycleId: w.cycle.id,
    shares: [{ organisationId: w.leadOrganisationId, shifts: 0 }, ...w.memberOrgs.map((o) => ({ organisationId: o.id, shifts }))],
  });
}

/** The block's consortium agreement, already signed by every member and the facility. */
export async function createSignedBlockAgreement(w: ConsortiumWorld, blockId: string) {
  const template = await w.db.agreementTemplate.create({
    data: { facilityId: w.facility.id, kind: "CONSORTIUM", version: Math.floor(Math.random() * 2_000_000_000) + 1, title: "Consortium block", body: "Terms for {{reference}} between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "CONSORTIUM", createdById: w.admin.userId },
  });
  const hash = "b".repeat(64);
  const signed = { state: "SIGNED" as const, signedById: w.admin.userId, typedName: w.admin.name, signedAt: new Date(), documentHash: hash };
  return w.db.agreement.create({
    data: {
      reference: `AGR-T-${uniqueSuffix()}`,
      templateId: template.id,
      blockId,
      consortiumId: w.consortium.id,
      state: "SIGNED",
      completedAt: new Date(),
      variables: {},
      renderedText: "Signed consortium terms",
      documentHash: hash,
      dataAccessTier: "CONSORTIUM",
      createdById: w.admin.userId,
      signatories: { create: [w.leadOrganisationId, ...w.memberOrgs.map((o) => o.id), w.facility.organisationId].map((organisationId) => ({ organisationId, party: organisationId === w.facility.organisationId ? ("FACILITY" as const) : ("CONSORTIUM_MEMBER" as const), ...signed })) },
    },
  });
}
