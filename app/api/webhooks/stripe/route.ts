import { applyStripeEvent } from "@/server/billing/stripe/apply-event";
import { verifiedEvent } from "@/server/billing/stripe/client";
import { getDb } from "@/server/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/stripe: verifies the signature against the raw body,
 * then applies the event once (duplicates answer 200 so Stripe stops
 * retrying). A forged or stale signature gets 400 and changes nothing.
 */
export async function POST(request: Request) {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: "Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)." }, { status: 503 });
  const payload = await request.text();
  let event;
  try {
    event = verifiedEvent(payload, request.headers.get("stripe-signature"), secret);
  } catch (error) {
    return Response.json({ error: `Signature check failed: ${error instanceof Error ? error.message : "invalid"}` }, { status: 400 });
  }
  const outcome = await applyStripeEvent(getDb(), event);
  return Response.json({ received: true, outcome });
}
