import Link from "next/link";
import { redirect } from "next/navigation";
import { FacilityCatalogue } from "./_components/facility-catalogue";
import { ButtonLink } from "./_components/ui";
import { currentActor, serverApi } from "./_lib/server-api";

export default async function HomePage() {
  if ((await currentActor()).kind === "user") redirect("/dashboard");
  const facilities = await (await serverApi()).facilities.list();
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <p className="flex items-center gap-2 text-lg font-semibold"><span aria-hidden="true" className="inline-block h-6 w-6 rounded-sm bg-gradient-to-br from-brand-600 to-emerald-600" />Lodestone</p>
        <nav aria-label="Account" className="flex gap-2"><ButtonLink variant="secondary" href="/signin">Sign in</ButtonLink><ButtonLink href="/signup">Create an account</ButtonLink></nav>
      </header>
      <main className="mt-10">
        <h1 className="max-w-3xl text-3xl font-semibold tracking-tight text-slate-900">Synchrotron-quality X-ray imaging for critical-minerals companies, with costs, IP and data terms settled up front.</h1>
        <p className="mt-4 max-w-3xl text-slate-700">
          Request industrial access at an SME rate, share a consortium&apos;s block of beamtime, follow your samples and runs, and receive every experiment as a citable Digital Ore Passport. Proprietary requests and data are visible only to your organisation and the facility&apos;s staff.
        </p>
        <h2 className="mb-4 mt-10 text-xl font-semibold text-slate-900">Facilities on Lodestone</h2>
        <FacilityCatalogue facilities={facilities} />
        <p className="mt-8 text-sm text-slate-700">Already use a facility? <Link className="font-medium text-brand-700 underline" href="/signin">Sign in</Link> with your account or the facility&apos;s single sign-on.</p>
      </main>
    </div>
  );
}
