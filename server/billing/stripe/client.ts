import Stripe from "stripe";

/**
 * The Stripe SDK when STRIPE_SECRET_KEY is set, otherwise null (invoices are
 * then paid by bank transfer). STRIPE_API_BASE points the SDK at another
 * server: the tests' local recorder, or stripe-mock.
 */
export const stripeConfigured = (env: NodeJS.ProcessEnv = process.env) => Boolean(env.STRIPE_SECRET_KEY);

export function stripeFromEnv(env: NodeJS.ProcessEnv = process.env): Stripe | null {
  const key = env.STRIPE_SECRET_KEY;
  if (!key) return null;
  return stripeClient(key, env.STRIPE_API_BASE);
}

export function stripeClient(key: string, apiBase?: string): Stripe {
  const config: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000 };
  if (apiBase) {
    const url = new URL(apiBase);
    Object.assign(config, { host: url.hostname, port: url.port || (url.protocol === "https:" ? 443 : 80), protocol: url.protocol.replace(":", "") });
  }
  return new Stripe(key, config);
}

/** Verifies a webhook's signature with STRIPE_WEBHOOK_SECRET; throws on a forged or stale one. */
export function verifiedEvent(payload: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new Error("The Stripe-Signature header is missing");
  // Verification needs no API key; any client can check signatures.
  return Stripe.webhooks.constructEvent(payload, signature, secret);
}
