import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for billing.* procedures. */
export const billingAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "billing.forRequest": "signedIn",
  "billing.invoices": "signedIn",
  "billing.invoice": "signedIn",
  "billing.setPaymentTerms": "signedIn",
  "billing.startCheckout": "signedIn",
  "billing.recordBankTransfer": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.waivePrepayment": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.makeQuote": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.cancelQuote": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.issueInvoice": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.issueCreditNote": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.stoppedStripeSyncs": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.retryStripeSync": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "billing.rates": ["FACILITY_ADMIN"],
  "billing.saveRateCard": ["FACILITY_ADMIN"],
  "billing.saveAddOnRate": ["FACILITY_ADMIN"],
  "billing.saveFacilityBilling": ["FACILITY_ADMIN"],
  "billing.programmes": ["FUNDER", "PLATFORM_ADMIN"],
  "billing.ledger": ["FUNDER", "PLATFORM_ADMIN"],
};
