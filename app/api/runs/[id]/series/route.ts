import { isSignedIn } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { DomainError, fromDatabaseError } from "@/server/errors";
import { importSeries, SeriesFileError } from "@/server/runs/import-series";
import type { ColumnMapping } from "@/server/runs/series-csv";
import { readSeries } from "@/server/runs/read-series";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "private, no-store" };
const statusFor: Record<DomainError["code"], number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };
const failure = (status: number, error: string, extra: Record<string, unknown> = {}) => Response.json({ error, ...extra }, { status, headers: noStore });

function refusal(error: unknown): Response {
  if (error instanceof SeriesFileError) return failure(400, error.message, { errors: error.errors.map(({ line, column, message, suggestion }) => ({ line, column, message, ...(suggestion ? { suggestion } : {}) })), truncated: error.truncated });
  const domain = fromDatabaseError(error);
  if (domain) return failure(statusFor[domain.code], domain.message, domain.fieldErrors ? { fieldErrors: domain.fieldErrors } : {});
  throw error;
}

/**
 * GET /api/runs/:id/series?maxPoints=2000&from=ISO&to=ISO: the run's series down-sampled for a
 * chart and its scans as markers (readSeries), for the run's team and the facility's staff. A
 * run the caller may not see is 404, as if it did not exist.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return failure(401, "Please sign in.");
  const query = new URL(request.url).searchParams;
  const seriesIds = query.getAll("seriesId");
  try {
    const body = await readSeries(ctx.db, ctx.actor, {
      runId: id,
      ...(seriesIds.length ? { seriesIds } : {}),
      ...(query.get("from") ? { from: query.get("from")! } : {}),
      ...(query.get("to") ? { to: query.get("to")! } : {}),
      ...(query.get("maxPoints") ? { maxPoints: query.get("maxPoints")! } : {}),
    });
    return Response.json(body, { headers: noStore });
  } catch (error) {
    return refusal(error);
  }
}

/**
 * POST /api/runs/:id/series: facility staff import an instrument's CSV export into the run.
 *
 * The body is multipart/form-data (a browser form, or `curl -F`):
 * - `file`: the CSV export (UTF-8; at most 48 MB, see server/security/body-limits.ts);
 * - `instrument`: the instrument's name, under which its mapping is remembered at the facility;
 * - `mapping` (optional): the column mapping as JSON (ColumnMapping in server/runs/series-mapping.ts);
 *   without it, the mapping remembered for the instrument is used.
 *
 * 201 `{ importId, rowCount, series: [{ id, key, kind, unit, method, referenceElectrode, pointCount, startsAt, endsAt }] }`;
 * a file that does not parse is 400 `{ error, errors: [{ line, column, message }], truncated }`
 * (line null: about the mapping) and nothing is imported; the same file twice is 409.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!fromThisSite(request)) return failure(403, "Upload the file from the portal's own page.");
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return failure(401, "Please sign in.");
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return failure(415, "Send the file as multipart/form-data with the fields file, instrument and (optionally) mapping.");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return failure(400, "The upload could not be read as multipart/form-data.");
  }
  const file = form.get("file");
  const instrument = form.get("instrument");
  const mappingField = form.get("mapping");
  if (!(file instanceof Blob)) return failure(400, "Choose the CSV file (field “file”).", { fieldErrors: { file: "Choose the CSV file." } });
  if (typeof instrument !== "string") return failure(400, "Name the instrument (field “instrument”).", { fieldErrors: { instrument: "Name the instrument." } });
  let mapping: unknown = undefined;
  if (typeof mappingField === "string" && mappingField.trim()) {
    try {
      mapping = JSON.parse(mappingField);
    } catch {
      return failure(400, "The mapping is not valid JSON.", { fieldErrors: { mapping: "The mapping is not valid JSON." } });
    }
  }
  try {
    const imported = await importSeries(ctx, {
      runId: id,
      instrument,
      fileName: file instanceof File && file.name ? file.name : "upload.csv",
      text: await file.text(),
      ...(mapping === undefined ? {} : { mapping: mapping as ColumnMapping }),
    });
    return Response.json(imported, { status: 201, headers: noStore });
  } catch (error) {
    return refusal(error);
  }
}

/** A browser sends Sec-Fetch-Site or Origin with every post: another site's form is refused (scripts and curl send neither). */
function fromThisSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
