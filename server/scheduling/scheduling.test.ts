import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { deliverDueEmails } from "../mail/deliver";
import { devMailboxTransport } from "../mail/transport";
import { createApprovedRequest, createFacilityWorld, createSmeApplicant } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { feedCalendar } from "./calendar-feed";
import { calendarFile } from "./ics";
import { expireStaleHolds } from "./overlap";

const db = testDb();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function setup(allocated = 6) {
  const world = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  const request = await createApprovedRequest(db, world, applicant, allocated);
  return { world, applicant, request, staff: callerFor(world.staff) };
}

describe("placing approved requests on the calendar", () => {
  it("confirms shifts, audits, and emails the applicant a calendar invitation", async () => {
    const { world, applicant, request, staff } = await setup();
    const date = inDays(40);
    const { id, reference } = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date, firstShift: 0, shifts: 3, hold: false, holdDays: 7, notes: "" });
    const booking = await db.booking.findUniqueOrThrow({ where: { id } });
    expect(booking).toMatchObject({ state: "CONFIRMED", shifts: 3, kind: "REQUEST" });
    expect(booking.endsAt.getTime() - booking.startsAt.getTime()).toBe(24 * 3_600_000);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "booking.placed" } })).toBe(1);

    await deliverDueEmails(db, devMailboxTransport(db));
    const mail = await db.devMailboxMessage.findFirstOrThrow({ where: { to: applicant.email, subject: { contains: reference } } });
    const [ics] = mail.attachments as { filename: string; content: string }[];
    expect(ics!.filename).toBe(`${reference}.ics`);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics!.content)).getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().getTime()).toBe(booking.startsAt.getTime());
    expect(event.uid).toBe(`${id}@lodestone`);
  });

  it("refuses more shifts than were granted, a shift that does not exist, and the past", async () => {
    const { world, request, staff } = await setup(4);
    const base = { requestId: request.id, endstationId: world.endstation.id, firstShift: 0, hold: false, holdDays: 7, notes: "" };
    await expect(staff.scheduling.place({ ...base, date: inDays(40), shifts: 5 })).rejects.toMatchObject({ message: expect.stringContaining("has 4 of its 4 granted shifts left") });
    await expect(staff.scheduling.place({ ...base, date: inDays(40), firstShift: 3, shifts: 1 })).rejects.toMatchObject({ message: expect.stringContaining("Shift 4 does not exist") });
    await expect(staff.scheduling.place({ ...base, date: inDays(-2), shifts: 1 })).rejects.toMatchObject({ message: "Schedule shifts in the future." });
    expect(await db.booking.count({ where: { requestId: request.id } })).toBe(0);
  });

  it("cannot confirm before the agreement is signed, but may hold the time; the message names who has yet to sign", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const request = await createApprovedRequest(db, world, applicant, 2, { agreement: "none" });
    const base = { requestId: request.id, endstationId: world.endstation.id, date: inDays(48), firstShift: 0, shifts: 1, holdDays: 7, notes: "" };
    await expect(callerFor(world.staff).scheduling.place({ ...base, hold: false })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("before its agreement is sent and signed") });
    const held = await callerFor(world.staff).scheduling.place({ ...base, hold: true });
    await db.agreementTemplate.create({ data: { kind: "SME_INDUSTRIAL", version: Math.floor(Math.random() * 2_000_000_000) + 1, title: "SME industrial access agreement", body: "{{parties}}: {{reference}}", custodyClause: "Custody by {{facility}}.", dataAccessTier: "PROPRIETARY", createdById: world.admin.userId } });
    await callerFor(world.staff).agreements.send({ requestId: request.id });
    const refusal = (await callerFor(world.staff).scheduling.confirm({ bookingId: held.id }).then(() => new Error("confirmed"), (e: unknown) => e)) as Error;
    expect(refusal.message).toMatch(/cannot be confirmed until agreement AGR-\d{2}-\d{4} is signed; waiting for /);
    expect(refusal.message).toContain(applicant.memberships[0]!.organisationName);
    expect(refusal.message).toContain(world.admin.memberships[0]!.organisationName);
    expect((await db.booking.findUniqueOrThrow({ where: { id: held.id } })).state).toBe("HELD");
  });

  it("an overlap is refused with a message naming the booking in the way", async () => {
    const { world, request, staff } = await setup();
    const date = inDays(41);
    const first = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date, firstShift: 1, shifts: 2, hold: false, holdDays: 7, notes: "" });
    const error = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date, firstShift: 2, shifts: 1, hold: false, holdDays: 7, notes: "" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`by ${first.reference}`) });
    expect((error as Error).message).toContain("Europe/London");
  });

  it("50 staff placing the same shift at once: exactly one wins and the table holds no overlap", async () => {
    const world = await createFacilityWorld(db);
    const date = inDays(50);
    const requests = await Promise.all(Array.from({ length: 50 }, async () => createApprovedRequest(db, world, await createSmeApplicant(db), 1)));
    const results = await Promise.allSettled(
      requests.map((r) => callerFor(world.staff).scheduling.place({ requestId: r.id, endstationId: world.endstation.id, date, firstShift: 0, shifts: 1, hold: false, holdDays: 7, notes: "" })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const winner = (won[0] as PromiseFulfilledResult<{ reference: string }>).value.reference;
    for (const failure of lost) expect(failure.reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(winner) });
    const overlaps = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Booking" a JOIN "Booking" b ON a.id < b.id AND a."endstationId" = b."endstationId"
      WHERE a."endstationId" = ${world.endstation.id} AND a.state IN ('HELD','CONFIRMED') AND b.state IN ('HELD','CONFIRMED')
        AND tstzrange(a."startsAt", a."endsAt") && tstzrange(b."startsAt", b."endsAt")`;
    expect(Number(overlaps[0]!.n)).toBe(0);
  });

  it("a lapsed hold frees its time (with an audit row) and cannot be confirmed", async () => {
    const { world, request, staff } = await setup();
    const date = inDays(42);
    const held = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date, firstShift: 0, shifts: 1, hold: true, holdDays: 3, notes: "" });
    await db.booking.update({ where: { id: held.id }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    await expect(staff.scheduling.confirm({ bookingId: held.id })).rejects.toMatchObject({ message: expect.stringContaining("has lapsed") });
    const other = await createApprovedRequest(db, world, await createSmeApplicant(db), 1);
    await staff.scheduling.place({ requestId: other.id, endstationId: world.endstation.id, date, firstShift: 0, shifts: 1, hold: false, holdDays: 7, notes: "" });
    expect((await db.booking.findUniqueOrThrow({ where: { id: held.id } })).state).toBe("EXPIRED");
    expect(await db.auditEvent.count({ where: { entityId: held.id, action: "booking.hold_expired" } })).toBe(1);
    // The sweep finds nothing more to expire on this endstation.
    expect(await inTransaction((tx) => expireStaleHolds(tx, { endstationId: world.endstation.id }), db)).toBe(0);
  });

  it("moves with a reason, cancels with a reason, and records downtime within the booking's length", async () => {
    const { world, applicant, request, staff } = await setup();
    const placed = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date: inDays(43), firstShift: 0, shifts: 2, hold: false, holdDays: 7, notes: "" });
    await staff.scheduling.move({ bookingId: placed.id, endstationId: world.endstation.id, date: inDays(44), firstShift: 1, reason: "Detector recalibration moved into our slot." });
    await expect(staff.scheduling.recordDowntime({ bookingId: placed.id, hours: 1, note: "Beam dump." })).rejects.toMatchObject({ message: expect.stringContaining("still to come") });
    // Let the beamtime have happened (two 8-hour shifts ending an hour ago).
    await db.booking.update({ where: { id: placed.id }, data: { startsAt: new Date(Date.now() - 17 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) } });
    await expect(staff.scheduling.recordDowntime({ bookingId: placed.id, hours: 17, note: "Beam dump." })).rejects.toMatchObject({ message: expect.stringContaining("lasts 16 h") });
    await staff.scheduling.recordDowntime({ bookingId: placed.id, hours: 2.5, note: "Beam dump at 03:10." });
    await staff.scheduling.cancel({ bookingId: placed.id, reason: "The applicant's samples were held at customs." });
    const booking = await db.booking.findUniqueOrThrow({ where: { id: placed.id } });
    expect(booking).toMatchObject({ state: "CANCELLED", cancelReason: "The applicant's samples were held at customs." });
    expect(Number(booking.downtimeHours)).toBe(2.5);
    expect(await db.outboxMessage.count({ where: { template: "booking-update", to: applicant.email, dedupeKey: { startsWith: `booking-update:${placed.id}:` } } })).toBe(3);
  });

  it("maintenance blocks the calendar too", async () => {
    const { world, request, staff } = await setup();
    const date = inDays(45);
    await staff.scheduling.addNonUserTime({ endstationId: world.endstation.id, kind: "MAINTENANCE", date, firstShift: 0, shifts: 3, title: "Quarterly vacuum maintenance" });
    await expect(staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date, firstShift: 1, shifts: 1, hold: false, holdDays: 7, notes: "" })).rejects.toMatchObject({ message: expect.stringContaining("maintenance: Quarterly vacuum maintenance") });
  });

  it("staff of another facility and applicants cannot schedule or see the calendar", async () => {
    const { world, request, applicant } = await setup();
    const otherStaff = await createMember(db, "FACILITY_STAFF");
    await expect(callerFor(otherStaff).scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date: inDays(46), firstShift: 0, shifts: 1, hold: false, holdDays: 7, notes: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(otherStaff).scheduling.calendar({ facilityId: world.facility.id, days: 7 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(applicant).scheduling.calendar({ facilityId: world.facility.id, days: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the calendar view", () => {
  it("lays each endstation's shifts in the facility's zone across a clock change, with the entries in the window", async () => {
    const { world, request, staff } = await setup();
    await db.cycle.update({ where: { id: world.cycle.id }, data: { startsAt: new Date("2027-01-01T00:00:00Z"), endsAt: new Date("2027-07-01T00:00:00Z") } });
    const booking = await db.booking.create({
      data: { reference: `BK-TEST-${world.facility.code}`, endstationId: world.endstation.id, kind: "REQUEST", state: "CONFIRMED", requestId: request.id, startsAt: new Date("2027-03-28T07:00:00Z"), endsAt: new Date("2027-03-28T15:00:00Z"), shifts: 1, title: "DST day", createdById: world.staff.userId },
    });
    const view = await staff.scheduling.calendar({ facilityId: world.facility.id, from: "2027-03-27", days: 2 });
    const cells = view.endstations[0]!.cells;
    expect(cells.map((c) => [c.day, c.label, c.startsAt.toISOString()])).toEqual([
      ["2027-03-27", "00:00–08:00", "2027-03-27T00:00:00.000Z"],
      ["2027-03-27", "08:00–16:00", "2027-03-27T08:00:00.000Z"],
      ["2027-03-27", "16:00–00:00", "2027-03-27T16:00:00.000Z"],
      ["2027-03-28", "00:00–08:00", "2027-03-28T00:00:00.000Z"],
      // Clocks go forward at 01:00: the night shift is 7 h and the day shifts keep their local times.
      ["2027-03-28", "08:00–16:00", "2027-03-28T07:00:00.000Z"],
      ["2027-03-28", "16:00–00:00", "2027-03-28T15:00:00.000Z"],
    ]);
    expect(view.bookings.map((b) => b.id)).toEqual([booking.id]);
  });
});

describe("bookings for applicants and their secret feed", () => {
  it("the applicant sees their bookings; the feed carries them; rotating kills the old address", async () => {
    const { world, applicant, request, staff } = await setup();
    const placed = await staff.scheduling.place({ requestId: request.id, endstationId: world.endstation.id, date: inDays(47), firstShift: 0, shifts: 1, hold: false, holdDays: 7, notes: "" });
    expect((await callerFor(applicant).scheduling.myBookings()).map((b) => b.id)).toContain(placed.id);
    expect((await callerFor(await createSmeApplicant(db)).scheduling.myBookings()).map((b) => b.id)).not.toContain(placed.id);

    const { url } = await callerFor(applicant).scheduling.feed();
    const token = url.split("/api/ical/")[1]!.replace(".ics", "");
    const calendar = await feedCalendar(db, token);
    expect(calendar).toContain(`UID:${placed.id}@lodestone`);
    const again = await callerFor(applicant).scheduling.feed();
    expect(again.url).toBe(url);
    await callerFor(applicant).scheduling.rotateFeed();
    expect(await feedCalendar(db, token)).toBeNull();
  });

  it("stores only the SHA-256 of the feed token, yet shows the same address again until it is replaced", async () => {
    const { applicant } = await setup();
    const tokenOf = (url: string) => url.split("/api/ical/")[1]!.replace(".ics", "");
    const first = tokenOf((await callerFor(applicant).scheduling.feed()).url);
    const row = await db.calendarFeed.findUniqueOrThrow({ where: { userId: applicant.userId } });
    expect(JSON.stringify(row)).not.toContain(first);
    expect(row.tokenHash).toBe(createHash("sha256").update(first).digest("hex"));
    expect(await feedCalendar(db, first)).toContain("BEGIN:VCALENDAR");
    // The stored hash is not itself a key to the feed.
    expect(await feedCalendar(db, row.tokenHash)).toBeNull();

    const rotated = tokenOf((await callerFor(applicant).scheduling.rotateFeed()).url);
    expect(rotated).not.toBe(first);
    expect(tokenOf((await callerFor(applicant).scheduling.feed()).url)).toBe(rotated);
    expect(await feedCalendar(db, rotated)).toContain("BEGIN:VCALENDAR");
    expect(await feedCalendar(db, first)).toBeNull();
  });
});

describe("iCalendar text", () => {
  it("a title, description, location or calendar name cannot start a new iCalendar line", async () => {
    const event = { uid: "u1@lodestone", title: "Run\r\nATTENDEE:mailto:evil@example.com", description: "First line\nsecond\rORGANIZER:mailto:evil@example.com", location: "S07\rATTENDEE:mailto:evil@example.com", startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000), status: "CONFIRMED" as const, sequence: 1 };
    for (const file of [calendarFile([event], "PUBLISH", "Ada\r\nX-INJECTED:1"), calendarFile([], "PUBLISH", "Ada\rX-INJECTED:1")]) {
      const lines = file.split(/\r\n|\r|\n/);
      expect(lines.filter((l) => /^(ATTENDEE|ORGANIZER|X-INJECTED)/.test(l))).toEqual([]);
      // Lines end in CRLF only: no bare CR or LF anywhere.
      expect(file.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    }
    const parsed = new ICAL.Component(ICAL.parse(calendarFile([event], "PUBLISH")));
    const vevent = parsed.getFirstSubcomponent("vevent")!;
    expect(vevent.getAllProperties("attendee")).toHaveLength(0);
    expect(vevent.getFirstPropertyValue("summary")).toBe("Run ATTENDEE:mailto:evil@example.com");
    expect(vevent.getFirstPropertyValue("location")).toBe("S07 ATTENDEE:mailto:evil@example.com");
    expect(vevent.getFirstPropertyValue("description")).toBe("First line\nsecond\nORGANIZER:mailto:evil@example.com");
  });
});
