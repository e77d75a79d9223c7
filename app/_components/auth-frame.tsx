import Link from "next/link";
import type { ReactNode } from "react";

export function AuthFrame({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <Link href="/" className="mb-6 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span aria-hidden="true" className="inline-block h-6 w-6 rounded-sm bg-gradient-to-br from-brand-600 to-emerald-600" />
        Lodestone
      </Link>
      <main className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold text-slate-900">{title}</h1>
        {children}
      </main>
      {footer ? <p className="mt-4 text-sm text-slate-700">{footer}</p> : null}
    </div>
  );
}
