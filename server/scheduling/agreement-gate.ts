import { agreementOfBlock, agreementOfRequest } from "../agreements/read-agreements";
import type { Tx } from "../db";
import { conflict } from "../errors";

/**
 * No beamtime is confirmed until the request's agreement is signed by every
 * party. Holds are allowed, so the time can be kept while signatures come in.
 */
export async function assertAgreementSigned(tx: Tx, requestId: string, label: string | null) {
  const agreement = await agreementOfRequest(tx, requestId);
  if (agreement?.state === "SIGNED") return;
  const what = label ?? "This booking";
  if (!agreement) throw conflict(`${what} cannot be confirmed before its agreement is sent and signed. Send the agreement from the request, and hold the shifts meanwhile.`, "hold");
  if (agreement.state === "DECLINED") throw conflict(`${what} cannot be confirmed: ${agreement.declined.map((d) => d.organisation).join(", ")} declined agreement ${agreement.reference}.`, "hold");
  throw conflict(`${what} cannot be confirmed until agreement ${agreement.reference} is signed; waiting for ${agreement.waitingFor.join(" and ")}. Hold the shifts meanwhile.`, "hold");
}

/** Members book sessions in a block only once its consortium agreement is signed by every member and the facility. */
export async function assertBlockAgreementSigned(tx: Tx, blockId: string, consortiumAcronym: string) {
  const agreement = await agreementOfBlock(tx, blockId);
  if (agreement?.state === "SIGNED") return;
  if (!agreement) throw conflict(`Sessions in ${consortiumAcronym}'s block open once its consortium agreement is signed; the lead has not sent it yet.`);
  if (agreement.state === "DECLINED") throw conflict(`Sessions in ${consortiumAcronym}'s block are closed: ${agreement.declined.map((d) => d.organisation).join(", ")} declined consortium agreement ${agreement.reference}.`);
  throw conflict(`Sessions in ${consortiumAcronym}'s block open once consortium agreement ${agreement.reference} is signed; waiting for ${agreement.waitingFor.join(" and ")}.`);
}
