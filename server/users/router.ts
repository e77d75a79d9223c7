import { publicAccess } from "../access/rules";
import { enforceThrottle, throttles } from "../auth/throttle";
import { confirmationRequestSchema, signUpSchema } from "../auth/schemas";
import { inTransaction } from "../db";
import { createRouter, procedure } from "../trpc";
import { runMutation } from "../run";
import { resendConfirmationLink } from "./email-confirmation";
import { signUp } from "./sign-up";

export const usersRouter = createRouter({
  signUp: procedure
    .meta({ access: publicAccess("Anyone may create an account; joining an organisation needs an invitation or an admin.") })
    .input(signUpSchema)
    .mutation(async ({ ctx, input }) => {
      // Counted in its own transaction, so refused attempts (an address already taken) count too: probing is limited as well as mail.
      await inTransaction((tx) => enforceThrottle(tx, throttles.signUp, { address: input.email, ip: ctx.ip }), ctx.db);
      return runMutation(ctx, (tx) => signUp(tx, ctx, input));
    }),
  resendConfirmation: procedure
    .meta({ access: publicAccess("Someone who cannot sign in yet asks for the link that confirms their address; it answers the same whether or not the account exists.") })
    .input(confirmationRequestSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => resendConfirmationLink(tx, ctx, input.email))),
});
