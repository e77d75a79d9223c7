import type { Actor } from "@/server/access/actor";
import type { Db } from "@/server/db";
import { userFileHeaders } from "@/server/security/headers";
import { noStore, signedInRoute } from "./responses";

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
export function downloadResponse(request: Request, make: (db: Db, actor: Actor) => Promise<Download>) {
  return signedInRoute(request, async (db, actor) => fileResponse(await make(db, actor)));
}
