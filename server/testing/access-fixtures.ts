import type { SignedInActor } from "../access/actor";
import type { RequestContent } from "../access-requests/schemas";
import type { Db } from "../db";
import type { AccessRouteKind } from "../generated/prisma/enums";
import { createMember, uniqueSuffix } from "./fixtures";

const day = 86_400_000;

/** A facility with one endstation, a cycle, every route, an open call, staff, an admin and a panel. */
export async function createFacilityWorld(db: Db, options: { cycleDays?: number } = {}) {
  const suffix = uniqueSuffix();
  const admin = await createMember(db, "FACILITY_ADMIN");
  const organisationId = admin.memberships[0]!.organisationId;
  const staff = await createMember(db, "FACILITY_STAFF", { organisationId });
  const facility = await db.facility.create({
    data: { organisationId, code: `T${suffix}`, name: `Test Light Source ${suffix}`, kind: "SYNCHROTRON", timeZone: "Europe/London", city: "Bristol", country: "GB" },
  });
  const endstation = await db.endstation.create({ data: { facilityId: facility.id, code: "T01", name: "T01 Micro-tomography", technique: "MICRO_CT", description: "Test beamline" } });
  const now = Date.now();
  const cycle = await db.cycle.create({ data: { facilityId: facility.id, name: "2027-1", startsAt: new Date(now + 30 * day), endsAt: new Date(now + (30 + (options.cycleDays ?? 180)) * day) } });
  const kinds: AccessRouteKind[] = ["PROPRIETARY_INDUSTRIAL", "SME_INDUSTRIAL", "NON_PROPRIETARY", "RAPID", "CONSORTIUM_BLOCK"];
  const routes = Object.fromEntries(
    await Promise.all(
      kinds.map(async (kind) => [
        kind,
        await db.accessRoute.create({
          data: {
            facilityId: facility.id,
            kind,
            name: kind,
            description: `${kind} route`,
            dataPolicy: kind === "NON_PROPRIETARY" ? "Embargoed 3 years, then CC-BY-4.0." : "Confidential to the user.",
            confidential: kind !== "NON_PROPRIETARY",
            needsCall: kind === "NON_PROPRIETARY",
            decisionTargetDays: kind === "NON_PROPRIETARY" ? 70 : 10,
            maxShifts: kind === "RAPID" ? 2 : null,
            embargoMonths: kind === "NON_PROPRIETARY" ? 36 : null,
          },
        }),
      ]),
    ),
  ) as Record<AccessRouteKind, { id: string }>;
  const call = await db.call.create({ data: { facilityId: facility.id, cycleId: cycle.id, routeId: routes.NON_PROPRIETARY.id, title: "Open call", opensAt: new Date(now - 10 * day), closesAt: new Date(now + 20 * day) } });
  return { facility, endstation, cycle, routes, call, admin, staff };
}
export type FacilityWorld = Awaited<ReturnType<typeof createFacilityWorld>>;

/** An applicant in an SME whose declaration qualifies (or not). */
export async function createSmeApplicant(db: Db, qualifies = true): Promise<SignedInActor> {
  const applicant = await createMember(db, "APPLICANT");
  const organisationId = applicant.memberships[0]!.organisationId;
  await db.smeDeclaration.create({
    data: { organisationId, staffHeadcount: qualifies ? 12 : 900, annualTurnoverCents: qualifies ? 100_000_000n : 90_000_000_00n, balanceSheetTotalCents: qualifies ? 50_000_000n : 80_000_000_00n, referenceYear: 2025, qualifies },
  });
  return applicant;
}

const isoIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

/** Content that passes the submission schema for an industrial route at that endstation. */
export function completeContent(endstationId: string, overrides: Partial<RequestContent> = {}): RequestContent {
  return {
    title: "Spodumene liberation in pegmatite drill core",
    summary: "We want to see how spodumene grains are locked in quartz and feldspar, to predict how finely the ore must be ground.",
    scientificCase: "Three-dimensional micro-CT of drill-core cylinders resolves spodumene, quartz and feldspar by attenuation. Liberation in 3D differs from 2D sections, and the difference decides the grind size of the pilot circuit.",
    techniques: ["MICRO_CT"],
    endstationIds: [endstationId],
    shiftsRequested: 4,
    shiftJustification: "Twelve cores at two resolutions, about 40 minutes per scan including sample changes.",
    dateWindows: [{ from: isoIn(40), to: isoIn(70) }],
    unavailableDates: [],
    team: [{ name: "Amara Okafor", email: "amara@test.example", role: "PRINCIPAL_INVESTIGATOR" }],
    samples: [{ name: "Core OK-17 cylinders", materialClass: "ORE", count: 12, hazardSummary: "none known" }],
    companyDescription: "A junior explorer drilling a lithium pegmatite field in south-west England.",
    expectedBenefit: "A grind-size decision for the pilot plant worth several million pounds of capital.",
    demonstratorId: null,
    dataPolicyAccepted: true,
    ...overrides,
  };
}

/** An approved request at the world's facility, created directly (the review flow is tested elsewhere), by default with its agreement signed. */
export async function createApprovedRequest(db: Db, world: FacilityWorld, applicant: SignedInActor, allocatedShifts = 6, options: { agreement?: "signed" | "none" } = {}) {
  const reference = `LDS-99-${Math.floor(Math.random() * 900_000 + 100_000)}`;
  return db.accessRequest.create({
    data: {
      reference,
      facilityId: world.facility.id,
      routeId: world.routes.SME_INDUSTRIAL.id,
      organisationId: applicant.memberships[0]!.organisationId,
      createdById: applicant.userId,
      state: "APPROVED",
      version: 1,
      content: completeContent(world.endstation.id),
      title: "Spodumene liberation in pegmatite drill core",
      shiftsRequested: allocatedShifts,
      allocatedShifts,
      submittedAt: new Date(),
      decidedAt: new Date(),
      endstations: { create: [{ endstationId: world.endstation.id }] },
    },
  }).then(async (request) => {
    if ((options.agreement ?? "signed") === "signed") await createSignedAgreement(db, world, request, applicant);
    return request;
  });
}

/** A fully signed agreement for the request (the signing flow is tested in server/agreements). */
export async function createSignedAgreement(db: Db, world: FacilityWorld, request: { id: string; organisationId: string }, applicant: SignedInActor) {
  const template = await db.agreementTemplate.create({
    data: { facilityId: world.facility.id, kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 2_000_000_000) + 1, title: "SME access", body: "Terms for {{reference}} between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "PROPRIETARY", createdById: world.admin.userId },
  });
  const hash = "a".repeat(64);
  const signed = (userId: string, name: string) => ({ state: "SIGNED" as const, signedById: userId, typedName: name, signedAt: new Date(), documentHash: hash });
  return db.agreement.create({
    data: {
      reference: `AGR-T-${uniqueSuffix()}`,
      templateId: template.id,
      requestId: request.id,
      state: "SIGNED",
      completedAt: new Date(),
      variables: {},
      renderedText: "Signed terms",
      documentHash: hash,
      dataAccessTier: "PROPRIETARY",
      createdById: world.admin.userId,
      signatories: {
        create: [
          { organisationId: request.organisationId, party: "APPLICANT", ...signed(applicant.userId, applicant.name) },
          { organisationId: world.facility.organisationId, party: "FACILITY", ...signed(world.admin.userId, world.admin.name) },
        ],
      },
    },
  });
}
