import { createRouter, procedure } from "../trpc";
import { requireUser, runMutation } from "../run";
import { publicAccess } from "../access/rules";
import { acceptInvitation } from "./accept-invitation";
import { createOrganisation } from "./create-organisation";
import { declareSme } from "./declare-sme";
import { inviteMember } from "./invite-member";
import { leaveOrganisation } from "./leave-organisation";
import { removeMember, revokeInvitation } from "./manage-members";
import { organisationAccess as access } from "./policy";
import { previewInvitation } from "./preview-invitation";
import { getOrganisation, listAllOrganisations, listMyOrganisations } from "./read-organisations";
import {
  acceptInvitationSchema,
  createOrganisationSchema,
  declareSmeSchema,
  inviteMemberSchema,
  organisationIdSchema,
  removeMemberSchema,
  revokeInvitationSchema,
} from "./schemas";

export const organisationsRouter = createRouter({
  mine: procedure.meta({ access: access.listMine }).query(({ ctx }) => listMyOrganisations(ctx.db, ctx.actor)),
  all: procedure.meta({ access: access.listAll }).query(({ ctx }) => listAllOrganisations(ctx.db)),
  get: procedure.meta({ access: access.get }).input(organisationIdSchema).query(({ ctx, input }) => getOrganisation(ctx.db, ctx.actor, input.organisationId)),
  create: procedure
    .meta({ access: access.create })
    .input(createOrganisationSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => createOrganisation(tx, requireUser(ctx), input))),
  declareSme: procedure.meta({ access: access.declareSme }).input(declareSmeSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => declareSme(tx, ctx, input))),
  invite: procedure
    .meta({ access: access.invite })
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => inviteMember(tx, requireUser(ctx), input))),
  revokeInvitation: procedure
    .meta({ access: access.revokeInvitation })
    .input(revokeInvitationSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => revokeInvitation(tx, ctx, input.invitationId))),
  leave: procedure
    .meta({ access: access.leave })
    .input(organisationIdSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => leaveOrganisation(tx, requireUser(ctx), input.organisationId))),
  removeMember: procedure
    .meta({ access: access.removeMember })
    .input(removeMemberSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => removeMember(tx, ctx, input.membershipId))),
  previewInvitation: procedure
    .meta({ access: publicAccess("Whoever holds an invitation link may see whom it invites before signing in.") })
    .input(acceptInvitationSchema)
    .query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  acceptInvitation: procedure
    .meta({ access: access.acceptInvitation })
    .input(acceptInvitationSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => acceptInvitation(tx, requireUser(ctx), input.token))),
});
