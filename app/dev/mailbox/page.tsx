import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/server/db";
import { requireDevMailboxReader } from "./access";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

/** Mail the portal would have sent, when no Resend key is set. Served only to platform admins or on a loopback demo (see mayReadDevMailbox). */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  await requireDevMailboxReader();
  const { to } = await searchParams;
  const messages = await db.devMailboxMessage.findMany({ where: to ? { to: to.toLowerCase() } : {}, orderBy: { createdAt: "desc" }, take: 100 });
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-slate-700">Emails kept here because RESEND_API_KEY is not set. {to ? <>Showing mail to {to}. <Link className="underline" href="/dev/mailbox">Show all</Link></> : null}</p>
      {messages.length === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700">No mail yet. Sign-in links, invitations and notifications will appear here.</p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <caption className="sr-only">Messages, newest first</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-2 pr-4">To</th><th scope="col" className="py-2 pr-4">Subject</th><th scope="col" className="py-2">Received (UTC)</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {messages.map((m) => (
              <tr key={m.id}>
                <td className="py-2 pr-4">{m.to}</td>
                <td className="py-2 pr-4"><Link className="font-medium text-brand-700 underline" href={`/dev/mailbox/${m.id}`}>{m.subject}</Link></td>
                <td className="py-2"><time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().slice(0, 19).replace("T", " ")}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
