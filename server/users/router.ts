import { publicAccess } from "../access/rules";
import { signUpSchema } from "../auth/schemas";
import { createRouter, procedure } from "../trpc";
import { runMutation } from "../run";
import { signUp } from "./sign-up";

export const usersRouter = createRouter({
  signUp: procedure
    .meta({ access: publicAccess("Anyone may create an account; joining an organisation needs an invitation or an admin.") })
    .input(signUpSchema)
    .mutation(({ ctx, input }) => runMutation(ctx, (tx) => signUp(tx, ctx, input))),
});
