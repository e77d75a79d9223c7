import { beforeAll, describe, expect, it } from "vitest";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../../testing/fixtures";
import type { TemplateVersionInput } from "../schemas";

const db = testDb();

// No other test file writes platform-wide NON_PROPRIETARY templates, so "the latest platform version" is this file's to move.
const kind = "NON_PROPRIETARY" as const;

async function latestVersion(facilityId: string | null = null) {
  return (await db.agreementTemplate.findFirst({ where: { kind, facilityId }, orderBy: { version: "desc" }, select: { version: true } }))?.version ?? 0;
}

function draft(basedOnVersion: number, overrides: Partial<TemplateVersionInput> = {}): TemplateVersionInput {
  return {
    kind,
    facilityId: null,
    basedOnVersion,
    title: "Non-proprietary access agreement",
    body: "This agreement between {{parties}} covers {{reference}}, {{title}}: {{shifts}} on {{endstations}}. The data are embargoed for {{embargoPeriod}}, then published under {{licence}}.",
    custodyClause: "{{applicant}} keeps ownership of its samples; {{facility}} holds them in custody.",
    dataAccessTier: "PUBLIC",
    embargoMonths: 36,
    licence: "CC-BY-4.0",
    changeNote: "Names the licence in the terms.",
    ...overrides,
  };
}

/** An approved non-proprietary request at the world's facility, with no agreement yet. */
async function approvedOpenRequest(world: Awaited<ReturnType<typeof createFacilityWorld>>) {
  const request = await createApprovedRequest(db, world, await createSmeApplicant(db), 6, { agreement: "none" });
  await db.accessRequest.update({ where: { id: request.id }, data: { routeId: world.routes.NON_PROPRIETARY.id } });
  return request;
}

describe("agreement template versions", () => {
  // Facilities without their own template use the platform-wide one: make sure there is one.
  beforeAll(async () => {
    if ((await latestVersion()) === 0) await callerFor(await createMember(db, "PLATFORM_ADMIN")).agreements.saveTemplateVersion(draft(0));
  });

  it("a platform admin saves the next platform-wide version (audited); a version based on an outdated one is refused and nothing is saved", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const before = await latestVersion();
    const saved = await callerFor(admin).agreements.saveTemplateVersion(draft(before));
    expect(saved.version).toBe(before + 1);
    expect(await db.auditEvent.findFirst({ where: { entityId: saved.id, action: "agreement_template.version_saved" } })).toMatchObject({ actorId: admin.userId });
    await expect(callerFor(admin).agreements.saveTemplateVersion(draft(before, { changeNote: "A stale edit" }))).rejects.toMatchObject({ code: "CONFLICT", message: `Version ${before + 1} was saved after you started editing version ${before}. Reload it, then make your changes again.` });
    expect(await latestVersion()).toBe(before + 1);
  });

  it("refuses unknown variables, public data without a licence, and a licence on proprietary data, each beside its field", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const before = await latestVersion();
    const save = (overrides: Partial<TemplateVersionInput>) => callerFor(admin).agreements.saveTemplateVersion(draft(before, overrides));
    await expect(save({ body: `${draft(0).body} Price: {{cost}}.` })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Unknown variable {{cost}}") });
    await expect(save({ licence: null })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Public data need the licence") });
    await expect(save({ kind: "CONSORTIUM", dataAccessTier: "CONSORTIUM" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Only public data carry a licence") });
    await expect(save({ embargoMonths: -3 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at least 1 month") });
    expect(await latestVersion()).toBe(before);
  });

  it("the data-access tier must fit the kind of agreement: a proprietary industrial agreement can never publish, non-proprietary access always does", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const save = (overrides: Partial<TemplateVersionInput>) => callerFor(admin).agreements.saveTemplateVersion(draft(0, { licence: null, embargoMonths: null, ...overrides }));
    const refused = (message: string) => ({ code: "BAD_REQUEST", message: expect.stringContaining(message) });
    await expect(save({ kind: "PROPRIETARY_INDUSTRIAL", dataAccessTier: "PUBLIC", licence: "CC-BY-4.0", embargoMonths: 12 })).rejects.toMatchObject(refused("A proprietary industrial agreement keeps the data the user's alone"));
    await expect(save({ kind: "PROPRIETARY_INDUSTRIAL", dataAccessTier: "CONSORTIUM" })).rejects.toMatchObject(refused("choose Proprietary."));
    await expect(save({ kind: "SME_INDUSTRIAL", dataAccessTier: "PUBLIC", licence: "CC-BY-4.0", embargoMonths: 12 })).rejects.toMatchObject(refused("An SME industrial agreement keeps the data with the SME"));
    await expect(save({ kind: "NON_PROPRIETARY", dataAccessTier: "PROPRIETARY" })).rejects.toMatchObject(refused("Non-proprietary access must publish its data"));
    await expect(save({ kind: "CONSORTIUM", dataAccessTier: "FACILITY_AND_FUNDER" })).rejects.toMatchObject(refused("A consortium agreement keeps the data among its members"));
    // The database holds the same rule, for anything written around the operation.
    await expect(db.agreementTemplate.create({ data: { kind: "PROPRIETARY_INDUSTRIAL", version: 900_000_001, title: "Leaky", body: "x", custodyClause: "x", dataAccessTier: "PUBLIC", licence: "CC-BY-4.0", embargoMonths: 1, createdById: admin.userId } })).rejects.toThrow(/agreement_template_tier_fits_kind/);
  });

  it("a facility admin writes the facility's own template, used for its agreements and no other facility's; the platform-wide and other facilities' templates are not theirs to write", async () => {
    const [mine, other] = [await createFacilityWorld(db), await createFacilityWorld(db)];
    const own = await callerFor(mine.admin).agreements.saveTemplateVersion(draft(0, { facilityId: mine.facility.id, title: "Our own open-access terms", changeNote: "First version for our facility" }));
    expect(own.version).toBe(1);
    const [ownAgreement, otherAgreement] = await Promise.all([
      callerFor(mine.staff).agreements.send({ requestId: (await approvedOpenRequest(mine)).id }),
      callerFor(other.staff).agreements.send({ requestId: (await approvedOpenRequest(other)).id }),
    ]);
    expect((await db.agreement.findUniqueOrThrow({ where: { id: ownAgreement.id } })).templateId).toBe(own.id);
    expect((await db.agreement.findUniqueOrThrow({ where: { id: otherAgreement.id }, include: { template: true } })).template.facilityId).toBeNull();

    await expect(callerFor(mine.admin).agreements.saveTemplateVersion(draft(await latestVersion()))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Only platform admins edit the platform-wide templates") });
    await expect(callerFor(mine.admin).agreements.saveTemplateVersion(draft(0, { facilityId: other.facility.id }))).rejects.toMatchObject({ code: "FORBIDDEN", message: `Only ${other.facility.name}'s facility admins edit its templates.` });
    const platformAdmin = await createMember(db, "PLATFORM_ADMIN");
    await expect(callerFor(platformAdmin).agreements.saveTemplateVersion(draft(0, { facilityId: other.facility.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await latestVersion(other.facility.id)).toBe(0);
  });

  it("the templates page lists the platform-wide templates and the viewer's facilities, with what each facility uses and counts of its own agreements only", async () => {
    const [mine, other] = [await createFacilityWorld(db), await createFacilityWorld(db)];
    await callerFor(mine.admin).agreements.saveTemplateVersion(draft(0, { facilityId: mine.facility.id, kind: "SME_INDUSTRIAL", dataAccessTier: "PROPRIETARY", licence: null, embargoMonths: null, changeNote: "First version for our facility" }));
    await callerFor(other.staff).agreements.send({ requestId: (await approvedOpenRequest(other)).id });
    const scopes = await callerFor(mine.staff).agreements.templates();
    expect(scopes.map((s) => [s.facility?.name ?? "platform", s.editable])).toEqual([["platform", false], [mine.facility.name, false]]);
    const facilityKinds = scopes[1]!.kinds;
    expect(facilityKinds.find((k) => k.kind === "SME_INDUSTRIAL")).toMatchObject({ versions: [{ version: 1 }], platformInUse: null });
    expect(facilityKinds.find((k) => k.kind === kind)).toMatchObject({ versions: [], platformInUse: { facilityId: null, version: await latestVersion() } });
    // The other facility's agreement made from the platform's template is not counted for this facility's staff.
    const platformOpen = scopes[0]!.kinds.find((k) => k.kind === kind)!.versions;
    expect(platformOpen.reduce((sum, v) => sum + v.agreements, 0)).toBe(0);
    expect((await callerFor(mine.admin).agreements.templates())[1]!.editable).toBe(true);
  });

  it("staff, applicants and funders cannot write templates", async () => {
    for (const role of ["FACILITY_STAFF", "APPLICANT", "FUNDER"] as const) {
      await expect(callerFor(await createMember(db, role)).agreements.saveTemplateVersion(draft(await latestVersion()))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("a saved version is frozen; an agreement made from an older version is replaced when the facility sends the new one, and every party signs again", async () => {
    const world = await createFacilityWorld(db);
    const save = (overrides: Partial<TemplateVersionInput>) => callerFor(world.admin).agreements.saveTemplateVersion(draft(0, { facilityId: world.facility.id, ...overrides }));
    const first = await db.agreementTemplate.findUniqueOrThrow({ where: { id: (await save({})).id } });
    await expect(db.agreementTemplate.update({ where: { id: first.id }, data: { body: "Quietly changed" } })).rejects.toThrow(/frozen/);

    const request = await approvedOpenRequest(world);
    const old = await callerFor(world.staff).agreements.send({ requestId: request.id });
    await expect(callerFor(world.staff).agreements.send({ requestId: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already out for signature") });

    const newer = await save({ basedOnVersion: first.version, changeNote: "Five-year embargo", embargoMonths: 60 });
    expect((await callerFor(world.staff).agreements.get({ agreementId: old.id })).newerTemplate).toEqual({ version: newer.version, facilityOwn: true });
    const replacement = await callerFor(world.staff).agreements.send({ requestId: request.id });
    const [oldNow, fresh] = await Promise.all([db.agreement.findUniqueOrThrow({ where: { id: old.id } }), db.agreement.findUniqueOrThrow({ where: { id: replacement.id }, include: { signatories: true } })]);
    expect(oldNow).toMatchObject({ state: "SUPERSEDED", supersededById: replacement.id });
    expect(fresh.templateId).toBe(newer.id);
    expect(fresh.renderedText).toContain("60 months");
    expect(fresh.signatories.every((s) => s.state === "PENDING")).toBe(true);
  });
});
