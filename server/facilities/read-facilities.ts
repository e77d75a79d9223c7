import type { Db } from "../db";

/**
 * The public catalogue of facilities, their endstations and cycles. Anyone may call it, signed in
 * or not, so every field is named: billing settings (VAT, bank details) and whatever is added to
 * these tables later stay out until someone decides they are public.
 */
export function listFacilities(db: Db) {
  return db.facility.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      timeZone: true,
      city: true,
      country: true,
      organisation: { select: { name: true } },
      endstations: {
        where: { active: true },
        orderBy: { code: "asc" },
        select: { id: true, code: true, name: true, technique: true, description: true, shiftHours: true, shiftsPerDay: true, minVoxelUm: true, maxEnergyKeV: true },
      },
      cycles: { orderBy: { startsAt: "asc" }, select: { id: true, name: true, startsAt: true, endsAt: true } },
    },
  });
}
