"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Input } from "../../../_components/form";
import { Button } from "../../../_components/ui";

const filters = [
  { name: "action", label: "Action starts with", placeholder: "invitation." },
  { name: "entityType", label: "Entity type", placeholder: "Organisation" },
  { name: "entityId", label: "Entity id", placeholder: "" },
  { name: "actorEmail", label: "Actor email contains", placeholder: "" },
  { name: "from", label: "From (UTC date)", type: "date" },
  { name: "to", label: "Before (UTC date)", type: "date" },
] as const;

/** Filters live in the URL so a filtered view can be shared. */
export function AuditFilters({ initial }: { initial: Record<string, string | undefined> }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(filters.map((f) => [f.name, initial[f.name] ?? ""])));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    router.push(`?${params}`);
  };
  return (
    <form onSubmit={apply} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-7" aria-label="Filter the audit log">
      {filters.map((f) => (
        <div key={f.name} className="space-y-1">
          <label htmlFor={`filter-${f.name}`} className="block text-xs font-medium text-slate-700">{f.label}</label>
          <Input id={`filter-${f.name}`} type={"type" in f ? f.type : "text"} placeholder={"placeholder" in f ? f.placeholder : undefined} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
        </div>
      ))}
      <div className="flex items-end gap-2">
        <Button type="submit">Filter</Button>
        <Button type="button" variant="ghost" onClick={() => { setValues(Object.fromEntries(filters.map((f) => [f.name, ""]))); router.push("?"); }}>Clear</Button>
      </div>
    </form>
  );
}
