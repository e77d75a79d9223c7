import type { Actor } from "../access/actor";
import { requestParties } from "../access/request-parties";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";

/** The payer is the applicant side of the request; the facility's staff price, invoice and credit. */
function billingParties(actor: Actor, subject: { organisationId: string; facilityOrganisationId: string }) {
  const { isApplicant, isFacilityStaff } = requestParties(actor, subject);
  return { isPayer: isApplicant, isFacilityStaff };
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

/**
 * The facility as an issued invoice shows it: never its current bank details or VAT setting, which
 * may have changed since (the invoice carries its own paymentInstructions and vatMinor).
 */
const issuedInvoiceFacility = { id: true, code: true, name: true, city: true, country: true, timeZone: true, organisationId: true } as const;

export async function loadVisibleInvoice(db: Db | Tx, actor: Actor, invoiceId: string) {
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, include: { facility: { select: issuedInvoiceFacility }, quote: true, creditNotes: { orderBy: { sequence: "asc" } }, creditsInvoice: { select: { id: true, number: true } } } });
  if (!invoice) throw notFound("The invoice");
  const parties = billingParties(actor, { organisationId: invoice.organisationId, facilityOrganisationId: invoice.facility.organisationId });
  if (!parties.isFacilityStaff && !parties.isPayer) throw notFound("The invoice");
  return { invoice, ...parties };
}
