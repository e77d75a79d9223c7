import type { ReactNode } from "react";
import { AppShell } from "../_components/app-shell";
import { requireActor } from "../_lib/server-api";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  return <AppShell actor={await requireActor()}>{children}</AppShell>;
}
