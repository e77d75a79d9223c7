import { db } from "@/server/db";
import { feedCalendar } from "@/server/scheduling/calendar-feed";

export const dynamic = "force-dynamic";

/** A user's secret calendar feed: /api/ical/<token>.ics. The token is the credential; the database holds only its SHA-256. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token.replace(/\.ics$/, "");
  const calendar = await feedCalendar(db, token);
  if (!calendar) return new Response("This calendar address is not valid (it may have been replaced). Copy the current one from your bookings page.", { status: 404 });
  return new Response(calendar, { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store", "content-disposition": 'inline; filename="lodestone.ics"' } });
}
