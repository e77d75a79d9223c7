import type { Role } from "../generated/prisma/enums";
import { hasRole, isSignedIn, type Actor } from "./actor";

/**
 * The first gate of every tRPC procedure: which kinds of caller may call it at
 * all. Finer checks on the particular record (is this your organisation's
 * request?) live in each capability's policy.ts and run inside the operation.
 */
export type AccessRule =
  | { kind: "public"; reason: string }
  | { kind: "signedIn" }
  | { kind: "roles"; roles: readonly Role[] };

/** Anyone, signed in or not; the reason is required so public surface is deliberate. */
export const publicAccess = (reason: string): AccessRule => ({ kind: "public", reason });
export const signedInAccess: AccessRule = { kind: "signedIn" };
export const rolesAccess = (...roles: Role[]): AccessRule => ({ kind: "roles", roles });

export type AccessDecision = "allowed" | "unauthenticated" | "forbidden";

export function decide(rule: AccessRule, actor: Actor): AccessDecision {
  if (rule.kind === "public") return "allowed";
  if (!isSignedIn(actor)) return "unauthenticated";
  if (rule.kind === "signedIn") return "allowed";
  return hasRole(actor, ...rule.roles) ? "allowed" : "forbidden";
}
