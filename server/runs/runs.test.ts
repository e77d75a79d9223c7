import { describe, expect, it } from "vitest";
import { createMember, callerFor, testDb } from "../testing/fixtures";
import { localInputValue } from "../time";
import { createRunWorld, openWorldRun } from "./test-world";
import type { ScanInput } from "./schemas";

const db = testDb();
const hour = 3_600_000;

const scan = (runId: string, overrides: Partial<ScanInput> = {}): ScanInput => ({
  runId,
  technique: "Synchrotron micro-CT",
  startTime: new Date(Date.now() - hour),
  endTime: new Date(Date.now() - hour / 2),
  energyKeV: 25,
  voxelSize: 0.65,
  voxelUnit: "um",
  sizeX: 2560,
  sizeY: 2560,
  sizeZ: 2160,
  projections: 1801,
  fileFormat: "NeXus/HDF5",
  dataUri: "file:///data/visits/t01/scan-0001.nxs",
  sha256: "a".repeat(64),
  ...overrides,
});

describe("opening and closing a run", () => {
  it("staff open the run of a confirmed booking once its time has started; a second click finds the same run; the team cannot open it", async () => {
    const w = await createRunWorld(db);
    const first = await openWorldRun(w);
    expect(first).toMatchObject({ reference: expect.stringMatching(/^RUN-\d{2}-\d{4}$/), opened: true });
    expect(await openWorldRun(w)).toEqual({ ...first, opened: false });
    await expect(callerFor(w.applicant).runs.open({ bookingId: w.booking.id, sessionId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const run = await db.run.findUniqueOrThrow({ where: { id: first.id }, include: { operators: true, entries: true } });
    expect(run).toMatchObject({ organisationId: w.request.organisationId, facilityId: w.facility.id, confidential: true, state: "OPEN" });
    expect(run.operators).toMatchObject([{ userId: w.staff.userId, role: "STAFF" }]);
    expect(await db.auditEvent.count({ where: { entityId: first.id, action: "run.opened" } })).toBe(1);
  });

  it("a booking whose time has not started has no run yet; the refusal says when it opens", async () => {
    const w = await createRunWorld(db, { startedHoursAgo: -5 });
    await expect(openWorldRun(w)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^The run opens when the time starts, at /) });
    expect(await db.run.count({ where: { bookingId: w.booking.id } })).toBe(0);
  });

  it("closes only after the booked time has ended, with a summary; samples still mounted come off", async () => {
    const open = await createRunWorld(db);
    const { id } = await openWorldRun(open);
    await expect(callerFor(open.staff).runs.close({ runId: id, summary: "All scans done and checked." })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("closes after its time ends") });

    const ended = await createRunWorld(db, { startedHoursAgo: 10, hours: 8 });
    const run = await openWorldRun(ended);
    await callerFor(ended.staff).runs.mount({ runId: run.id, sampleId: ended.samples[0]!.id, position: "Stage 1" });
    await expect(callerFor(ended.staff).runs.close({ runId: run.id, summary: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await callerFor(ended.staff).runs.close({ runId: run.id, summary: "Three scans of core 1; beam lost for 40 minutes." });
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ state: "CLOSED", summary: "Three scans of core 1; beam lost for 40 minutes." });
    expect(await db.runMount.count({ where: { runId: run.id, unmountedAt: null } })).toBe(0);
    await expect(callerFor(ended.staff).runs.close({ runId: run.id, summary: "Closing it a second time." })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already closed") });
  });
});

describe("mounting samples", () => {
  it("mounts only the request's received samples, one place at a time, each mount and unmount a custody event", async () => {
    const w = await createRunWorld(db);
    const { id: runId } = await openWorldRun(w);
    const staff = callerFor(w.staff).runs;
    const { id: mountId } = await staff.mount({ runId, sampleId: w.samples[0]!.id, position: "Stage 1" });
    await expect(staff.mount({ runId, sampleId: w.samples[0]!.id, position: "" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already mounted") });

    const other = await createRunWorld(db);
    await expect(staff.mount({ runId, sampleId: other.samples[0]!.id, position: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose one of this run's request's samples." });
    const notArrived = await db.sample.update({ where: { id: w.samples[1]!.id }, data: { status: "DISPATCHED" } });
    await expect(staff.mount({ runId, sampleId: notArrived.id, position: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("has not been received") });

    await staff.unmount({ runId, mountId });
    await expect(staff.unmount({ runId, mountId })).rejects.toMatchObject({ code: "CONFLICT" });
    const chain = await db.custodyEvent.findMany({ where: { sampleId: w.samples[0]!.id }, orderBy: { id: "asc" } });
    expect(chain.map((e) => e.kind).slice(-2)).toEqual(["MOUNTED", "UNMOUNTED"]);
    // The database keeps one place at a time, even written around the operation.
    await db.runMount.create({ data: { runId, sampleId: w.samples[0]!.id, mountedAt: new Date(), mountedById: w.staff.userId } });
    await expect(db.runMount.create({ data: { runId, sampleId: w.samples[0]!.id, mountedAt: new Date(), mountedById: w.staff.userId } })).rejects.toThrow(/run_mount_one_place_at_a_time|Unique constraint/);
  });
});

describe("the logbook", () => {
  it("is append-only: the team and staff write, a correction points at the old entry, and the database refuses edits", async () => {
    const w = await createRunWorld(db);
    const { id: runId } = await openWorldRun(w);
    const { id: first } = await callerFor(w.applicant).runs.addEntry({ runId, text: "Core 1 mounted upside down?", correctsId: null });
    await callerFor(w.staff).runs.addEntry({ runId, text: "Core 1 is the right way up; checked the label.", correctsId: first });
    const entries = await db.runLogEntry.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.authorName, e.correctsId?.toString() ?? null])).toEqual([[w.staff.name, null], [w.applicant.name, null], [w.staff.name, first]]);
    await expect(db.runLogEntry.update({ where: { id: BigInt(first) }, data: { text: "Quietly changed" } })).rejects.toThrow(/append-only/);
    // A correction points at an entry of the same run.
    const other = await createRunWorld(db);
    const otherEntry = await db.runLogEntry.findFirstOrThrow({ where: { runId: (await openWorldRun(other)).id } });
    await expect(callerFor(w.staff).runs.addEntry({ runId, text: "Pointing elsewhere", correctsId: otherEntry.id.toString() })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The entry being corrected is not in this run's logbook." });
  });
});

describe("downtime", () => {
  it("facility-caused downtime is what billing credits: the booking's hours follow the run's record; the user's own downtime is not credited", async () => {
    const w = await createRunWorld(db, { startedHoursAgo: 6 });
    const { id: runId } = await openWorldRun(w);
    const at = (hoursAfterStart: number) => new Date(w.booking.startsAt.getTime() + hoursAfterStart * hour);
    const result = await callerFor(w.staff).runs.recordDowntime({ runId, startsAt: at(1), endsAt: at(1.75), cause: "BEAM_LOSS", facilityFault: true, note: "Injector trip" });
    expect(result.bookingDowntimeHours).toBe(0.75);
    await callerFor(w.staff).runs.recordDowntime({ runId, startsAt: at(2), endsAt: at(3), cause: "USER_SIDE", facilityFault: false, note: "Sample cell leaking" });
    expect(Number((await db.booking.findUniqueOrThrow({ where: { id: w.booking.id } })).downtimeHours)).toBe(0.75);

    await expect(callerFor(w.staff).runs.recordDowntime({ runId, startsAt: at(1.5), endsAt: at(2.5), cause: "DETECTOR", facilityFault: true, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("overlaps downtime") });
    await expect(callerFor(w.staff).runs.recordDowntime({ runId, startsAt: at(-1), endsAt: at(0.5), cause: "DETECTOR", facilityFault: true, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("inside the run's booked time") });
    await expect(callerFor(w.staff).runs.recordDowntime({ runId, startsAt: at(5), endsAt: at(4), cause: "DETECTOR", facilityFault: true, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("ends after it starts") });
    expect(await db.runDowntime.count({ where: { runId } })).toBe(2);
    // What the form sends: a local time without an offset, read in the facility's zone (Europe/London here).
    const local = (hoursAfterStart: number) => localInputValue(at(hoursAfterStart), "Europe/London");
    expect((await callerFor(w.staff).runs.recordDowntime({ runId, startsAt: local(4), endsAt: local(4.5), cause: "DETECTOR", facilityFault: true, note: "" })).bookingDowntimeHours).toBe(1.25);
    await expect(callerFor(w.staff).runs.recordDowntime({ runId, startsAt: "yesterday", endsAt: local(5), cause: "DETECTOR", facilityFault: true, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Give a date and time") });
    expect(await db.runDowntime.count({ where: { runId } })).toBe(3);
    await expect(callerFor(w.applicant).runs.recordDowntime({ runId, startsAt: at(4), endsAt: at(5), cause: "OTHER", facilityFault: true, note: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("scans", () => {
  it("records a typed scan; bad fields are refused beside the field and nothing is saved", async () => {
    const w = await createRunWorld(db);
    const { id: runId } = await openWorldRun(w);
    const staff = callerFor(w.staff).runs;
    await staff.addScan(scan(runId, { sampleId: w.samples[0]!.id }));
    await expect(staff.addScan(scan(runId, { energyKeV: null }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Give the beam energy (synchrotron) or the tube voltage") });
    await expect(staff.addScan(scan(runId, { voxelSize: 0 }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The voxel size is more than zero") });
    await expect(staff.addScan(scan(runId, { dataUri: "C:\\data\\scan.nxs" }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("as a URI") });
    await expect(staff.addScan(scan(runId, { sha256: "abc" }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("64 hexadecimal") });
    await expect(staff.addScan(scan(runId, { endTime: new Date(Date.now() - 2 * hour) }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("The scan ends after it starts") });
    const other = await createRunWorld(db);
    await expect(staff.addScan(scan(runId, { sampleId: other.samples[0]!.id }))).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose one of this run's request's samples." });
    expect(await db.scan.count({ where: { runId } })).toBe(1);
    await expect(callerFor(w.applicant).runs.addScan(scan(runId))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("who sees a run", () => {
  it("the request's team and the facility's staff; another organisation, a funder and a platform admin are told it does not exist", async () => {
    const w = await createRunWorld(db);
    const { id: runId } = await openWorldRun(w);
    expect((await callerFor(w.applicant).runs.get({ runId })).you).toMatchObject({ staff: false, team: true });
    expect((await callerFor(w.staff).runs.get({ runId })).you).toMatchObject({ staff: true, team: false });
    for (const role of ["APPLICANT", "FUNDER", "PLATFORM_ADMIN", "FACILITY_ADMIN", "CONSORTIUM_LEAD"] as const) {
      const outsider = await createMember(db, role);
      await expect(callerFor(outsider).runs.get({ runId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The run was not found." });
      await expect(callerFor(outsider).runs.addEntry({ runId, text: "Hello", correctsId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await callerFor(outsider).runs.list({ requestId: null })).map((r) => r.id)).not.toContain(runId);
    }
    expect((await callerFor(w.applicant).runs.list({ requestId: w.request.id })).map((r) => r.id)).toEqual([runId]);
  });

  it("staff see the bookings whose run is due to open, and no longer once it is open", async () => {
    const w = await createRunWorld(db);
    expect((await callerFor(w.staff).runs.runnable()).map((b) => b.bookingId)).toContain(w.booking.id);
    await openWorldRun(w);
    expect((await callerFor(w.staff).runs.runnable()).map((b) => b.bookingId)).not.toContain(w.booking.id);
    expect((await callerFor((await createRunWorld(db)).staff).runs.runnable()).map((b) => b.bookingId)).not.toContain(w.booking.id);
  });
});
