import { TRPCError } from "@trpc/server";
import { Prisma } from "./generated/prisma/client";

/**
 * Errors a business operation raises on purpose. Each carries a message meant
 * for the person in front of the screen and, where it concerns one field, that
 * field's name so the form can show it beside the input.
 */
export class DomainError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHORIZED" | "TOO_MANY_REQUESTS",
    message: string,
    readonly field?: string,
    /** Several fields at once (a whole form refused), path -> message. */
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalid = (message: string, field?: string) => new DomainError("BAD_REQUEST", message, field);

/** A whole form refused: every field's message, and the first one as the summary. */
export function invalidFields(fieldErrors: Record<string, string>): DomainError {
  const count = Object.keys(fieldErrors).length;
  const first = Object.values(fieldErrors)[0] ?? "Some answers need attention.";
  return new DomainError("BAD_REQUEST", count > 1 ? `${count} answers need attention. ${first}` : first, undefined, fieldErrors);
}
export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string, field?: string) => new DomainError("CONFLICT", message, field);
export const forbidden = (message = "You do not have permission to do this.") => new DomainError("FORBIDDEN", message);

/** Translates what PostgreSQL refused into the domain's words. */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") {
      const target = (error.meta?.target as string[] | undefined)?.join(", ");
      return conflict(target ? `Another record already uses this ${target}.` : "This record already exists.");
    }
    if (error.code === "P2025") return notFound("The record");
    if (error.message.includes("23P01")) return conflict("That time overlaps something already on the calendar.");
    if (error.message.includes("23514") || error.message.includes("violates check constraint")) return conflict("That change would break a rule the database keeps, so nothing was changed. Reload and try again.");
  }
  return undefined;
}

export function toTRPCError(error: unknown): TRPCError | undefined {
  const domain = fromDatabaseError(error);
  if (!domain) return undefined;
  return new TRPCError({ code: domain.code, message: domain.message, cause: domain });
}
