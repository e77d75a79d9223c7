import { isSignedIn, type Actor } from "@/server/access/actor";
import { createContext } from "@/server/context";
import type { Db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { userFileHeaders } from "@/server/security/headers";

const noStore = { "cache-control": "private, no-store" };
const statusFor: Record<DomainError["code"], number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

const failure = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

/** A document for download: its bytes, its file name, and whether the browser shows it or saves it. */
export interface Download {
  /** The bytes (a PDF unless contentType says otherwise). */
  pdf: Uint8Array;
  filename: string;
  attachment?: boolean;
  contentType?: string;
  headers?: Record<string, string>;
  /** Uploaded by a person (a safety data sheet), so it may hold anything: always saved, never shown. */
  userFile?: boolean;
}

/** The HTTP response for a file; an uploaded file is sandboxed and forced to download. */
export function fileResponse(file: Download): Response {
  const attachment = file.attachment || file.userFile;
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      ...noStore,
      ...file.headers,
      "content-type": file.contentType ?? "application/pdf",
      "content-length": String(file.pdf.byteLength),
      "content-disposition": `${attachment ? "attachment" : "inline"}; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
      ...(file.userFile ? userFileHeaders : {}),
    },
  });
}

/**
 * Serves a document to a signed-in party. The operation decides who may have
 * it (a record they may not see is "not found", as on its page); its domain
 * errors become the matching HTTP status with the message as JSON.
 */
export async function downloadResponse(request: Request, make: (db: Db, actor: Actor) => Promise<Download>) {
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return failure(401, "Please sign in.");
  try {
    return fileResponse(await make(ctx.db, ctx.actor));
  } catch (error) {
    if (error instanceof DomainError) return failure(statusFor[error.code], error.message);
    throw error;
  }
}
