import type { RequestContext } from "../access/actor";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden } from "../errors";
import { loadVisibleRequest } from "./load-request";
import type { RequestContent } from "./schemas";
import { clock } from "../clock";

export const editableStates = ["DRAFT", "CHANGES_REQUESTED"] as const;

/**
 * Saves what the applicant has typed so far. Not a state change, so no audit
 * row: what counts is the version frozen at each submission.
 */
export async function saveDraft(tx: Tx, ctx: RequestContext, requestId: string, content: RequestContent) {
  const loaded = await loadVisibleRequest(tx, ctx.actor, requestId);
  if (!loaded.parties.includes("applicantTeam")) throw forbidden("Only the applicant's team can edit the request.");
  const saved = await tx.accessRequest.updateMany({
    where: { id: requestId, state: { in: [...editableStates] } },
    data: { content: content as unknown as Prisma.InputJsonValue, title: content.title, shiftsRequested: content.shiftsRequested },
  });
  if (saved.count === 0) throw conflict("This request is with the facility and cannot be edited now.");
  return { savedAt: clock.now() };
}
