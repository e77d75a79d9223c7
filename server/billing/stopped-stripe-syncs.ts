import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db, Prisma } from "../db";
import { maxStripeAttempts } from "./stripe/sync-invoices";

/** Invoices the Stripe job gave up on: still not in Stripe after its last attempt. */
export const stoppedSyncWhere = { kind: "INVOICE", totalMinor: { gt: 0 }, stripeSyncedAt: null, stripeAttempts: { gte: maxStripeAttempts } } satisfies Prisma.InvoiceWhereInput;

/** The stopped syncs of the facilities the actor works at (staff or admin); never another facility's invoices. */
export async function stoppedStripeSyncs(db: Db, actor: Actor) {
  const staffOf = organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN");
  const invoices = await db.invoice.findMany({
    where: { ...stoppedSyncWhere, facility: { organisationId: { in: staffOf } } },
    select: { id: true, number: true, organisationId: true, totalMinor: true, currency: true, stripeAttempts: true, stripeLastError: true, stripeLastAttemptAt: true, issuedAt: true, facility: { select: { name: true, timeZone: true } } },
    orderBy: [{ stripeLastAttemptAt: "desc" }, { issuedAt: "desc" }],
    take: 200,
  });
  const organisations = await db.organisation.findMany({ where: { id: { in: [...new Set(invoices.map((i) => i.organisationId))] } }, select: { id: true, name: true } });
  return invoices.map((i) => ({ ...i, payer: organisations.find((o) => o.id === i.organisationId)?.name ?? "" }));
}
