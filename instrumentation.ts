/**
 * Runs once when the Next server starts: the background workers (mail outbox
 * delivery, later the pipelines) live in the same process unless
 * LODESTONE_WORKERS=off, in which case `npm run worker` runs them separately.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before anything else: the client IP (rate limits, signature evidence) is read from the stamped socket peer.
  const { stampSocketPeers } = await import("./server/auth/stamp-socket-peers");
  stampSocketPeers();
  const { trustedProxyHops } = await import("./server/auth/client-ip");
  trustedProxyHops(); // a malformed TRUST_PROXY_HOPS stops the server at start, not at the first sign-in
  const { assertMailProviderConfigured } = await import("./server/mail/dev-mailbox");
  assertMailProviderConfigured(); // production without RESEND_API_KEY stops here, unless LODESTONE_DEV_MAILBOX=1 says so on purpose
  const { startJobs } = await import("./server/jobs/boss");
  await startJobs({ workers: process.env.LODESTONE_WORKERS !== "off" }).catch((error) => {
    console.error("[jobs] pg-boss could not start; /api/health reports jobs down", error);
  });
}
