import { z } from "zod";
import { agreementVariables, unknownVariables } from "./template-variables";

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

export const agreementKinds = ["PROPRIETARY_INDUSTRIAL", "SME_INDUSTRIAL", "NON_PROPRIETARY", "CONSORTIUM"] as const;
export const dataAccessTiers = ["PUBLIC", "CONSORTIUM", "FACILITY_AND_FUNDER", "PROPRIETARY"] as const;

type AgreementKindName = (typeof agreementKinds)[number];
type DataAccessTierName = (typeof dataAccessTiers)[number];

/**
 * The data-access tiers each kind of agreement may promise (the database holds
 * the same rule, agreement_template_tier_fits_kind): a proprietary industrial
 * agreement never publishes, an SME's data stay with the SME and the funder
 * that subsidised it, non-proprietary access must publish, and a consortium
 * keeps data among its members or publishes them.
 */
export const tiersAllowedFor: Record<AgreementKindName, readonly DataAccessTierName[]> = {
  PROPRIETARY_INDUSTRIAL: ["PROPRIETARY"],
  SME_INDUSTRIAL: ["PROPRIETARY", "FACILITY_AND_FUNDER"],
  NON_PROPRIETARY: ["PUBLIC"],
  CONSORTIUM: ["CONSORTIUM", "PUBLIC"],
};

/** Why a tier is refused for a kind, said beside the field. */
const tierRules: Record<AgreementKindName, string> = {
  PROPRIETARY_INDUSTRIAL: "A proprietary industrial agreement keeps the data the user's alone: choose Proprietary.",
  SME_INDUSTRIAL: "An SME industrial agreement keeps the data with the SME and the funder that subsidised it: choose Proprietary or Facility and funder.",
  NON_PROPRIETARY: "Non-proprietary access must publish its data: choose Public after the embargo.",
  CONSORTIUM: "A consortium agreement keeps the data among its members or publishes them: choose Consortium members or Public after the embargo.",
};

export const tierLabels: Record<DataAccessTierName, string> = {
  PROPRIETARY: "Proprietary: the user's alone",
  CONSORTIUM: "Consortium members",
  FACILITY_AND_FUNDER: "Facility and funder",
  PUBLIC: "Public after the embargo",
};

export const sendBlockAgreementSchema = z.object({ blockId: z.string().min(1) });
export const agreementIdSchema = z.object({ agreementId: z.string().min(1) });

/** A new version of a template; the text of a saved version never changes. */
export const templateVersionSchema = z
  .object({
    kind: z.enum(agreementKinds, { error: "Choose which kind of agreement this template is for." }),
    /** The facility that keeps the template, or null for the platform-wide one. */
    facilityId: z.string().min(1).nullable(),
    /** The version the editor started from: saving fails if someone saved a newer one meanwhile. */
    basedOnVersion: z.number().int().min(0),
    title: z.string().trim().min(5, "Give the agreement a title of at least 5 characters.").max(200, "Keep the title under 200 characters."),
    body: z.string().trim().min(80, "The terms must be at least 80 characters long.").max(40_000, "The terms are too long (40,000 characters at most)."),
    custodyClause: z.string().trim().min(40, "The sample transfer and custody clause must be at least 40 characters long.").max(10_000, "The custody clause is too long (10,000 characters at most)."),
    dataAccessTier: z.enum(dataAccessTiers, { error: "Choose who may see the data." }),
    embargoMonths: z.number({ error: "The embargo is a whole number of months." }).int("The embargo is a whole number of months.").min(1, "An embargo is at least 1 month.").max(120, "An embargo is at most 120 months (10 years).").nullable(),
    licence: z.string().trim().min(2, "Name the licence, e.g. CC-BY-4.0.").max(100).nullable(),
    changeNote: z.string().trim().min(5, "Say what changed in this version (at least 5 characters).").max(500),
  })
  .superRefine((t, issue) => {
    for (const field of ["body", "custodyClause"] as const) {
      const unknown = unknownVariables(t[field]);
      if (unknown.length) issue.addIssue({ code: "custom", path: [field], message: `Unknown variable${unknown.length > 1 ? "s" : ""} ${unknown.map((v) => `{{${v}}}`).join(", ")}. Use only: ${agreementVariables.map((v) => `{{${v}}}`).join(", ")}.` });
    }
    if (!tiersAllowedFor[t.kind].includes(t.dataAccessTier)) {
      issue.addIssue({ code: "custom", path: ["dataAccessTier"], message: tierRules[t.kind] });
    }
    if (t.dataAccessTier === "PUBLIC" && (t.embargoMonths === null || t.licence === null)) {
      if (t.embargoMonths === null) issue.addIssue({ code: "custom", path: ["embargoMonths"], message: "Public data need an embargo period before they are published." });
      if (t.licence === null) issue.addIssue({ code: "custom", path: ["licence"], message: "Public data need the licence they are published under." });
    }
    if (t.dataAccessTier !== "PUBLIC" && t.licence !== null) issue.addIssue({ code: "custom", path: ["licence"], message: "Only public data carry a licence; leave it empty for this tier." });
  });
export type TemplateVersionInput = z.input<typeof templateVersionSchema>;
