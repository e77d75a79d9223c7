import { hasRole, type Actor } from "@/server/access/actor";

export interface NavItem {
  href: string;
  label: string;
}

/** The navigation a person sees follows their roles; links to what they may not use are not shown. */
export function navigationFor(actor: Actor, options: { panelSeat?: boolean } = {}): NavItem[] {
  const items: NavItem[] = [{ href: "/dashboard", label: "Dashboard" }];
  if (hasRole(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/requests", label: "Access requests" });
  if (hasRole(actor, "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/calendar", label: "Calendar" });
  if (hasRole(actor, "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/receipt", label: "Receipt desk" });
  if (hasRole(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER")) items.push({ href: "/bookings", label: "Bookings" });
  if (hasRole(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/runs", label: "Runs" });
  if (hasRole(actor, "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/consortia", label: hasRole(actor, "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER") ? "Consortia" : "Consortium blocks" });
  if (hasRole(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN")) items.push({ href: "/invoices", label: "Invoices" });
  if (hasRole(actor, "FUNDER", "PLATFORM_ADMIN")) items.push({ href: "/programmes", label: "Programmes" });
  if (options.panelSeat) items.push({ href: "/panel", label: "Review panel" });
  items.push({ href: "/facilities", label: "Facilities" });
  if (actor.kind === "user" && actor.memberships.length > 0) items.push({ href: "/organisations", label: "My organisations" });
  if (hasRole(actor, "FACILITY_ADMIN")) items.push({ href: "/admin/routes", label: "Access routes" });
  if (hasRole(actor, "FACILITY_ADMIN")) items.push({ href: "/admin/rates", label: "Rates" });
  if (hasRole(actor, "FACILITY_ADMIN", "PLATFORM_ADMIN")) items.push({ href: "/admin/agreement-templates", label: "Agreement templates" });
  if (hasRole(actor, "FACILITY_ADMIN", "PLATFORM_ADMIN")) items.push({ href: "/admin/audit", label: "Audit log" });
  if (hasRole(actor, "PLATFORM_ADMIN")) items.push({ href: "/admin/organisations", label: "All organisations" });
  return items;
}

export { devMailboxEnabled } from "@/server/mail/dev-mailbox";
