import type { Tx } from "../db";
import { notFound } from "../errors";
import type { Booking } from "../generated/prisma/client";

/**
 * Row locks on a block placement (its BLOCK booking), so a member's session
 * is never booked into a placement that is moving or going away.
 *
 * Members booking take the placement FOR SHARE: they book side by side (their
 * own share rows still count them one after another), but never while staff
 * hold it FOR UPDATE to move or cancel it. Whoever comes second waits, then
 * reads the placement again and acts on what it is now.
 *
 * Lock order everywhere: the block (BlockAllocation), the placement, share
 * rows, sessions. placeBlock and setShares lock the block first; bookSession
 * the placement, then its share row; moving or cancelling the block, then the
 * placement, then its sessions.
 */
export async function lockPlacementForSession(tx: Tx, placementId: string) {
  const [placement] = await tx.$queryRaw<Pick<Booking, "id" | "reference" | "state" | "startsAt" | "endsAt" | "cycleId">[]>`
    SELECT id, reference, state::text AS state, "startsAt", "endsAt", "cycleId" FROM "Booking" WHERE id = ${placementId} FOR SHARE`;
  if (!placement) throw notFound("The block time");
  return placement;
}

/**
 * For staff changing a booking: a block placement locks its block first (as
 * placeBlock does), then the booking row FOR UPDATE. Returns the booking as
 * it is once locked, which may differ from what was read before.
 */
export async function lockBookingForChange(tx: Tx, booking: { id: string; kind: string; blockId: string | null }) {
  if (booking.kind === "BLOCK" && booking.blockId) await tx.$queryRaw`SELECT id FROM "BlockAllocation" WHERE id = ${booking.blockId} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "Booking" WHERE id = ${booking.id} FOR UPDATE`;
  return tx.booking.findUniqueOrThrow({ where: { id: booking.id } });
}
