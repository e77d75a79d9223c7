import type { Tx } from "../../db";
import { conflict } from "../../errors";
import type { AgreementKind } from "../../generated/prisma/enums";

/** The newest version of a kind's template: what every new agreement is made from. */
export async function latestTemplate(tx: Tx, kind: AgreementKind) {
  const template = await tx.agreementTemplate.findFirst({ where: { kind }, orderBy: { version: "desc" } });
  if (!template) throw conflict("No agreement template of this kind exists yet. A facility or platform admin adds one under Agreement templates.");
  return template;
}
