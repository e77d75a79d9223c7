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
export async function requireActor(returnTo: string): Promise<SignedInActor> {
  const actor = await currentActor();
  if (!isSignedIn(actor)) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
