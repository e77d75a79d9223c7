import type { Metadata } from "next";
import { formatMinor } from "@/server/billing/money";
import { formatFacilityDate } from "@/server/time";
import { Card, EmptyState, PageHeader } from "../../../_components/ui";
import { hasRole } from "@/server/access/actor";
import { currentActor, portalApi } from "../../../_lib/server-api";
import { canAdminister } from "../can-administer";
import { AddOnRateForm, FacilityBillingForm, RateCardForm } from "./rate-card-form";

export const metadata: Metadata = { title: "Rates" };

export default async function RatesPage() {
  if (!(await canAdminister())) return null;
  // Platform admins reach the admin area too, but rates belong to each facility's own admins.
  const facilities = hasRole(await currentActor(), "FACILITY_ADMIN") ? await (await portalApi()).billing.rates() : [];
  return (
    <>
      <PageHeader title="Rates" description="Full-cost-recovery prices per endstation from a date, add-ons and VAT. A quote keeps the rates it was made with; a new card applies to quotes made from its date." />
      {facilities.length === 0 ? <EmptyState title="You administer no facility">Facility admins set their own facility&apos;s rates here.</EmptyState> : null}
      <div className="space-y-8">
        {facilities.map((f) => (
          <section key={f.id} aria-labelledby={`rates-${f.id}`} className="space-y-4">
            <h2 id={`rates-${f.id}`} className="text-lg font-semibold text-slate-900">{f.name} <span className="text-sm font-normal text-slate-600">· VAT {f.vatBasisPoints / 100} % · {f.timeZone}</span></h2>
            <Card title="Rate cards">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Rate cards at {f.name}</caption>
                <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Endstation</th><th scope="col" className="py-1 pr-3">From</th><th scope="col" className="py-1 pr-3 text-right">Price</th><th scope="col" className="py-1">Sliding scale</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {f.endstations.flatMap((e) =>
                    e.rateCards.length === 0
                      ? [<tr key={e.id}><td className="py-1.5 pr-3">{e.name}</td><td className="py-1.5 pr-3 text-amber-900" colSpan={3}>No rate card: approved requests get no quote until one is added</td></tr>]
                      : e.rateCards.map((c, i) => (
                          <tr key={c.id} className={i > 0 ? "text-slate-500" : undefined}>
                            <td className="py-1.5 pr-3">{i === 0 ? e.name : ""}</td>
                            <td className="py-1.5 pr-3">{formatFacilityDate(c.validFrom, f.timeZone)}</td>
                            <td className="py-1.5 pr-3 text-right tabular-nums">{formatMinor(c.priceMinor, c.currency)} per {c.unit === "SHIFT" ? `${e.shiftHours} h shift` : "hour"}</td>
                            <td className="py-1.5">{c.slidingFromUnit ? `${formatMinor(c.slidingPriceMinor!, c.currency)} from unit ${c.slidingFromUnit}` : "—"}</td>
                          </tr>
                        )),
                  )}
                </tbody>
              </table>
            </Card>
            <Card title="Add-ons">
              {f.addOnRates.length === 0 ? <p className="text-sm text-slate-700">No add-ons priced.</p> : (
                <ul className="space-y-1 text-sm">{f.addOnRates.map((a) => <li key={a.id}>{a.label}: {formatMinor(a.priceMinor, a.currency)} per {a.unitLabel} <span className="text-slate-600">(from {formatFacilityDate(a.validFrom, f.timeZone)})</span></li>)}</ul>
              )}
              <div className="mt-4 border-t border-slate-100 pt-4">
                <AddOnRateForm facilityId={f.id} facilityName={f.name} defaultCurrency={(f.addOnRates[0]?.currency as "GBP" | "EUR" | undefined) ?? "GBP"} />
              </div>
            </Card>
            <Card title="VAT and bank details">
              <FacilityBillingForm facilityId={f.id} facilityName={f.name} vatPercent={f.vatBasisPoints / 100} paymentInstructions={f.paymentInstructions} />
            </Card>
            <Card title="New rate card">
              <RateCardForm facilityName={f.name} endstations={f.endstations.map((e) => ({ id: e.id, name: e.name }))} defaultCurrency={(f.endstations[0]?.rateCards[0]?.currency as "GBP" | "EUR" | undefined) ?? "GBP"} />
            </Card>
          </section>
        ))}
      </div>
    </>
  );
}
