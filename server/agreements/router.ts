import { z } from "zod";
import { nudgeSealing } from "../jobs/boss";
import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { agreementAccess as access } from "./policy";
import { getAgreement } from "./read-agreements";
import { remindSignatories } from "./remind-signatories";
import { agreementIdSchema, declineAgreementSchema, sendAgreementSchema, sendBlockAgreementSchema, signAgreementSchema, templateVersionSchema } from "./schemas";
import { sendAgreement } from "./send-agreement";
import { sendBlockAgreement } from "./send-block-agreement";
import { declineAgreement, signAgreement } from "./sign-agreement";
import { listTemplates } from "./templates/list-templates";
import { saveTemplateVersion } from "./templates/save-template-version";

export const agreementsRouter = createRouter({
  get: procedure.meta({ access: access.get }).input(z.object({ agreementId: z.string().min(1) })).query(({ ctx, input }) => getAgreement(ctx.db, ctx.actor, input.agreementId)),
  send: procedure.meta({ access: access.send }).input(sendAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => sendAgreement(tx, ctx, input.requestId))),
  sendForBlock: procedure.meta({ access: access.sendForBlock }).input(sendBlockAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => sendBlockAgreement(tx, ctx, input.blockId))),
  sign: procedure.meta({ access: access.sign }).input(signAgreementSchema).mutation(async ({ ctx, input }) => {
    const result = await runMutation(ctx, (tx) => signAgreement(tx, ctx, input));
    if (result.state === "SIGNED") await nudgeSealing();
    return result;
  }),
  decline: procedure.meta({ access: access.decline }).input(declineAgreementSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => declineAgreement(tx, ctx, input))),
  remind: procedure.meta({ access: access.remind }).input(agreementIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => remindSignatories(tx, ctx, input.agreementId))),
  templates: procedure.meta({ access: access.templates }).query(({ ctx }) => listTemplates(ctx.db, ctx.actor)),
  saveTemplateVersion: procedure.meta({ access: access.saveTemplateVersion }).input(templateVersionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveTemplateVersion(tx, ctx, input))),
});
