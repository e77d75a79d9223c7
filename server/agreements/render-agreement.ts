import { createHash } from "node:crypto";
import { placeholder, unknownVariables, type AgreementValues, type AgreementVariable } from "./template-variables";

export { agreementVariables, unknownVariables, type AgreementValues, type AgreementVariable } from "./template-variables";

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
