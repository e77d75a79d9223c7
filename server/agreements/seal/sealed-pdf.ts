import type { Actor } from "../../access/actor";
import type { Db } from "../../db";
import { conflict } from "../../errors";
import { getAgreement } from "../read-agreements";

/** The sealed PDF of an agreement, for its parties' people only; refused with the reason while it is not sealed. */
export async function sealedPdfOf(db: Db, actor: Actor, agreementId: string) {
  const { agreement } = await getAgreement(db, actor, agreementId);
  const sealed = await db.sealedAgreement.findUnique({ where: { agreementId: agreement.id } });
  if (!sealed) throw conflict(agreement.state === "SIGNED" ? `${agreement.reference} is being sealed; try again in a minute.` : `${agreement.reference} is sealed only once every party has signed.`);
  return { pdf: sealed.pdf, filename: `${agreement.reference}-sealed.pdf`, attachment: true, headers: { "x-content-sha256": sealed.pdfHash } };
}
