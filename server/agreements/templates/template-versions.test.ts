import { describe, expect, it } from "vitest";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../../testing/fixtures";
import type { TemplateVersionInput } from "../schemas";

const db = testDb();

// No other test file writes NON_PROPRIETARY templates, so "the latest version" is this file's to move.
const kind = "NON_PROPRIETARY" as const;

async function latestVersion() {
  return (await db.agreementTemplate.findFirst({ where: { kind }, orderBy: { version: "desc" }, select: { version: true } }))?.version ?? 0;
}

function draft(basedOnVersion: number, overrides: Partial<TemplateVersionInput> = {}): TemplateVersionInput {
  return {
    kind,
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

describe("agreement template versions", () => {
  it("an admin saves the next version (audited); a version based on an outdated one is refused and nothing is saved", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const before = await latestVersion();
    const saved = await callerFor(admin).agreements.saveTemplateVersion(draft(before));
    expect(saved.version).toBe(before + 1);
    expect(await db.auditEvent.findFirst({ where: { entityId: saved.id, action: "agreement_template.version_saved" } })).toMatchObject({ actorId: admin.userId });
    await expect(callerFor(admin).agreements.saveTemplateVersion(draft(before, { changeNote: "A stale edit" }))).rejects.toMatchObject({ code: "CONFLICT", message: `Version ${before + 1} was saved after you started editing version ${before}. Reload it, then make your changes again.` });
    expect(await latestVersion()).toBe(before + 1);
  });

  it("refuses unknown variables, public data without a licence, and a licence on proprietary data, each beside its field", async () => {
    const admin = await createMember(db, "FACILITY_ADMIN");
    const before = await latestVersion();
    const save = (overrides: Partial<TemplateVersionInput>) => callerFor(admin).agreements.saveTemplateVersion(draft(before, overrides));
    await expect(save({ body: `${draft(0).body} Price: {{cost}}.` })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Unknown variable {{cost}}") });
    await expect(save({ licence: null })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Public data need the licence") });
    await expect(save({ dataAccessTier: "PROPRIETARY" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Only public data carry a licence") });
    await expect(save({ embargoMonths: -3 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at least 1 month") });
    expect(await latestVersion()).toBe(before);
  });

  it("staff, applicants and funders cannot write templates", async () => {
    for (const role of ["FACILITY_STAFF", "APPLICANT", "FUNDER"] as const) {
      await expect(callerFor(await createMember(db, role)).agreements.saveTemplateVersion(draft(await latestVersion()))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("a saved version is frozen; an agreement made from an older version is replaced when the facility sends the new one, and every party signs again", async () => {
    const admin = await createMember(db, "PLATFORM_ADMIN");
    const first = await db.agreementTemplate.findUniqueOrThrow({ where: { id: (await callerFor(admin).agreements.saveTemplateVersion(draft(await latestVersion()))).id } });
    await expect(db.agreementTemplate.update({ where: { id: first.id }, data: { body: "Quietly changed" } })).rejects.toThrow(/frozen/);

    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const request = await createApprovedRequest(db, world, applicant, 6, { agreement: "none" });
    await db.accessRequest.update({ where: { id: request.id }, data: { routeId: world.routes.NON_PROPRIETARY.id } });
    const old = await callerFor(world.staff).agreements.send({ requestId: request.id });
    await expect(callerFor(world.staff).agreements.send({ requestId: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already out for signature") });

    const newer = await callerFor(admin).agreements.saveTemplateVersion(draft(first.version, { changeNote: "Five-year embargo", embargoMonths: 60 }));
    expect((await callerFor(world.staff).agreements.get({ agreementId: old.id })).newerTemplateVersion).toBe(newer.version);
    const replacement = await callerFor(world.staff).agreements.send({ requestId: request.id });
    const [oldNow, fresh] = await Promise.all([db.agreement.findUniqueOrThrow({ where: { id: old.id } }), db.agreement.findUniqueOrThrow({ where: { id: replacement.id }, include: { signatories: true } })]);
    expect(oldNow).toMatchObject({ state: "SUPERSEDED", supersededById: replacement.id });
    expect(fresh.templateId).toBe(newer.id);
    expect(fresh.renderedText).toContain("60 months");
    expect(fresh.signatories.every((s) => s.state === "PENDING")).toBe(true);
  });
});
