import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";
import type { ShiftPattern } from "./shifts";

/** The endstation with its facility, if the actor is staff (or admin) of that facility; otherwise "not found". */
export async function endstationForStaff(tx: Tx | Db, actor: Actor, endstationId: string, roles: ("FACILITY_STAFF" | "FACILITY_ADMIN")[] = ["FACILITY_STAFF", "FACILITY_ADMIN"]) {
  const endstation = await tx.endstation.findUnique({ where: { id: endstationId }, include: { facility: true } });
  if (!endstation || !organisationIdsOf(actor, ...roles).includes(endstation.facility.organisationId)) throw notFound("The endstation");
  return endstation;
}

export function patternOf(endstation: { shiftHours: number; shiftsPerDay: number; firstShiftStartsAt: string; facility: { timeZone: string } }): ShiftPattern {
  return { timeZone: endstation.facility.timeZone, shiftHours: endstation.shiftHours, shiftsPerDay: endstation.shiftsPerDay, firstShiftStartsAt: endstation.firstShiftStartsAt };
}
