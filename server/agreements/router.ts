import { z } from "zod";
import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { agreementAccess as access } from "./policy";
import { getAgreement } from "./read-agreements";
import { declineAgreementSchema, sendAgreementSchema, signAgreementSchema } from "./schemas";
import { sendAgreement } from "./send-agreement";
import { declineAgreement, signAgreement } from "./sign-agreement";

export const agreementsRouter = createRouter({
  get: procedure.meta({ access: access.get }).input(z.object({ agreementId: z.string().min(1) })).query(({ ctx, input }) => getAgreement(ctx.db, ctx.actor, input.agreementId)),
  send: procedure.meta({ access: access.send }).input(sendAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => sendAgreement(tx, ctx, input.requestId))),
  sign: procedure.meta({ access: access.sign }).input(signAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => signAgreement(tx, ctx, input))),
  decline: procedure.meta({ access: access.decline }).input(declineAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => declineAgreement(tx, ctx, input))),
});
