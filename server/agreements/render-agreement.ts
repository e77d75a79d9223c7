import { createHash } from "node:crypto";

/** The variables every template may use; filled from the request, the route and the parties. */
export const agreementVariables = ["parties", "applicant", "facility", "reference", "title", "endstations", "shifts", "embargoPeriod", "licence", "price", "date"] as const;
export type AgreementVariable = (typeof agreementVariables)[number];
export type AgreementValues = Record<AgreementVariable, string>;

const placeholder = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Placeholders a template body uses that are not known variables (refused when a template is saved). */
export function unknownVariables(body: string): string[] {
  return [...new Set([...body.matchAll(placeholder)].map((m) => m[1]!).filter((name) => !(agreementVariables as readonly string[]).includes(name)))];
}

/**
 * Fills the template and appends the custody clause. The result is the exact
 * text the parties sign: line endings are normalised so the hash does not
 * depend on the platform that produced it.
 */
export function renderAgreement(template: { title: string; body: string; custodyClause: string }, values: AgreementValues): string {
  const unknown = unknownVariables(template.body + template.custodyClause);
  if (unknown.length) throw new Error(`The template uses unknown variables: ${unknown.join(", ")}.`);
  const fill = (text: string) => text.replace(placeholder, (_, name: AgreementVariable) => values[name]);
  return [template.title, "", fill(template.body).trim(), "", "Sample transfer and custody", "", fill(template.custodyClause).trim(), ""].join("\n").replace(/\r\n?/g, "\n");
}

/** SHA-256 of the text as UTF-8, hex: what signatures are bound to. */
export function documentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The agreement's state from its signatories: any refusal declines it; all signatures complete it. */
export function agreementStateFrom(signatories: { state: "PENDING" | "SIGNED" | "DECLINED" }[]): "AWAITING_SIGNATURES" | "SIGNED" | "DECLINED" {
  if (signatories.some((s) => s.state === "DECLINED")) return "DECLINED";
  if (signatories.length > 0 && signatories.every((s) => s.state === "SIGNED")) return "SIGNED";
  return "AWAITING_SIGNATURES";
}
