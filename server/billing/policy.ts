import { rolesAccess, signedInAccess } from "../access/rules";

/** Who may call each billing procedure; the payer or the facility is checked in each operation. */
export const billingAccess = {
  // The payer organisation's people and the facility's staff: checked against the request.
  forRequest: signedInAccess,
  invoices: signedInAccess,
  invoice: signedInAccess,
  setPaymentTerms: signedInAccess,
  startCheckout: signedInAccess,
  recordBankTransfer: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  waivePrepayment: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  makeQuote: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  cancelQuote: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  issueInvoice: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  issueCreditNote: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  stoppedStripeSyncs: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  retryStripeSync: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  rates: rolesAccess("FACILITY_ADMIN"),
  saveRateCard: rolesAccess("FACILITY_ADMIN"),
  programmes: rolesAccess("FUNDER", "PLATFORM_ADMIN"),
  ledger: rolesAccess("FUNDER", "PLATFORM_ADMIN"),
} as const;
