import { getServerSession } from "next-auth";
import type { RequestContext } from "./access/actor";
import { clientIpFromHeaders } from "./auth/client-ip";
import { authOptions } from "./auth/options";
import { loadActor } from "./auth/load-actor";
import { db } from "./db";
import type { TrpcContext } from "./trpc";

/** The client's address counts only trusted proxy hops (TRUST_PROXY_HOPS): rate limits and signature evidence rely on it. */
export function requestMeta(headers: Headers): Pick<RequestContext, "ip" | "userAgent"> {
  return { ip: clientIpFromHeaders(headers), userAgent: headers.get("user-agent") };
}

/** Builds the tRPC context from the next-auth session (route handler and server components alike). */
export async function createContext(headers: Headers): Promise<TrpcContext> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return { db, actor: await loadActor(db, userId), ...requestMeta(headers) };
}
