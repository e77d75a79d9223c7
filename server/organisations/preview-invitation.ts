import type { Db } from "../db";
import { invitationProblem } from "./accept-invitation";
import { hashInvitationToken } from "./invitation-token";
import { clock } from "../clock";

/** What the holder of an invitation link may see before accepting: whom it invites, where, and whether it still works. */
export async function previewInvitation(db: Db, token: string, now = clock.now()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { organisation: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  const problem = invitationProblem(invitation, now);
  if (!invitation) return { valid: false as const, problem: problem!.message };
  return {
    valid: problem === null,
    problem: problem?.message ?? null,
    email: invitation.email,
    role: invitation.role,
    organisationName: invitation.organisation.name,
    invitedByName: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
  };
}
