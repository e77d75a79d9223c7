import { isPlatformAdmin, organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";

/** The programmes an actor may audit: their own funder organisation's, or all for a platform admin. */
function programmeScope(actor: Actor) {
  return isPlatformAdmin(actor) ? {} : { funderOrganisationId: { in: organisationIdsOf(actor, "FUNDER") } };
}

type Totals = { reservedMinor: bigint; releasedMinor: bigint; spentMinor: bigint; heldMinor: bigint };
const zero = (): Totals => ({ reservedMinor: 0n, releasedMinor: 0n, spentMinor: 0n, heldMinor: 0n });

function add(totals: Totals, kind: "RESERVED" | "RELEASED" | "SPENT", amount: bigint) {
  if (kind === "RESERVED") totals.reservedMinor += amount;
  if (kind === "RELEASED") totals.releasedMinor += amount;
  if (kind === "SPENT") totals.spentMinor += amount;
  totals.heldMinor = totals.reservedMinor - totals.releasedMinor - totals.spentMinor;
}

/**
 * A programme's subsidy ledger: its budget, what is held for approved
 * requests, spent on invoices, released and left, per SME and per
 * demonstrator, with every entry (for the CSV).
 */
export async function programmeLedger(db: Db, actor: Actor, programmeId: string) {
  const programme = await db.programme.findFirst({ where: { id: programmeId, ...programmeScope(actor) }, include: { demonstrators: { select: { id: true, title: true } }, facilities: { select: { facilityId: true } } } });
  if (!programme) throw notFound("The programme");
  // Free (non-proprietary) access at the programme's facilities: its full cost, recorded on the invoices, is value granted.
  const granted = await db.invoice.aggregate({ where: { facilityId: { in: programme.facilities.map((f) => f.facilityId) }, currency: programme.currency, kind: "INVOICE", waivedMinor: { gt: 0 } }, _sum: { waivedMinor: true }, _count: true });
  const entries = await db.subsidyEntry.findMany({ where: { programmeId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const organisations = await db.organisation.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.organisationId))] } }, select: { id: true, name: true } });
  const requests = await db.accessRequest.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.requestId))] } }, select: { id: true, reference: true } });
  const bySme = new Map<string, Totals>();
  const byDemonstrator = new Map<string | null, Totals>();
  const overall = zero();
  for (const e of entries) {
    add(overall, e.kind, e.amountMinor);
    add(bySme.get(e.organisationId) ?? bySme.set(e.organisationId, zero()).get(e.organisationId)!, e.kind, e.amountMinor);
    add(byDemonstrator.get(e.demonstratorId) ?? byDemonstrator.set(e.demonstratorId, zero()).get(e.demonstratorId)!, e.kind, e.amountMinor);
  }
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? "Unknown organisation";
  const demonstratorTitle = (id: string | null) => (id ? (programme.demonstrators.find((d) => d.id === id)?.title ?? "Unknown demonstrator") : "No demonstrator");
  return {
    programme: { id: programme.id, name: programme.name, currency: programme.currency, budgetMinor: programme.budgetMinor, subsidyBasisPoints: programme.subsidyBasisPoints, capPerOrganisationMinor: programme.capPerOrganisationMinor },
    totals: { ...overall, remainingMinor: programme.budgetMinor - programme.reservedMinor - programme.spentMinor },
    freeAccess: { valueMinor: BigInt(granted._sum.waivedMinor ?? 0), runs: granted._count },
    bySme: [...bySme.entries()].map(([id, t]) => ({ organisation: nameOf(id), ...t })).sort((a, b) => a.organisation.localeCompare(b.organisation)),
    byDemonstrator: [...byDemonstrator.entries()].map(([id, t]) => ({ demonstrator: demonstratorTitle(id), ...t })).sort((a, b) => a.demonstrator.localeCompare(b.demonstrator)),
    entries: entries.map((e) => ({ at: e.at, kind: e.kind, organisation: nameOf(e.organisationId), demonstrator: demonstratorTitle(e.demonstratorId), request: requests.find((r) => r.id === e.requestId)?.reference ?? "", amountMinor: e.amountMinor, currency: e.currency, note: e.note })),
  };
}

export function myProgrammes(db: Db, actor: Actor) {
  return db.programme.findMany({ where: programmeScope(actor), select: { id: true, name: true, currency: true, budgetMinor: true, reservedMinor: true, spentMinor: true }, orderBy: { startsOn: "asc" } });
}

/** Quoted where needed; a cell that a spreadsheet would run as a formula (= + - @) is prefixed with ' so it stays text. */
function csvCell(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) && !/^-?\d+$/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The ledger as CSV: one row per entry, amounts in minor units with the currency (for spreadsheets, not display). */
export function ledgerCsv(ledger: Awaited<ReturnType<typeof programmeLedger>>): string {
  const header = ["date", "entry", "organisation", "demonstrator", "request", "amount_minor", "currency", "note"];
  const rows = ledger.entries.map((e) => [e.at.toISOString(), e.kind.toLowerCase(), e.organisation, e.demonstrator, e.request, e.amountMinor.toString(), e.currency, e.note]);
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
