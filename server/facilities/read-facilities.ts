import type { Db } from "../db";

/** The public catalogue of facilities, their endstations and cycles. */
export function listFacilities(db: Db) {
  return db.facility.findMany({
    orderBy: { name: "asc" },
    include: {
      organisation: { select: { name: true } },
      endstations: { where: { active: true }, orderBy: { code: "asc" } },
      cycles: { orderBy: { startsAt: "asc" } },
    },
  });
}
