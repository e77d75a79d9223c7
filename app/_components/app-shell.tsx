import Link from "next/link";
import type { ReactNode } from "react";
import type { SignedInActor } from "@/server/access/actor";
import { roleLabels } from "@/server/organisations/roles";
import { devMailboxEnabled, navigationFor } from "../_lib/navigation";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ actor, panelSeat, children }: { actor: SignedInActor; panelSeat: boolean; children: ReactNode }) {
  const roles = [...new Set(actor.memberships.map((m) => roleLabels[m.role]))];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/dashboard" className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <span aria-hidden="true" className="inline-block h-5 w-5 rounded-sm bg-gradient-to-br from-brand-600 to-emerald-600" />
            Lodestone
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={navigationFor(actor, { panelSeat })} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <div className="text-right leading-tight">
              <p className="font-medium text-slate-900">{actor.name}</p>
              <p className="text-xs text-slate-600">{roles.length ? roles.join(" · ") : "No organisation yet"}</p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
      <footer className="mx-auto max-w-7xl px-4 pb-8 text-xs text-slate-600 sm:px-6">
        Times are shown in each facility&apos;s time zone.
        {devMailboxEnabled() ? (
          <>
            {" "}· <Link className="underline" href="/dev/mailbox">Dev mailbox</Link>
          </>
        ) : null}
      </footer>
    </div>
  );
}
