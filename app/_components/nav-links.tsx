"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "../_lib/navigation";

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={clsx("rounded-md px-3 py-1.5 text-sm font-medium", current ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100")}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
