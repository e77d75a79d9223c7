import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { organisationIdsOf } from "../access/actor";
import { formatFacilityDateTime } from "../time";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import type { openRunSchema } from "./schemas";

/**
 * Facility staff open the run of a confirmed booking at or after its start: a
 * request's booking, or a member's session inside a block placement. Opening
 * twice gives the run that is already open (two staff at the desk at once).
 */
export async function openRun(tx: Tx, ctx: SignedInContext, input: z.output<typeof openRunSchema>, now = clock.now()) {
  const booking = await tx.booking.findUnique({
    where: { id: input.bookingId },
    include: { endstation: { include: { facility: true } }, request: { include: { route: { select: { confidential: true } } } } },
  });
  const facility = booking?.endstation.facility;
  if (!booking || !facility || !organisationIdsOf(ctx.actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(facility.organisationId)) throw notFound("The booking");
  if (booking.state !== "CONFIRMED") throw conflict(`${booking.reference} is ${booking.state.toLowerCase()}: only a confirmed booking has a run.`);

  const session = input.sessionId ? await tx.blockSession.findUnique({ where: { id: input.sessionId } }) : null;
  if (booking.kind === "BLOCK" && (!session || session.placementId !== booking.id)) throw invalid("Choose the member's session inside this block placement.", "sessionId");
  if (booking.kind === "BLOCK" && session?.state !== "BOOKED") throw conflict("This session is not booked, so it has no run.");
  if (booking.kind !== "REQUEST" && booking.kind !== "BLOCK") throw conflict(`${booking.reference} is ${booking.kind.toLowerCase().replace("_", " ")} time, which has no run.`);
  const startsAt = session?.startsAt ?? booking.startsAt;
  if (now < startsAt) throw conflict(`The run opens when the time starts, at ${formatFacilityDateTime(startsAt, facility.timeZone)}.`);

  // One run per request booking, one per session: a second click finds the first.
  const existing = await tx.run.findFirst({ where: session ? { sessionId: session.id } : { bookingId: booking.id, sessionId: null } });
  if (existing) return { id: existing.id, reference: existing.reference, opened: false };

  const organisationId = session?.organisationId ?? booking.request?.organisationId;
  if (!organisationId) throw conflict(`${booking.reference} has no organisation to hold the run's data.`);
  const year = now.getUTCFullYear();
  const reference = `RUN-${twoDigitYear(year)}-${String(await nextCounter(tx, `run-${year}`)).padStart(4, "0")}`;
  const run = await tx.run.create({
    data: {
      reference,
      bookingId: booking.id,
      sessionId: session?.id ?? null,
      requestId: booking.requestId,
      organisationId,
      facilityId: facility.id,
      endstationId: booking.endstationId,
      // A consortium member's data stay the member's: block runs are confidential like proprietary requests.
      confidential: booking.request ? booking.request.route.confidential : true,
      openedAt: now,
      openedById: ctx.actor.userId,
      operators: { create: { userId: ctx.actor.userId, name: ctx.actor.name, role: "STAFF" } },
      entries: { create: { at: now, authorId: ctx.actor.userId, authorName: ctx.actor.name, text: `Run opened on ${booking.endstation.name}.` } },
    },
  });
  await recordAudit(tx, ctx, { action: "run.opened", entityType: "Run", entityId: run.id, after: { reference, bookingId: booking.id, sessionId: session?.id ?? null } });
  return { id: run.id, reference, opened: true };
}
