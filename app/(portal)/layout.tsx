import type { ReactNode } from "react";
import { db } from "@/server/db";
import { AppShell } from "../_components/app-shell";
import { requireActor } from "../_lib/server-api";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const panelSeat = (await db.panelMember.count({ where: { userId: actor.userId } })) > 0;
  return <AppShell actor={actor} panelSeat={panelSeat}>{children}</AppShell>;
}
