"use client";

import { useRouter } from "next/navigation";
import { addDays } from "@/server/scheduling/shifts";
import { Button } from "../../_components/ui";
import { kindStyles, type KindKey } from "./kinds";

/** Facility, cycle, window and kind filters; all live in the URL so a view can be shared. */
export function CalendarControls(props: { facilities: { id: string; name: string }[]; facilityId: string; cycles: { id: string; name: string }[]; cycleId: string | null; from: string; days: number; kinds: string }) {
  const router = useRouter();
  const kinds = new Set(props.kinds ? props.kinds.split(",") : Object.keys(kindStyles));
  const go = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ facility: props.facilityId, from: props.from, days: String(props.days), ...(props.kinds ? { kinds: props.kinds } : {}) });
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") params.delete(k);
      else params.set(k, v);
    }
    router.push(`/calendar?${params}`);
  };
  const toggle = (kind: KindKey) => {
    const next = new Set(kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    go({ kinds: next.size === Object.keys(kindStyles).length ? undefined : [...next].join(",") || "NONE" });
  };
  return (
    <div className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      {props.facilities.length > 1 ? (
        <label className="flex flex-col gap-1 font-medium">Facility
          <select className="rounded-md border border-slate-300 px-2 py-1.5 font-normal" value={props.facilityId} onChange={(e) => go({ facility: e.target.value, from: undefined, cycle: undefined })}>
            {props.facilities.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-1 font-medium">Cycle
        <select className="rounded-md border border-slate-300 px-2 py-1.5 font-normal" value={props.cycleId ?? ""} onChange={(e) => go({ cycle: e.target.value, from: undefined })}>
          {props.cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="flex flex-col gap-1 font-medium">From
        <input type="date" className="rounded-md border border-slate-300 px-2 py-1 font-normal" value={props.from} onChange={(e) => go({ from: e.target.value })} />
      </label>
      <div className="flex gap-1">
        <Button type="button" variant="secondary" onClick={() => go({ from: addDays(props.from, -props.days) })}>← Earlier</Button>
        <Button type="button" variant="secondary" onClick={() => go({ from: addDays(props.from, props.days) })}>Later →</Button>
      </div>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="mb-1 font-medium">Show</legend>
        {(Object.keys(kindStyles) as KindKey[]).map((kind) => (
          <label key={kind} className={`flex items-center gap-1 rounded border px-2 py-1 ${kindStyles[kind].className} ${kindStyles[kind].pattern}`}>
            <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
            {kindStyles[kind].label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
