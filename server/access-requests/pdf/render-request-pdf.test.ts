import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SignedInActor } from "../../access/actor";
import type { Prisma } from "../../db";
import { DomainError } from "../../errors";
import { createMember, testDb, uniqueSuffix } from "../../testing/fixtures";
import type { RequestContent } from "../schemas";
import { renderRequestPdf } from "./render-request-pdf";

const db = testDb();
const day = 86_400_000;
const isoIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

/** Runs a poppler tool; poppler-utils must be installed (Debian: apt-get install -y poppler-utils). */
function poppler(tool: "pdftotext" | "pdftoppm" | "pdffonts", args: string[], input?: Buffer): string {
  try {
    return execFileSync(tool, args, { input, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${tool} is not installed: apt-get install -y poppler-utils`);
    throw error;
  }
}
/** The text of a PDF, with line breaks and runs of spaces as single spaces. */
const pdfText = (pdf: Buffer) => poppler("pdftotext", ["-enc", "UTF-8", "-", "-"], pdf).replace(/\s+/g, " ");

function content(endstationIds: string[], overrides: Partial<RequestContent> = {}): RequestContent {
  return {
    title: "Lithium brine sorbents from the Łódź basin: pore-scale uptake",
    summary: "We want to see where lithium is taken up inside granular sorbent beads after brine exposure, to choose between two bead recipes for the pilot column.",
    scientificCase:
      "XRF-CT maps manganese and titanium in sorbent beads; micro-CT resolves their pore network. Together they show whether uptake is limited by diffusion into the bead core.\n\nThe Ærø pilot plant must choose a recipe by summer; this beamtime decides it.",
    techniques: ["MICRO_CT", "XRF_CT"],
    endstationIds,
    shiftsRequested: 3,
    shiftJustification: "Eighteen beads, two recipes, three exposure times: about 50 minutes per scan with alignment.",
    dateWindows: [{ from: isoIn(40), to: isoIn(70) }, { from: isoIn(100), to: isoIn(120) }],
    unavailableDates: [isoIn(45), isoIn(46)],
    team: [
      { name: "Mette Sørensen", email: "mette@aero-minerals.example", role: "PRINCIPAL_INVESTIGATOR" },
      { name: "Paweł Dvořák-Wiśniewski", email: "pawel@aero-minerals.example", role: "EXPERIMENTER" },
    ],
    samples: [
      { name: "Sorbent beads, recipe A", materialClass: "SORBENT_MEMBRANE", count: 9, hazardSummary: "Dried brine residue, mildly corrosive; handle with gloves." },
      { name: "Sorbent beads, recipe B", materialClass: "SORBENT_MEMBRANE", count: 9, hazardSummary: "none known" },
    ],
    companyDescription: "Ærø Minerals is a twelve-person company developing direct lithium extraction for geothermal brines.",
    expectedBenefit: "Choosing the right recipe avoids a second pilot campaign costing about €400,000.",
    demonstratorId: null,
    dataPolicyAccepted: true,
    ...overrides,
  };
}

interface World {
  facilityId: string;
  routeId: string;
  organisationId: string;
  applicant: SignedInActor;
  staff: SignedInActor;
  endstationIds: string[];
}

async function createWorld(): Promise<World> {
  const suffix = uniqueSuffix();
  const staff = await createMember(db, "FACILITY_STAFF");
  const facility = await db.facility.create({
    data: { organisationId: staff.memberships[0]!.organisationId, code: `P${suffix}`, name: `Baltic Light Source ${suffix}`, kind: "SYNCHROTRON", timeZone: "Europe/Warsaw", city: "Łódź", country: "PL" },
  });
  const endstations = await Promise.all([
    db.endstation.create({ data: { facilityId: facility.id, code: "I13", name: "Micro-tomography", technique: "MICRO_CT", description: "Test", shiftHours: 8 } }),
    db.endstation.create({ data: { facilityId: facility.id, code: "I14", name: "Nanoprobe XRF", technique: "XRF_CT", description: "Test", shiftHours: 8 } }),
  ]);
  const route = await db.accessRoute.create({
    data: {
      facilityId: facility.id,
      kind: "PROPRIETARY_INDUSTRIAL",
      name: "Proprietary industrial access",
      description: "Paid access; results stay with the company.",
      dataPolicy: "Data and results belong to the applicant; the facility keeps them confidential and deletes raw data 12 months after the experiment.",
      confidential: true,
      needsCall: false,
      decisionTargetDays: 10,
    },
  });
  const organisation = await db.organisation.create({ data: { name: `Ærø Minerals ApS ${suffix}`, kind: "SME", country: "DK" } });
  const applicant = await createMember(db, "APPLICANT", { organisationId: organisation.id, name: "Mette Sørensen" });
  return { facilityId: facility.id, routeId: route.id, organisationId: organisation.id, applicant, staff, endstationIds: endstations.map((e) => e.id) };
}

/** A reference no other test uses (the real counter numbers from 0001). */
const testReference = () => `LDS-27-${String(5000 + Math.floor(Math.random() * 5000))}`;

async function createRequest(world: World, versions: RequestContent[]) {
  const last = versions[versions.length - 1];
  return db.accessRequest.create({
    data: {
      reference: versions.length ? testReference() : null,
      facilityId: world.facilityId,
      routeId: world.routeId,
      organisationId: world.organisationId,
      createdById: world.applicant.userId,
      state: versions.length ? "SUBMITTED" : "DRAFT",
      version: versions.length,
      content: (last ?? content(world.endstationIds, { title: "Half-written draft" })) as unknown as Prisma.InputJsonValue,
      title: last?.title ?? "",
      shiftsRequested: last?.shiftsRequested ?? null,
      submittedAt: versions.length ? new Date("2027-03-14T09:30:00Z") : null,
      firstSubmittedAt: versions.length ? new Date("2027-03-01T08:00:00Z") : null,
      versions: {
        create: versions.map((c, i) => ({
          version: i + 1,
          content: c as unknown as Prisma.InputJsonValue,
          // v1 on 1 March 09:00 Warsaw time (CET, UTC+1); later versions two weeks on.
          submittedAt: new Date(Date.UTC(2027, 2, 1 + 13 * i, 8, 0)),
          submittedById: world.applicant.userId,
        })),
      },
    },
  });
}

describe("renderRequestPdf", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it("renders the latest submitted version with the shipped font, letters intact", async () => {
    const v1 = content(world.endstationIds);
    const v2 = content(world.endstationIds, { shiftsRequested: 4, shiftJustification: "Twenty-four beads after the feasibility review: about 50 minutes per scan with alignment." });
    const request = await createRequest(world, [v1, v2]);

    const { filename, pdf } = await renderRequestPdf(db, world.applicant, request.id);
    expect(filename).toBe(`${request.reference}-v2.pdf`);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    // To look at the layout: LODESTONE_PDF_OUT=/tmp/request.pdf npx vitest run server/access-requests/pdf
    if (process.env.LODESTONE_PDF_OUT) fs.writeFileSync(process.env.LODESTONE_PDF_OUT, pdf);

    const text = pdfText(pdf);
    for (const expected of [
      "Lodestone",
      request.reference!,
      "Lithium brine sorbents from the Łódź basin",
      "Mette Sørensen",
      "Paweł Dvořák-Wiśniewski",
      "Ærø Minerals ApS",
      "Submitted",
      "2 (latest)",
      "14 Mar 2027 09:00 Europe/Warsaw",
      `Proprietary — visible to Ærø Minerals ApS`,
      "Proprietary industrial access",
      "deletes raw data 12 months",
      "4 shifts (4×8 h)",
      "Micro-CT, XRF-CT",
      "Nanoprobe XRF",
      "Principal investigator",
      "Sorbent or membrane",
      "mildly corrosive",
      "€400,000",
      "Not linked to a demonstrator project.",
      "Page 1 of",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("3 shifts (3×8 h)");

    // Every font in the file is the embedded DejaVu subset, never a built-in one.
    const fonts = poppler("pdffonts", ["-"], pdf);
    expect(fonts).toContain("DejaVuSans");
    expect(fonts).not.toContain("Helvetica");

    // Page 1 rasterises (what the layout check looks at).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lodestone-pdf-"));
    try {
      fs.writeFileSync(path.join(dir, filename), pdf);
      poppler("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", path.join(dir, filename), path.join(dir, "page")]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith(".png"));
      expect(png).toBeDefined();
      expect(fs.readFileSync(path.join(dir, png!)).subarray(1, 4).toString("latin1")).toBe("PNG");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders an earlier version on request, and the facility's staff may read it", async () => {
    const request = await createRequest(world, [content(world.endstationIds), content(world.endstationIds, { shiftsRequested: 4 })]);
    const { filename, pdf } = await renderRequestPdf(db, world.staff, request.id, 1);
    expect(filename).toBe(`${request.reference}-v1.pdf`);
    const text = pdfText(pdf);
    expect(text).toContain("3 shifts (3×8 h)");
    expect(text).toContain("a later version exists");
    expect(text).toContain("1 Mar 2027 09:00 Europe/Warsaw");

    await expect(renderRequestPdf(db, world.staff, request.id, 7)).rejects.toMatchObject({ code: "NOT_FOUND", message: `Version 7 of ${request.reference} was not found.` });
    await expect(renderRequestPdf(db, world.staff, request.id, 0)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("an open-route request carries no proprietary marker and names its call", async () => {
    const route = await db.accessRoute.create({
      data: { facilityId: world.facilityId, kind: "NON_PROPRIETARY", name: "Peer-reviewed open access", description: "Free at the point of use.", dataPolicy: "Embargoed 3 years, then CC-BY-4.0.", confidential: false, needsCall: true, decisionTargetDays: 70, embargoMonths: 36 },
    });
    const cycle = await db.cycle.create({ data: { facilityId: world.facilityId, name: "2027-1", startsAt: new Date("2027-01-01T00:00:00Z"), endsAt: new Date("2027-07-01T00:00:00Z") } });
    const call = await db.call.create({ data: { facilityId: world.facilityId, cycleId: cycle.id, routeId: route.id, title: "Open call 2027-1", opensAt: new Date("2026-10-01T00:00:00Z"), closesAt: new Date("2026-12-01T00:00:00Z") } });
    const request = await createRequest({ ...world, routeId: route.id }, [content(world.endstationIds, { shiftsRequested: 1, companyDescription: "", expectedBenefit: "" })]);
    await db.accessRequest.update({ where: { id: request.id }, data: { callId: call.id } });

    const text = pdfText((await renderRequestPdf(db, world.applicant, request.id)).pdf);
    expect(text).not.toContain("Proprietary");
    expect(text).not.toContain("Industrial case");
    expect(text).toContain("Open call 2027-1 (cycle 2027-1)");
    expect(text).toContain("Embargoed 3 years, then CC-BY-4.0. Embargo: 36 months.");
    expect(text).toContain("1 shift (1×8 h)");
  });

  it("answers not found to another organisation's applicant, as for a request that does not exist", async () => {
    const request = await createRequest(world, [content(world.endstationIds)]);
    const outsider = await createMember(db, "APPLICANT");
    const error = await renderRequestPdf(db, outsider, request.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "The request was not found." });
    await expect(renderRequestPdf(db, { kind: "anonymous" }, request.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(renderRequestPdf(db, world.applicant, "no-such-request")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("makes no PDF of a draft", async () => {
    const draft = await createRequest(world, []);
    const error = await renderRequestPdf(db, world.applicant, draft.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "A PDF is made when the request is submitted." });
    await expect(renderRequestPdf(db, world.applicant, draft.id, 1)).rejects.toMatchObject({ code: "BAD_REQUEST", message: "A PDF is made when the request is submitted." });
  });
});
