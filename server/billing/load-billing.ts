import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";

/** The facility's staff (who price, invoice and credit) and the payer organisation's people see a quote or invoice; no one else. */
export function billingParties(actor: Actor, subject: { organisationId: string; facilityOrganisationId: string }) {
  return {
    isFacilityStaff: organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(subject.facilityOrganisationId),
    isPayer: organisationIdsOf(actor).includes(subject.organisationId),
  };
}

/** A request's billing as the actor may see it; "not found" for anyone else, as if it did not exist. */
export async function loadBillableRequest(db: Db | Tx, actor: Actor, requestId: string) {
  const request = await db.accessRequest.findUnique({
    where: { id: requestId },
    include: { facility: true, route: true, organisation: { select: { id: true, name: true } }, endstations: { include: { endstation: true } }, quote: true },
  });
  if (!request) throw notFound("The request");
  const parties = billingParties(actor, { organisationId: request.organisationId, facilityOrganisationId: request.facility.organisationId });
  if (!parties.isFacilityStaff && !parties.isPayer) throw notFound("The request");
  return { request, ...parties };
}

export async function loadVisibleInvoice(db: Db | Tx, actor: Actor, invoiceId: string) {
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, include: { facility: true, quote: true, creditNotes: { orderBy: { sequence: "asc" } }, creditsInvoice: { select: { id: true, number: true } } } });
  if (!invoice) throw notFound("The invoice");
  const parties = billingParties(actor, { organisationId: invoice.organisationId, facilityOrganisationId: invoice.facility.organisationId });
  if (!parties.isFacilityStaff && !parties.isPayer) throw notFound("The invoice");
  return { invoice, ...parties };
}
