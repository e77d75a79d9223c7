import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/server/db";
import { requireDevMailboxReader } from "../access";

export const metadata: Metadata = { title: "Dev mailbox message" };
export const dynamic = "force-dynamic";

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireDevMailboxReader();
  const message = await db.devMailboxMessage.findUnique({ where: { id: (await params).id } });
  if (!message) notFound();
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p><Link className="text-sm underline" href="/dev/mailbox">← All mail</Link></p>
      <h1 className="mt-2 text-xl font-semibold">{message.subject}</h1>
      <p className="text-sm text-slate-700">To {message.to} · {message.createdAt.toISOString()}</p>
      <iframe title={`Email: ${message.subject}`} sandbox="allow-popups allow-top-navigation-by-user-activation" srcDoc={message.html} className="mt-4 h-[520px] w-full rounded-md border border-slate-200 bg-white" />
      <h2 className="mt-6 text-sm font-semibold">Plain text</h2>
      <pre className="mt-2 whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 text-sm">{message.text}</pre>
    </main>
  );
}
