import { getServerSession } from "next-auth";
import type { RequestContext } from "./access/actor";
import { authOptions } from "./auth/options";
import { loadActor } from "./auth/load-actor";
import { db } from "./db";
import type { TrpcContext } from "./trpc";

export function requestMeta(headers: Headers): Pick<RequestContext, "ip" | "userAgent"> {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || headers.get("x-real-ip") || null, userAgent: headers.get("user-agent") };
}

/** Builds the tRPC context from the next-auth session (route handler and server components alike). */
export async function createContext(headers: Headers): Promise<TrpcContext> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return { db, actor: await loadActor(db, userId), ...requestMeta(headers) };
}
