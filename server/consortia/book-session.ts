import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { assertBlockAgreementSigned } from "../scheduling/agreement-gate";
import { patternOf } from "../scheduling/facility-staff";
import { isOverlapViolation } from "../scheduling/overlap";
import { activeSessionStates, bookedShifts, formatRange, loadVisiblePlacement, shiftsText } from "./load";
import { slotOrInvalid } from "../scheduling/slot-or-invalid";
import { blockSlotFields } from "./place-block";
import { lockPlacementForSession } from "./placement-lock";
import { bookableOrganisationsOf } from "./policy";
import type { bookSessionSchema } from "./schemas";
import { clock } from "../clock";

/** True for the trigger's refusal of a session outside its block's placed time. */
function isOutsidePlacement(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? "")}` : String(error);
  return text.includes("outside the block") || text.includes("inside a confirmed block placement");
}

/**
 * A member books a session inside its consortium's placed block time, within
 * the share the lead gave it. The placement is locked against being moved or
 * cancelled meanwhile (placement-lock.ts). The member's share row is locked, so
 * concurrent bookings by the same member are counted one after another and
 * can never together exceed the share. Overlaps between sessions are refused
 * by an exclusion constraint; the query before it only names who is there.
 */
export async function bookSession(tx: Tx, ctx: RequestContext, input: z.output<typeof bookSessionSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw notFound("The block time");
  const { block } = await loadVisiblePlacement(tx, ctx.actor, input.placementId);
  const consortium = block.consortium;
  const mayBookFor = bookableOrganisationsOf(ctx.actor, { memberOrganisationIds: consortium.members.map((m) => m.organisationId) });
  if (mayBookFor.length === 0) throw forbidden(`Only people of ${consortium.acronym}'s member organisations book its block.`);
  if (!mayBookFor.includes(input.organisationId)) throw invalid(`Book for your own organisation in ${consortium.acronym}.`, "organisationId");
  const organisation = consortium.members.find((m) => m.organisationId === input.organisationId)!.organisation;
  // Locked before anything is checked against it, and read again: staff cannot move or cancel it until this commits.
  const placement = await lockPlacementForSession(tx, input.placementId);
  if (placement.state !== "CONFIRMED" || !placement.cycleId) throw conflict(`This block time (${placement.reference}) is no longer on the calendar.`, "placementId");
  await assertBlockAgreementSigned(tx, block.id, consortium.acronym);

  const pattern = patternOf(block.endstation);
  const zone = pattern.timeZone;
  const slot = slotOrInvalid(blockSlotFields, input.date, input.shiftIndex, input.shifts, pattern);
  if (slot.startsAt < placement.startsAt || slot.endsAt > placement.endsAt) {
    throw invalid(`The session must lie inside the block time, ${formatRange(placement.startsAt, placement.endsAt, zone)}; this one runs ${formatRange(slot.startsAt, slot.endsAt, zone)}.`, "date");
  }
  if (slot.startsAt < now) throw invalid("That time has already started; choose a later shift.", "date");

  const cycle = await tx.cycle.findUniqueOrThrow({ where: { id: placement.cycleId } });
  const [share] = await tx.$queryRaw<{ id: string; shifts: number }[]>`
    SELECT id, shifts FROM "BlockShare"
    WHERE "blockId" = ${block.id} AND "cycleId" = ${cycle.id} AND "organisationId" = ${organisation.id}
    FOR UPDATE`;
  if (!share || share.shifts === 0) {
    throw invalid(`${organisation.name} has no share of ${consortium.acronym}'s block in ${cycle.name} yet; ask the lead (${consortium.leadOrganisation.name}) to share it out.`, "shifts");
  }
  const booked = await bookedShifts(tx, block.id, cycle.id, organisation.id);
  if (booked + input.shifts > share.shifts) {
    throw invalid(`${organisation.name} has ${share.shifts - booked} of its ${share.shifts} shifts left in ${cycle.name}; this session needs ${input.shifts}.`, "shifts");
  }

  const inTheWay = await tx.blockSession.findFirst({
    where: { placementId: placement.id, state: { in: [...activeSessionStates] }, startsAt: { lt: slot.endsAt }, endsAt: { gt: slot.startsAt } },
    include: { organisation: { select: { name: true } } },
    orderBy: { startsAt: "asc" },
  });
  if (inTheWay) {
    throw conflict(`${inTheWay.organisation.name} has a session from ${formatRange(inTheWay.startsAt, inTheWay.endsAt, zone)}${inTheWay.state === "PENDING_APPROVAL" ? " (waiting for the lead's approval)" : ""}; choose other shifts.`, "date");
  }

  const state = consortium.leadApprovesSessions ? "PENDING_APPROVAL" : "BOOKED";
  let session;
  try {
    session = await tx.blockSession.create({
      data: { placementId: placement.id, organisationId: organisation.id, cycleId: cycle.id, state, startsAt: slot.startsAt, endsAt: slot.endsAt, shifts: input.shifts, title: input.title, createdById: ctx.actor.userId },
    });
  } catch (error) {
    if (isOverlapViolation(error)) throw conflict("Another member has just booked some of those shifts. Reload and choose other shifts.", "date");
    if (isOutsidePlacement(error)) throw invalid(`The session must lie inside the block time, ${formatRange(placement.startsAt, placement.endsAt, zone)}.`, "date");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "block.session_booked",
    entityType: "BlockSession",
    entityId: session.id,
    after: { placement: placement.reference, consortium: consortium.acronym, organisation: organisation.name, cycle: cycle.name, state, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), shifts: input.shifts },
  });
  return { id: session.id, state, remaining: share.shifts - booked - input.shifts, range: `${formatRange(slot.startsAt, slot.endsAt, zone)}`, shifts: shiftsText(input.shifts) };
}
