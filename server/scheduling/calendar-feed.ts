import { createHmac } from "node:crypto";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Db, Tx } from "../db";
import { invalid } from "../errors";
import { appUrl } from "../organisations/invitation-token";
import { calendarFile, type CalendarEvent } from "./ics";
import { clock } from "../clock";
import { blockSessionEvents } from "../consortia/member-sessions";
import { derivedKey, sha256Hex } from "../security/server-secret";

const feedUrl = (token: string) => appUrl(`/api/ical/${token}.ics`);

/**
 * The token is derived, not stored: HMAC of the user and the feed's generation
 * under a key from the server secret. The database keeps only its SHA-256, so a
 * copy of the database cannot read anyone's calendar, yet the bookings page can
 * show the same address whenever its owner asks for it.
 */
const feedToken = (userId: string, generation: number) => createHmac("sha256", derivedKey("calendar-feed")).update(`${userId}:${generation}`).digest("base64url");

/** The actor's secret feed address, created on first use. */
export async function getFeed(tx: Tx, ctx: RequestContext) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { userId } = ctx.actor;
  const existing = await tx.calendarFeed.findUnique({ where: { userId } });
  const token = feedToken(userId, existing?.generation ?? 0);
  // A feed made before tokens were derived (or under another server secret) cannot be shown again: it is replaced.
  if (!existing) await tx.calendarFeed.create({ data: { userId, tokenHash: sha256Hex(token) } });
  else if (existing.tokenHash !== sha256Hex(token)) await tx.calendarFeed.update({ where: { userId }, data: { tokenHash: sha256Hex(token), createdAt: clock.now() } });
  return { url: feedUrl(token) };
}

/** A new secret address; the old one stops working at once (for a leaked link). */
export async function rotateFeed(tx: Tx, ctx: RequestContext) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { userId } = ctx.actor;
  const generation = ((await tx.calendarFeed.findUnique({ where: { userId } }))?.generation ?? 0) + 1;
  const token = feedToken(userId, generation);
  await tx.calendarFeed.upsert({ where: { userId }, create: { userId, tokenHash: sha256Hex(token), generation }, update: { tokenHash: sha256Hex(token), generation, createdAt: clock.now() } });
  await recordAudit(tx, ctx, { action: "calendar_feed.rotated", entityType: "User", entityId: userId });
  return { url: feedUrl(token) };
}

/**
 * The feed behind a token: the owner's organisations' request bookings, the
 * block sessions their member organisations booked, and for facility staff
 * their facility's bookings. Null for an unknown token.
 */
export async function feedCalendar(db: Db, token: string): Promise<string | null> {
  const feed = await db.calendarFeed.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: { include: { memberships: true } } } });
  if (!feed) return null;
  const roles = (...r: string[]) => feed.user.memberships.filter((m) => r.includes(m.role)).map((m) => m.organisationId);
  const bookings = await db.booking.findMany({
    where: {
      state: { in: ["HELD", "CONFIRMED"] },
      OR: [
        { kind: "REQUEST", request: { organisationId: { in: roles("APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER") } } },
        { endstation: { facility: { organisationId: { in: roles("FACILITY_STAFF", "FACILITY_ADMIN") } } } },
      ],
    },
    include: { endstation: { include: { facility: true } }, request: { select: { reference: true, title: true } } },
    orderBy: { startsAt: "asc" },
    take: 2000,
  });
  const events: CalendarEvent[] = bookings.map((b) => ({
    uid: `${b.id}@lodestone`,
    title: b.request ? `${b.request.reference} beamtime on ${b.endstation.name}` : `${b.title} (${b.endstation.name})`,
    description: `${b.request?.title ?? b.title}\nBooking ${b.reference}, ${b.shifts} shifts.`,
    location: `${b.endstation.name}, ${b.endstation.facility.name}`,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.state === "HELD" ? "TENTATIVE" : "CONFIRMED",
    sequence: Math.floor(b.updatedAt.getTime() / 1000) % 2_000_000_000,
  }));
  events.push(...(await blockSessionEvents(db, feed.user.memberships)));
  events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return calendarFile(events, "PUBLISH", `Lodestone beamtime — ${feed.user.name}`);
}

