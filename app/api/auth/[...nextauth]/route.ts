import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/server/auth/client-ip";
import { authOptionsFor } from "@/server/auth/options";

/** Options per request, so sign-in link limits and sign-in audit rows know the client's address. */
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request, context, authOptionsFor({ ip: clientIpFromHeaders(request.headers), userAgent: request.headers.get("user-agent") }));
}

export { handler as GET, handler as POST };
