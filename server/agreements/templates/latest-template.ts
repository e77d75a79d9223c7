import type { Db, Tx } from "../../db";
import { conflict } from "../../errors";
import type { AgreementKind } from "../../generated/prisma/enums";

/**
 * The newest version of the template a facility's new agreements of a kind are
 * made from: the facility's own, or the platform-wide one where it has none.
 */
export async function templateInUse(db: Db | Tx, kind: AgreementKind, facilityId: string) {
  const newest = (scope: string | null) => db.agreementTemplate.findFirst({ where: { kind, facilityId: scope }, orderBy: { version: "desc" } });
  return (await newest(facilityId)) ?? (await newest(null));
}

/** As templateInUse, refusing when there is no template of the kind at all. */
export async function latestTemplate(tx: Tx, kind: AgreementKind, facilityId: string) {
  const template = await templateInUse(tx, kind, facilityId);
  if (!template) throw conflict("No agreement template of this kind exists yet. A facility or platform admin adds one under Agreement templates.");
  return template;
}
