import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { renderShipmentLabels } from "./pdf/render-labels";
import { readQrIn } from "../testing/read-qr";
import type { RegisterSampleInput } from "./schemas";

/** Shipments are expected three weeks from the day the tests run. */
const arrival = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);

const db = testDb();

async function world(options: { agreement?: "signed" | "none" } = {}) {
  const w = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  const request = await createApprovedRequest(db, w, applicant, 6, { agreement: options.agreement ?? "signed" });
  return { ...w, applicant, request };
}

const sample = (requestId: string, overrides: Partial<RegisterSampleInput> = {}): RegisterSampleInput => ({
  requestId,
  name: "Spodumene pegmatite core",
  materialClass: "ORE",
  description: "",
  originSite: "Okement pegmatite field",
  originLocation: "Hole OK-17",
  originDepthM: 112.5,
  collectedOn: "2026-09-14",
  parentId: null,
  massGrams: 45.2,
  volumeMl: null,
  dimensions: "8 mm × 40 mm",
  igsn: null,
  hazards: [],
  activityBq: null,
  storageConditions: "Dry",
  afterwards: "RETURN",
  ...overrides,
});

async function threeSamples(w: Awaited<ReturnType<typeof world>>) {
  const as = callerFor(w.applicant).samples;
  const plain = await as.register(sample(w.request.id));
  const norm = await as.register(sample(w.request.id, { name: "Monazite-bearing tailings", materialClass: "TAILINGS", hazards: ["RADIOACTIVE"], activityBq: 850 }));
  const brine = await as.register(sample(w.request.id, { name: "Geothermal brine", materialClass: "BRINE", massGrams: null, volumeMl: 250, hazards: ["CORROSIVE"] }));
  return { plain, norm, brine };
}

const approve = (staff: SignedInActor, sampleId: string) => callerFor(staff).samples.decideSafety({ sampleId, approve: true, riskLevel: "ELEVATED", conditions: "Open only in the fume cupboard with gloves." });

async function shipAll(w: Awaited<ReturnType<typeof world>>, ids: string[]) {
  return callerFor(w.applicant).samples.createShipment({ requestId: w.request.id, courier: "DHL", trackingNumber: "JD0146000012345", declaredValueMinor: 5_000, currency: "GBP", dangerousGoods: true, unNumber: "UN2910", expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: ids }] });
}

describe("the sample registry", () => {
  it("registers samples with codes of the facility; hazards need safety approval, plain samples do not", async () => {
    const w = await world();
    const { plain, norm, brine } = await threeSamples(w);
    expect(plain).toMatchObject({ code: expect.stringMatching(new RegExp(`^${w.facility.code.toUpperCase()}-S-\\d{6}$`)), safety: "NOT_REQUIRED" });
    expect([norm.safety, brine.safety]).toEqual(["PENDING", "PENDING"]);
    const chain = await db.custodyEvent.findMany({ where: { sampleId: norm.id } });
    expect(chain.map((e) => e.kind)).toEqual(["REGISTERED"]);
  });

  it("refuses negative mass, an unknown hazard class, radioactivity without activity, and a parent from another request, saving nothing", async () => {
    const w = await world();
    const as = callerFor(w.applicant).samples;
    const before = await db.sample.count({ where: { requestId: w.request.id } });
    await expect(as.register(sample(w.request.id, { massGrams: -3 }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The mass must be more than zero") });
    await expect(as.register(sample(w.request.id, { hazards: ["EXPLOSIVE" as never] }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Unknown hazard class") });
    await expect(as.register(sample(w.request.id, { hazards: ["RADIOACTIVE"] }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("activity in becquerels") });
    const other = await world();
    const foreign = await callerFor(other.applicant).samples.register(sample(other.request.id));
    await expect(as.register(sample(w.request.id, { parentId: foreign.id }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("same request") });
    expect(await db.sample.count({ where: { requestId: w.request.id } })).toBe(before);
    // The database keeps the rules too.
    await expect(db.$executeRaw`UPDATE "Sample" SET "massGrams" = -1 WHERE id = ${foreign.id}`).rejects.toThrow(/sample_mass_positive/);
  });

  it("other organisations are told the request does not exist; staff of other facilities cannot approve", async () => {
    const w = await world();
    const { norm } = await threeSamples(w);
    await expect(callerFor(await createMember(db, "APPLICANT")).samples.register(sample(w.request.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(await createMember(db, "APPLICANT")).samples.forRequest({ requestId: w.request.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approve(await createMember(db, "FACILITY_STAFF"), norm.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(w.applicant).samples.decideSafety({ sampleId: norm.id, approve: true, riskLevel: "LOW", conditions: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("shipping and receiving", () => {
  it("refuses to ship an unapproved sample, and anything before the agreement is signed", async () => {
    const w = await world({ agreement: "none" });
    const { plain, norm, brine } = await threeSamples(w);
    const { id } = await shipAll(w, [plain.id, norm.id, brine.id]);
    await expect(callerFor(w.applicant).samples.dispatch({ shipmentId: id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("before the agreement is signed") });
    const signed = await world();
    const three = await threeSamples(signed);
    await approve(signed.staff, three.norm.id);
    const shipment = await shipAll(signed, [three.plain.id, three.norm.id, three.brine.id]);
    await expect(callerFor(signed.applicant).samples.dispatch({ shipmentId: shipment.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(new RegExp(`${three.brine.code} \\(Geothermal brine\\) has not passed the facility's safety review`)) });
    expect((await db.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).status).toBe("PLANNED");
  });

  it("a radioactive sample must travel as dangerous goods with a UN number", async () => {
    const w = await world();
    const { norm } = await threeSamples(w);
    const plan = (dangerousGoods: boolean, unNumber: string | null) => callerFor(w.applicant).samples.createShipment({ requestId: w.request.id, courier: "DHL", trackingNumber: "JD01460000", declaredValueMinor: 0, currency: "GBP", dangerousGoods, unNumber, expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: [norm.id] }] });
    await expect(plan(false, null)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("dangerous goods") });
    await expect(plan(true, null)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("UN number") });
  });

  it("labels carry QR codes that decode to the codes; staff receive by scanning them, and the custody chain records every move", async () => {
    const w = await world();
    const { plain, norm, brine } = await threeSamples(w);
    for (const s of [norm, brine]) await approve(w.staff, s.id);
    const shipment = await shipAll(w, [plain.id, norm.id, brine.id]);
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    await expect(callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already been dispatched") });

    // Print the labels, render the first one and read its QR code, as a scanner would.
    const { pdf } = await renderShipmentLabels(db, w.applicant, shipment.id);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labels-"));
    fs.writeFileSync(path.join(dir, "labels.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", path.join(dir, "labels.pdf"), path.join(dir, "page")]);
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, "page.png")));
    // The first label (top left of the sheet) is the container's.
    const scanned = { data: readQrIn(png, { x: 0, y: 0, width: Math.floor(png.width / 2), height: Math.floor(png.height * 0.2) })! };
    const container = await db.container.findFirstOrThrow({ where: { shipmentId: shipment.id } });
    expect(scanned?.data).toBe(container.code);

    const received = await callerFor(w.staff).samples.receive({ code: scanned!.data.toLowerCase(), condition: "INTACT", location: "Store B, shelf 3", note: "" });
    expect(received).toMatchObject({ kind: "container", samples: [plain.code, norm.code, brine.code].sort(), shipmentComplete: true, flagged: false });
    await expect(callerFor(w.staff).samples.receive({ code: container.code, condition: "INTACT", location: "Store B", note: "" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already received") });
    const chain = await db.custodyEvent.findMany({ where: { sampleId: norm.id }, orderBy: { id: "asc" } });
    expect(chain.map((e) => e.kind)).toEqual(["REGISTERED", "SAFETY_APPROVED", "PACKED", "DISPATCHED", "RECEIVED", "STORED"]);
    expect(chain.at(-1)).toMatchObject({ location: "Store B, shelf 3", actorId: w.staff.userId });
    // The desk stores each sample as it scans it in, so the complete shipment is stored at once.
    expect(await db.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ status: "STORED", receivedAt: expect.any(Date) });
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `shipment:${shipment.id}:received` } } })).toBe(1);
    await expect(db.custodyEvent.update({ where: { id: chain[0]!.id }, data: { note: "rewritten" } })).rejects.toThrow(/append-only/);
  });

  it("a code of another facility, or no code at all, is refused and changes nothing; a leaking container is flagged to the applicant", async () => {
    const w = await world();
    const { plain } = await threeSamples(w);
    const shipment = await shipAll(w, [plain.id]);
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    const container = await db.container.findFirstOrThrow({ where: { shipmentId: shipment.id } });
    const elsewhere = await createFacilityWorld(db);
    // Another facility's code is answered exactly as a code that does not exist: nothing about it is revealed.
    const refusal = (code: string) => `No container or sample sent to ${elsewhere.facility.name} has the code ${code}. Check the label; an item without a label is reported to the applicant by email.`;
    await expect(callerFor(elsewhere.staff).samples.receive({ code: container.code, condition: "INTACT", location: "Store A", note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: refusal(container.code) });
    await expect(callerFor(elsewhere.staff).samples.receive({ code: "ZZZ-C-999999", condition: "INTACT", location: "Store A", note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: refusal("ZZZ-C-999999") });
    expect((await db.container.findUniqueOrThrow({ where: { id: container.id } })).receivedAt).toBeNull();

    const leaking = await callerFor(w.staff).samples.receive({ code: container.code, condition: "LEAKING", location: "Quarantine cabinet", note: "Brine seeping from the lid." });
    expect(leaking.flagged).toBe(true);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `shipment:${shipment.id}:flag:${container.id}` } } })).toBe(1);
  });

  it("closing a receipt flags the containers that never came", async () => {
    const w = await world();
    const a = await callerFor(w.applicant).samples.register(sample(w.request.id));
    const b = await callerFor(w.applicant).samples.register(sample(w.request.id, { name: "Second core" }));
    const shipment = await callerFor(w.applicant).samples.createShipment({ requestId: w.request.id, courier: "UPS", trackingNumber: "1Z999AA10123456784", declaredValueMinor: 0, currency: "GBP", dangerousGoods: false, unNumber: null, expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: [a.id] }, { label: "Box 2", sampleIds: [b.id] }] });
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    const [first, second] = await db.container.findMany({ where: { shipmentId: shipment.id }, orderBy: { code: "asc" } });
    await callerFor(w.staff).samples.receive({ code: first!.code, condition: "INTACT", location: "Store A", note: "" });
    await expect(callerFor(w.staff).samples.closeReceipt({ shipmentId: shipment.id })).resolves.toEqual({ missing: [second!.code], status: "STORED" });
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `shipment:${shipment.id}:missing` } } })).toBe(1);
  });
});

describe("the shipment's own state, kept in step with its samples", () => {
  const statusOf = async (shipmentId: string) => (await db.shipment.findUniqueOrThrow({ where: { id: shipmentId } })).status;
  const receive = (w: Awaited<ReturnType<typeof world>>, code: string) => callerFor(w.staff).samples.receive({ code, condition: "INTACT", location: "Store A", note: "" });
  const release = (w: Awaited<ReturnType<typeof world>>, sampleId: string, action: "RETURN" | "DISPOSE") => callerFor(w.staff).samples.release({ requestId: w.request.id, sampleIds: [sampleId], action, courier: action === "RETURN" ? "DHL" : null, trackingNumber: action === "RETURN" ? "JD0146000099" : null, note: "" });

  it("moves from planned to dispatched, partly received, stored, and to returned and disposed of, shown on the samples page and the receipt desk", async () => {
    const w = await world();
    const back = await callerFor(w.applicant).samples.register(sample(w.request.id));
    const waste = await callerFor(w.applicant).samples.register(sample(w.request.id, { name: "Crushed offcut", afterwards: "DISPOSE" }));
    const shipment = await callerFor(w.applicant).samples.createShipment({ requestId: w.request.id, courier: "UPS", trackingNumber: "1Z999AA10123456784", declaredValueMinor: 0, currency: "GBP", dangerousGoods: false, unNumber: null, expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: [back.id] }, { label: "Box 2", sampleIds: [waste.id] }] });
    expect(await statusOf(shipment.id)).toBe("PLANNED");
    await expect(callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id })).resolves.toEqual({ status: "DISPATCHED" });
    const [box1, box2] = await db.container.findMany({ where: { shipmentId: shipment.id }, orderBy: { code: "asc" } });

    await expect(receive(w, box1!.code)).resolves.toMatchObject({ shipmentStatus: "IN_TRANSIT", shipmentComplete: false });
    expect(await statusOf(shipment.id)).toBe("IN_TRANSIT");
    const desk = (await callerFor(w.staff).samples.expected()).find((s) => s.id === shipment.id);
    expect(desk).toMatchObject({ status: "IN_TRANSIT", progress: "1 of 2 containers received · 1 stored" });

    await expect(receive(w, box2!.code)).resolves.toMatchObject({ shipmentStatus: "STORED", shipmentComplete: true });
    // Still on the receipt desk's list of recent shipments once stored.
    expect((await callerFor(w.staff).samples.expected()).find((s) => s.id === shipment.id)).toMatchObject({ status: "STORED", progress: "2 of 2 containers received · 2 stored" });

    await release(w, back.id, "RETURN");
    expect(await statusOf(shipment.id)).toBe("STORED");
    await release(w, waste.id, "DISPOSE");
    expect(await statusOf(shipment.id)).toBe("RETURNED_AND_DISPOSED");
    const page = await callerFor(w.applicant).samples.forRequest({ requestId: w.request.id });
    expect(page.shipments.find((s) => s.id === shipment.id)).toMatchObject({ status: "RETURNED_AND_DISPOSED", progress: "2 of 2 containers received · 1 returned · 1 disposed of" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "shipment.return_dispatched", entityId: w.request.id }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({ after: { shipments: [{ reference: expect.stringMatching(/^SHP-/), status: "RETURNED_AND_DISPOSED" }] } });
  });

  it("a receipt closed with a box missing is stored, then returned, and names the missing samples", async () => {
    const w = await world();
    const a = await callerFor(w.applicant).samples.register(sample(w.request.id));
    const b = await callerFor(w.applicant).samples.register(sample(w.request.id, { name: "Second core" }));
    const shipment = await callerFor(w.applicant).samples.createShipment({ requestId: w.request.id, courier: "UPS", trackingNumber: "1Z999AA10123456784", declaredValueMinor: 0, currency: "GBP", dangerousGoods: false, unNumber: null, expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: [a.id] }, { label: "Box 2", sampleIds: [b.id] }] });
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    const [first] = await db.container.findMany({ where: { shipmentId: shipment.id }, orderBy: { code: "asc" } });
    await receive(w, first!.code);
    await expect(callerFor(w.staff).samples.closeReceipt({ shipmentId: shipment.id })).resolves.toMatchObject({ status: "STORED" });
    await expect(callerFor(w.staff).samples.closeReceipt({ shipmentId: shipment.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already closed") });
    await release(w, a.id, "RETURN");
    expect(await statusOf(shipment.id)).toBe("RETURNED");
    const page = await callerFor(w.applicant).samples.forRequest({ requestId: w.request.id });
    expect(page.shipments[0]).toMatchObject({ status: "RETURNED", progress: "1 of 2 containers received · 1 returned · 1 sample missing" });
  });

  it("a sample scanned on its own ahead of its shipment stays stored when the shipment is dispatched, and the shipment is partly received", async () => {
    const w = await world();
    const early = await callerFor(w.applicant).samples.register(sample(w.request.id));
    const late = await callerFor(w.applicant).samples.register(sample(w.request.id, { name: "Second core" }));
    const shipment = await shipAll(w, [early.id, late.id]);
    await expect(receive(w, early.code)).resolves.toMatchObject({ flagged: true });
    expect(await statusOf(shipment.id)).toBe("PLANNED");
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    expect(await db.sample.findUniqueOrThrow({ where: { id: early.id } })).toMatchObject({ status: "STORED", storageLocation: "Store A" });
    expect(await db.sample.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ status: "DISPATCHED" });
    expect(await statusOf(shipment.id)).toBe("IN_TRANSIT");
    const container = await db.container.findFirstOrThrow({ where: { shipmentId: shipment.id } });
    await receive(w, container.code);
    expect(await statusOf(shipment.id)).toBe("STORED");
  });

  it("the last sample disposed of, the shipment is disposed of", async () => {
    const w = await world();
    const only = await callerFor(w.applicant).samples.register(sample(w.request.id, { afterwards: "DISPOSE" }));
    const shipment = await shipAll(w, [only.id]);
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    await receive(w, (await db.container.findFirstOrThrow({ where: { shipmentId: shipment.id } })).code);
    await release(w, only.id, "DISPOSE");
    expect(await statusOf(shipment.id)).toBe("DISPOSED");
  });
});

describe("after the experiment", () => {
  it("staff return stored samples as registered (the applicant is emailed) and refuse to dispose of one registered for return", async () => {
    const w = await world();
    const keep = await callerFor(w.applicant).samples.register(sample(w.request.id));
    const shipment = await shipAll(w, [keep.id]);
    await callerFor(w.applicant).samples.dispatch({ shipmentId: shipment.id });
    const container = await db.container.findFirstOrThrow({ where: { shipmentId: shipment.id } });
    await callerFor(w.staff).samples.receive({ code: container.code, condition: "INTACT", location: "Store A", note: "" });
    await expect(callerFor(w.staff).samples.release({ requestId: w.request.id, sampleIds: [keep.id], action: "DISPOSE", courier: null, trackingNumber: null, note: "" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("registered to be returned") });
    await expect(callerFor(w.staff).samples.release({ requestId: w.request.id, sampleIds: [keep.id], action: "RETURN", courier: null, trackingNumber: null, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("courier and tracking number") });
    await expect(callerFor(w.applicant).samples.release({ requestId: w.request.id, sampleIds: [keep.id], action: "RETURN", courier: "DHL", trackingNumber: "JD0001", note: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(w.staff).samples.release({ requestId: w.request.id, sampleIds: [keep.id], action: "RETURN", courier: "DHL", trackingNumber: "JD0146000099", note: "" });
    expect((await db.sample.findUniqueOrThrow({ where: { id: keep.id } })).status).toBe("RETURNED");
    expect((await db.custodyEvent.findMany({ where: { sampleId: keep.id }, orderBy: { id: "desc" }, take: 1 }))[0]).toMatchObject({ kind: "RETURN_DISPATCHED", location: "DHL JD0146000099" });
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `:return:${keep.id}` } } })).toBe(1);
    await expect(callerFor(w.staff).samples.release({ requestId: w.request.id, sampleIds: [keep.id], action: "RETURN", courier: "DHL", trackingNumber: "JD0146000099", note: "" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("safety data sheets", () => {
  it("keeps a PDF safety data sheet with the sample and refuses anything else", async () => {
    const w = await world();
    const pdf = Buffer.from("%PDF-1.4\n% test sheet\n").toString("base64");
    const created = await callerFor(w.applicant).samples.register(sample(w.request.id, { hazards: ["TOXIC"], sds: { fileName: "leach-residue-sds.pdf", base64: pdf } }));
    expect(await db.sample.findUniqueOrThrow({ where: { id: created.id }, select: { sdsFileName: true } })).toEqual({ sdsFileName: "leach-residue-sds.pdf" });
    await expect(callerFor(w.applicant).samples.register(sample(w.request.id, { sds: { fileName: "notes.txt", base64: Buffer.from("not a pdf").toString("base64") } }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("must be a PDF") });
    // The type is read from the bytes, not the name: an HTML page called .pdf is refused.
    await expect(callerFor(w.applicant).samples.register(sample(w.request.id, { sds: { fileName: "sheet.pdf", base64: Buffer.from("<html><script>alert(1)</script></html>").toString("base64") } }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("must be a PDF") });
  });
});

describe("numbers that are not numbers", () => {
  it("are refused with a message that names the field", async () => {
    const { registerSampleSchema, createShipmentSchema } = await import("./schemas");
    const bad = registerSampleSchema.safeParse({ ...sample("r"), activityBq: Number.NaN, hazards: ["RADIOACTIVE"] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toContain("Enter the activity in becquerels.");
    const shipment = createShipmentSchema.safeParse({ requestId: "r", courier: "DHL", trackingNumber: "JD0001", declaredValueMinor: Number.NaN, currency: "GBP", dangerousGoods: false, unNumber: null, expectedArrival: arrival, containers: [{ label: "Box 1", sampleIds: ["s"] }] });
    expect(shipment.success ? [] : shipment.error.issues.map((i) => i.message)).toEqual(["Enter the declared value as a number."]);
  });
});
