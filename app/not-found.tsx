import Link from "next/link";
import { connection } from "next/server";

/** Used for missing pages and for records the visitor may not see: the two look the same on purpose. */
export default async function NotFound() {
  // Rendered per request so its scripts carry the request's CSP nonce (a prerendered page's would be blocked).
  await connection();
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center px-4">
      <p className="text-sm font-medium text-slate-600">Not found</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">We could not find that page</h1>
      <p className="mt-2 text-sm text-slate-700">
        It may have moved, or it belongs to an organisation whose records you cannot see. Proprietary requests, samples and data are visible only to their organisation and the facility&apos;s staff.
      </p>
      <p className="mt-4 text-sm"><Link className="font-medium text-brand-700 underline" href="/dashboard">Back to your dashboard</Link></p>
    </main>
  );
}
