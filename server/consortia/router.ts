import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { bookSession } from "./book-session";
import { cancelSession, decideSession } from "./decide-session";
import { grantBlock } from "./grant-block";
import { placeBlock } from "./place-block";
import { consortiaAccess as access } from "./policy";
import { facilityBlocks, myConsortia } from "./read-consortia";
import { bookSessionSchema, decideSessionSchema, grantBlockSchema, placeBlockSchema, sessionIdSchema, setSharesSchema } from "./schemas";
import { setShares } from "./set-shares";

/** Consortium blocks: granted by the facility, shared out by the lead, booked by members. */
export const consortiaRouter = createRouter({
  mine: procedure.meta({ access: access.mine }).query(({ ctx }) => myConsortia(ctx.db, ctx.actor)),
  forFacility: procedure.meta({ access: access.forFacility }).query(({ ctx }) => facilityBlocks(ctx.db, ctx.actor)),
  grantBlock: procedure.meta({ access: access.grantBlock }).input(grantBlockSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => grantBlock(tx, ctx, input))),
  placeBlock: procedure.meta({ access: access.placeBlock }).input(placeBlockSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => placeBlock(tx, ctx, input))),
  setShares: procedure.meta({ access: access.setShares }).input(setSharesSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => setShares(tx, ctx, input))),
  bookSession: procedure.meta({ access: access.bookSession }).input(bookSessionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => bookSession(tx, ctx, input))),
  decideSession: procedure.meta({ access: access.decideSession }).input(decideSessionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => decideSession(tx, ctx, input))),
  cancelSession: procedure.meta({ access: access.cancelSession }).input(sessionIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => cancelSession(tx, ctx, input.sessionId))),
});
