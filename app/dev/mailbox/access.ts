import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { peerHeader } from "@/server/auth/client-ip";
import { mayReadDevMailbox } from "@/server/mail/dev-mailbox";
import { currentActor } from "../../_lib/server-api";

/** Not found unless this request may read the dev mailbox (see mayReadDevMailbox). */
export async function requireDevMailboxReader(): Promise<void> {
  const request = await headers();
  if (!mayReadDevMailbox(await currentActor(), { peer: request.get(peerHeader), forwardedFor: request.get("x-forwarded-for") })) notFound();
}
