import { db } from "@/server/db";
import { checkHealth } from "@/server/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(db);
  const healthy = report.db === "ok" && report.jobs === "ok";
  return Response.json(report, { status: healthy ? 200 : 503, headers: { "cache-control": "no-store" } });
}
