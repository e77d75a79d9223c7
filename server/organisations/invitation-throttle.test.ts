import { describe, expect, it } from "vitest";
import { throttles } from "../auth/throttle";
import { createCaller } from "../root";
import { createMember, testDb, uniqueSuffix } from "../testing/fixtures";

const db = testDb();

describe("invitation rate limit", () => {
  it("limits invitations to one address, with a clear message, and a refused one changes nothing", async () => {
    const manager = await createMember(db, "APPLICANT");
    const organisationId = manager.memberships[0]!.organisationId;
    const caller = createCaller({ db, actor: manager, ip: `198.18.${Math.floor(Math.random() * 256)}.1`, userAgent: "vitest" });
    const email = `popular-${uniqueSuffix()}@test.example`;
    for (let i = 0; i < throttles.invitation.perAddress; i++) await caller.organisations.invite({ organisationId, email, role: "APPLICANT" });
    const mailBefore = await db.outboxMessage.count({ where: { to: email } });
    await expect(caller.organisations.invite({ organisationId, email, role: "APPLICANT" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("Too many invitations"),
    });
    expect(await db.outboxMessage.count({ where: { to: email } })).toBe(mailBefore);
  });

  it("limits invitations from one IP", async () => {
    const manager = await createMember(db, "APPLICANT");
    const ip = `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
    await db.rateLimitHit.createMany({ data: Array.from({ length: throttles.invitation.perIp }, () => ({ bucket: `invitation:ip:${ip}` })) });
    const caller = createCaller({ db, actor: manager, ip, userAgent: "vitest" });
    await expect(caller.organisations.invite({ organisationId: manager.memberships[0]!.organisationId, email: `x-${uniqueSuffix()}@test.example`, role: "APPLICANT" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });
});
