import { hasRole, type Actor } from "../access/actor";
import { normaliseAddress } from "../auth/client-ip";

type Env = Record<string, string | undefined>;

/** Mail is kept in the dev mailbox (no Resend key), and the mailbox may be served: outside production, or production told so explicitly. */
export function devMailboxEnabled(env: Env = process.env): boolean {
  return !env.RESEND_API_KEY && (env.NODE_ENV !== "production" || env.LODESTONE_DEV_MAILBOX === "1");
}

const isLoopback = (address: string | null) => address !== null && (address === "::1" || address.startsWith("127."));

/**
 * Who may read /dev/mailbox (it holds everyone's sign-in links): a platform admin, or anyone
 * on a loopback demo, meaning the request came over a loopback socket and every address in
 * X-Forwarded-For is loopback too (Next fills it with the peer when the client sent none; a
 * reverse proxy on the same machine writes the real client's address there, which is refused).
 */
export function mayReadDevMailbox(
  actor: Actor,
  request: { peer: string | null | undefined; forwardedFor: string | null | undefined },
  env: Env = process.env,
): boolean {
  if (!devMailboxEnabled(env)) return false;
  if (hasRole(actor, "PLATFORM_ADMIN")) return true;
  const forwarded = (request.forwardedFor ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  return isLoopback(normaliseAddress(request.peer)) && forwarded.every((e) => isLoopback(normaliseAddress(e)));
}

/**
 * Called once at start: a production server without a mail provider would keep every sign-in
 * link in a database table nobody reads, so it refuses to start unless told to on purpose.
 */
export function assertMailProviderConfigured(env: Env = process.env): void {
  if (env.NODE_ENV !== "production" || env.RESEND_API_KEY || env.LODESTONE_DEV_MAILBOX === "1") return;
  throw new Error(
    "No mail provider: set RESEND_API_KEY (and MAIL_FROM) so Lodestone can send sign-in links and notifications. " +
      "To keep mail in the dev mailbox instead (a local demo, never a real deployment), set LODESTONE_DEV_MAILBOX=1.",
  );
}
