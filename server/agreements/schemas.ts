import { z } from "zod";

export const sendAgreementSchema = z.object({ requestId: z.string().min(1) });

export const signAgreementSchema = z.object({
  agreementId: z.string().min(1),
  organisationId: z.string().min(1, "Choose the organisation you sign for."),
  typedName: z.string().trim().min(2, "Type your full name to sign."),
  /** The hash of the text the signer was shown; refused if the agreement has changed since. */
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, "The document you saw could not be identified; reload it."),
  confirm: z.literal(true, { error: "Confirm that you have read the agreement and may sign for the organisation." }),
});

export const declineAgreementSchema = z.object({
  agreementId: z.string().min(1),
  organisationId: z.string().min(1),
  reason: z.string().trim().min(10, "Say why, so the other parties can respond (at least 10 characters).").max(2000),
});
