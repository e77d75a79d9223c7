import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "../_components/app-shell";
import { requireActor } from "../_lib/server-api";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-lodestone-path") ?? "/dashboard";
  const actor = await requireActor(path);
  return <AppShell actor={actor}>{children}</AppShell>;
}
