import { describe, expect, it } from "vitest";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "../consortia/test-world";
import { testDb } from "../testing/fixtures";
import { warnUnusedBlockTime } from "./warn-unused-block-time";

const db = testDb();

describe("unused block time warning", () => {
  it("emails the lead and the facility once per block and cycle, however often the job runs", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId } = await grantAndPlace(w, { unusedWarningDays: 21 });
    await shareEqually(w, blockId, 8);
    const tenDaysBefore = new Date(w.cycle.endsAt.getTime() - 10 * 86_400_000);

    await warnUnusedBlockTime(db, tenDaysBefore);
    await warnUnusedBlockTime(db, tenDaysBefore);
    const messages = await db.outboxMessage.findMany({ where: { template: "block-unused-time", dedupeKey: { startsWith: `block-unused-time:${blockId}:${w.cycle.id}:` } } });
    const recipients = messages.map((m) => m.to).sort();
    expect(recipients).toContain(w.lead.email);
    expect(recipients.length).toBe(new Set(recipients).size);
    const toLead = messages.find((m) => m.to === w.lead.email)!;
    expect(toLead.props).toMatchObject({ audience: "lead", daysLeft: 10, members: expect.arrayContaining([expect.objectContaining({ unused: 8, share: 8 })]) });
  });
});
