import type { Metadata } from "next";
import Link from "next/link";
import { listAuditSchema } from "@/server/audit/schemas";
import { Card, EmptyState, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { canAdminister } from "../can-administer";
import { AuditFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

type Search = { action?: string; entityType?: string; entityId?: string; actorEmail?: string; from?: string; to?: string; cursor?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!(await canAdminister())) return null;
  const search = await searchParams;
  const parsed = listAuditSchema.safeParse({
    action: search.action || undefined,
    entityType: search.entityType || undefined,
    entityId: search.entityId || undefined,
    actorEmail: search.actorEmail || undefined,
    from: search.from || undefined,
    to: search.to || undefined,
    cursor: search.cursor && /^\d+$/.test(search.cursor) ? BigInt(search.cursor) : undefined,
  });
  const input = parsed.success ? parsed.data : listAuditSchema.parse({});
  const { events, total, nextCursor } = await (await portalApi()).audit.list(input);
  const nextHref = nextCursor ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(search).filter(([, v]) => v)), cursor: nextCursor.toString() })}` : null;

  return (
    <>
      <PageHeader title="Audit log" description="Every state change, with who made it, when, from where, and what changed. Rows can never be edited or deleted. On a record you may not read yourself, you see only the action and the ids." />
      <Card>
        <AuditFilters initial={search} />
        <p className="mb-2 mt-4 text-sm text-slate-700" aria-live="polite">{total.toLocaleString("en-GB")} event{total === 1 ? "" : "s"}</p>
        {events.length === 0 ? (
          <EmptyState title="No events match these filters">Clear a filter or widen the dates.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr><th scope="col" className="py-2 pr-3">When (UTC)</th><th scope="col" className="py-2 pr-3">Actor</th><th scope="col" className="py-2 pr-3">Action</th><th scope="col" className="py-2 pr-3">Entity</th><th scope="col" className="py-2 pr-3">Change</th><th scope="col" className="py-2">From</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {events.map((e) => (
                  <tr key={e.id.toString()}>
                    <td className="whitespace-nowrap py-2 pr-3"><time dateTime={e.at.toISOString()}>{e.at.toISOString().slice(0, 19).replace("T", " ")}</time></td>
                    <td className="py-2 pr-3">{e.actorEmail ?? "system"}</td>
                    <td className="py-2 pr-3"><code className="text-xs">{e.action}</code></td>
                    <td className="py-2 pr-3">{e.entityType} <span className="text-xs text-slate-600">{e.entityId}</span></td>
                    <td className="max-w-md py-2 pr-3">
                      {e.redacted ? (
                        <span className="text-xs italic text-slate-600">details hidden: you may not read this record</span>
                      ) : (
                        <code className="block whitespace-pre-wrap break-all text-xs text-slate-700">{JSON.stringify(e.summary)}</code>
                      )}
                    </td>
                    <td className="py-2 text-xs text-slate-600">{e.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextHref ? <p className="mt-4"><Link className="font-medium text-brand-700 underline" href={nextHref}>Older events</Link></p> : null}
      </Card>
    </>
  );
}
