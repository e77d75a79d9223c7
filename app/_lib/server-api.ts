import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isSignedIn, type SignedInActor } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { createCaller } from "@/server/root";

/** The tRPC context for this request, built once per render. */
export const requestContext = cache(async () => createContext(await headers()));

/** Server components read through the same procedures (and access rules) as the browser. */
export async function serverApi() {
  return createCaller(await requestContext());
}

export async function currentActor() {
  return (await requestContext()).actor;
}

/** For pages behind sign-in: sends anonymous visitors to /signin and back afterwards. */
export async function requireActor(): Promise<SignedInActor> {
  const actor = await currentActor();
  if (!isSignedIn(actor)) {
    const returnTo = (await headers()).get("x-lodestone-path") ?? "/dashboard";
    redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  return actor;
}

/**
 * The caller for pages behind sign-in. Layouts and pages render concurrently,
 * so each page checks the session itself rather than trusting its layout.
 */
export async function portalApi() {
  await requireActor();
  return serverApi();
}
