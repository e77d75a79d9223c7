import type { EmailTemplateName, EmailTemplates } from "../../emails";
import type { Tx } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { applicantContacts } from "../organisations/request-contacts";

export const requestUrl = (requestId: string) => appUrl(`/requests/${requestId}`);

/** The applicant's side: whoever created the request (the team's contact), or the organisation's managers once the creator has left it. */
export async function emailApplicant<K extends EmailTemplateName>(tx: Tx, request: { id: string; organisationId: string; createdById: string }, template: K, props: EmailTemplates[K], key: string) {
  for (const contact of await applicantContacts(tx, request)) {
    await enqueueEmail(tx, { template, to: contact.email, props, dedupeKey: `${template}:${request.id}:${key}:applicant${contact.isCreator ? "" : `:${contact.email}`}` });
  }
}

/** The facility's side: every staff member and admin of the facility. */
export async function emailFacilityStaff<K extends EmailTemplateName>(tx: Tx, request: { id: string; facility: { organisationId: string } }, template: K, props: EmailTemplates[K], key: string) {
  const staff = await tx.membership.findMany({
    where: { organisationId: request.facility.organisationId, role: { in: ["FACILITY_STAFF", "FACILITY_ADMIN"] } },
    select: { user: { select: { email: true } } },
    distinct: ["userId"],
  });
  for (const { user } of staff) {
    await enqueueEmail(tx, { template, to: user.email, props, dedupeKey: `${template}:${request.id}:${key}:${user.email}` });
  }
}
