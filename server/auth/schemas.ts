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
});

export const newPasswordField = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const signUpSchema = z.object({
  name: z.string().trim().min(2, "Enter your full name.").max(120, "Use at most 120 characters."),
  email: emailField,
  password: newPasswordField,
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const magicLinkSchema = z.object({ email: emailField });
