/** The variables every template may use; filled from the request (or block), the route and the parties. Pure, so forms share it. */
export const agreementVariables = ["parties", "applicant", "facility", "reference", "title", "endstations", "shifts", "embargoPeriod", "licence", "price", "date"] as const;
export type AgreementVariable = (typeof agreementVariables)[number];
export type AgreementValues = Record<AgreementVariable, string>;

export const placeholder = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Placeholders a template uses that are not known variables (refused when a template is saved). */
export function unknownVariables(body: string): string[] {
  return [...new Set([...body.matchAll(placeholder)].map((m) => m[1]!).filter((name) => !(agreementVariables as readonly string[]).includes(name)))];
}
