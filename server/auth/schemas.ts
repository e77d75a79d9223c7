import { z } from "zod";

export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .email("Enter an email address like name@company.com.")
  .transform((e) => e.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password."),
  /** From the link in the confirmation email: with the right password, confirms the address. */
  confirmationToken: z.string().max(200).optional(),
});

export const newPasswordField = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const signUpSchema = z.object({
  name: z.string().trim().min(2, "Enter your full name.").max(120, "Use at most 120 characters."),
  email: emailField,
  password: newPasswordField,
  /** From the invitation link the person followed to the form: proves the address, so no confirmation email is needed. */
  invitationToken: z.string().max(200).optional(),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const magicLinkSchema = z.object({ email: emailField });

export const confirmationRequestSchema = z.object({ email: emailField });
