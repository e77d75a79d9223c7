import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { feedCalendar } from "../scheduling/calendar-feed";
import { addDays } from "../scheduling/shifts";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "./test-world";

const db = testDb();

async function feedOf(actor: SignedInActor): Promise<string> {
  const { url } = await callerFor(actor).scheduling.feed();
  return (await feedCalendar(db, url.split("/api/ical/")[1]!.replace(".ics", "")))!;
}

async function twoMembersBooked() {
  const w = await createConsortiumWorld(db);
  const { blockId, placementId, reference, startDate } = await grantAndPlace(w);
  await shareEqually(w, blockId, 8);
  const [okement, brinewell] = w.memberOrgs;
  const mine = await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: okement!.id, date: startDate, shiftIndex: 0, shifts: 3, title: "Petalite liberation" });
  const theirs = await callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 2, title: "Secret sorbent recipe" });
  return { w, placementId, reference, mine, theirs };
}

describe("a member's block sessions on /bookings and in the iCal feed", () => {
  it("/bookings lists the sessions of the person's member organisations, with block, endstation and the facility's zone; nobody else's", async () => {
    const { w, reference, mine, theirs } = await twoMembersBooked();
    const session = await db.blockSession.findUniqueOrThrow({ where: { id: mine.id } });

    const bens = await callerFor(w.members[0]!).scheduling.myBlockSessions();
    expect(bens).toEqual([
      expect.objectContaining({
        id: mine.id,
        title: "Petalite liberation",
        state: "BOOKED",
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        shifts: 3,
        organisation: { id: w.memberOrgs[0]!.id, name: w.memberOrgs[0]!.name },
        placement: { reference },
        consortium: { acronym: w.consortium.acronym, name: w.consortium.name },
        endstation: { name: "T01 Micro-tomography", shiftHours: 8 },
        facility: expect.objectContaining({ name: w.facility.name, timeZone: "Europe/London" }),
      }),
    ]);
    // A colleague at the same member organisation sees it too.
    const colleague = await createMember(db, "CONSORTIUM_MEMBER", { organisationId: w.memberOrgs[0]!.id });
    expect((await callerFor(colleague).scheduling.myBlockSessions()).map((s) => s.id)).toEqual([mine.id]);
    // The lead and the other members do not get it here; an applicant of the same organisation (no consortium role) neither.
    expect((await callerFor(w.lead).scheduling.myBlockSessions()).map((s) => s.id)).toEqual([]);
    expect((await callerFor(w.members[1]!).scheduling.myBlockSessions()).map((s) => s.id)).toEqual([theirs.id]);
    const applicant = await createMember(db, "APPLICANT", { organisationId: w.memberOrgs[0]!.id });
    expect(await callerFor(applicant).scheduling.myBlockSessions()).toEqual([]);

    // A cancelled session stays on the list, marked so.
    await callerFor(w.members[0]!).consortia.cancelSession({ sessionId: mine.id });
    expect((await callerFor(w.members[0]!).scheduling.myBlockSessions()).map((s) => s.state)).toEqual(["CANCELLED"]);
  });

  it("the feed carries the member organisation's live sessions, with the uid the emails use; other members, the lead and other consortia do not get them", async () => {
    const { w, mine, theirs } = await twoMembersBooked();
    const bens = await feedOf(w.members[0]!);
    expect(bens).toContain(`UID:${mine.id}@lodestone`);
    expect(bens).toContain(`SUMMARY:${w.consortium.acronym} block session on T01 Micro-tomography`);
    expect(bens).toContain("STATUS:CONFIRMED");
    expect(bens).not.toContain(theirs.id);
    expect(bens).not.toContain("Secret sorbent");

    expect(await feedOf(w.members[1]!)).not.toContain(mine.id);
    expect(await feedOf(w.lead)).not.toContain(mine.id);
    const rival = await createConsortiumWorld(db);
    expect(await feedOf(rival.members[0]!)).not.toContain(mine.id);
    expect(await feedOf(await createMember(db, "APPLICANT", { organisationId: w.memberOrgs[0]!.id }))).not.toContain(mine.id);

    // Cancelled, it leaves the feed.
    await callerFor(w.members[0]!).consortia.cancelSession({ sessionId: mine.id });
    expect(await feedOf(w.members[0]!)).not.toContain(mine.id);
  });
});
