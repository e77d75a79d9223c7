import { formatFacilityDate } from "@/server/time";
import { clock } from "@/server/clock";

/** Days used against the route's decision target, as a bar with words (never colour alone). */
export function DecisionClock({ startedAt, dueAt, targetDays, timeZone, now = clock.now() }: { startedAt: Date; dueAt: Date; targetDays: number; timeZone: string; now?: Date }) {
  const elapsed = Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 86_400_000));
  const overdue = now > dueAt;
  const percent = Math.min(100, Math.round((elapsed / targetDays) * 100));
  return (
    <div className="space-y-2 text-sm">
      <p>
        Day {elapsed} of {targetDays} · decision due <strong>{formatFacilityDate(dueAt, timeZone)}</strong>
        {overdue ? <strong className="text-red-800"> — overdue</strong> : null}
      </p>
      <div role="progressbar" aria-label="Time used against the decision target" aria-valuemin={0} aria-valuemax={targetDays} aria-valuenow={Math.min(elapsed, targetDays)} className="h-2 w-full rounded-full bg-slate-200">
        <div className={overdue ? "h-2 rounded-full bg-red-700" : "h-2 rounded-full bg-brand-600"} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
