import { z } from "zod";
import { emailField } from "../auth/schemas";

export const organisationKinds = ["SME", "INDUSTRY", "ACADEMIC", "FACILITY", "FUNDER", "OPERATOR"] as const;
export const roles = ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN", "FUNDER", "PLATFORM_ADMIN"] as const;

/** An empty field is missing, not zero: a blank turnover must not make an organisation an SME. */
const blankIsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const wholeEuros = (label: string) =>
  z.preprocess(blankIsMissing, z.coerce
    .number({ error: `Enter the ${label} in euros.` })
    .int(`Enter the ${label} in whole euros.`)
    .min(0, `The ${label} cannot be negative.`)
    .max(1_000_000_000_000, `The ${label} looks too large; enter it in euros.`));

/** The form asks for euros; the database keeps cents. */
export const smeDeclarationSchema = z.object({
  staffHeadcount: z.preprocess(
    blankIsMissing,
    z.coerce.number({ error: "Enter the staff head-count." }).int("Enter a whole number of staff.").min(1, "An organisation has at least one member of staff.").max(10_000_000, "That head-count looks too large."),
  ),
  annualTurnoverEuros: wholeEuros("annual turnover"),
  balanceSheetTotalEuros: wholeEuros("balance sheet total"),
  referenceYear: z.coerce
    .number({ error: "Enter the year of the accounts." })
    .int()
    .min(2000, "Use the last closed accounting year.")
    .max(2100, "Use the last closed accounting year."),
});
export type SmeDeclarationInput = z.input<typeof smeDeclarationSchema>;

export const createOrganisationSchema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's registered name.").max(160, "Use at most 160 characters."),
  kind: z.enum(organisationKinds, { error: "Choose what kind of organisation this is." }),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose the country (two-letter ISO code such as GB or DE)."),
  description: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
  // https only: the address is shown to others as a link, so http (tampering) and javascript:/data: (script) are refused.
  website: z.union([z.literal(""), z.string().trim().pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "Enter a secure web address starting with https://, such as https://example.com." }))]).optional(),
  sme: smeDeclarationSchema.optional(),
});
export type CreateOrganisationInput = z.input<typeof createOrganisationSchema>;

export const organisationIdSchema = z.object({ organisationId: z.string().min(1) });

export const declareSmeSchema = smeDeclarationSchema.extend({ organisationId: z.string().min(1) });

export const inviteMemberSchema = z.object({
  organisationId: z.string().min(1),
  email: emailField,
  role: z.enum(roles, { error: "Choose a role." }),
});
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const removeMemberSchema = z.object({ membershipId: z.string().min(1) });
export const revokeInvitationSchema = z.object({ invitationId: z.string().min(1) });
export const acceptInvitationSchema = z.object({ token: z.string().min(20, "This invitation link is incomplete. Open the link from the email again.") });
