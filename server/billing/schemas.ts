import { z } from "zod";
import { isoDate } from "../validation/iso-date";

export const addOnKinds = ["SAMPLE_PREPARATION", "MAIL_IN", "DATA_PROCESSING", "SHIPPING"] as const;

const quantity = z.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(0, "A quantity cannot be negative.").max(10_000, "At most 10,000.");

export const requestIdSchema = z.object({ requestId: z.string().min(1) });
export const invoiceIdSchema = z.object({ invoiceId: z.string().min(1) });

export const issueInvoiceSchema = z.object({
  requestId: z.string().min(1),
  addOns: z.object({ SAMPLE_PREPARATION: quantity, MAIL_IN: quantity, DATA_PROCESSING: quantity, SHIPPING: quantity }).partial(),
});
export type IssueInvoiceInput = z.input<typeof issueInvoiceSchema>;

export const creditNoteSchema = z.object({
  invoiceId: z.string().min(1),
  amountMinor: z.number({ error: "Enter the amount to credit." }).int("Enter the amount in whole pence or cents.").min(1, "The credit must be more than zero."),
  reason: z.string().trim().min(10, "Say why the credit is issued (at least 10 characters); it is printed on the credit note.").max(500),
});
export type CreditNoteInput = z.input<typeof creditNoteSchema>;

export const paymentTermsSchema = z
  .object({
    requestId: z.string().min(1),
    paymentTerms: z.enum(["PREPAYMENT", "PURCHASE_ORDER"], { error: "Choose how you will pay." }),
    purchaseOrderNumber: z.string().trim().max(60, "At most 60 characters.").nullable(),
  })
  .refine((t) => t.paymentTerms !== "PURCHASE_ORDER" || (t.purchaseOrderNumber ?? "").length >= 3, { path: ["purchaseOrderNumber"], message: "Enter your purchase order number (at least 3 characters)." });

export const cancelQuoteSchema = z.object({
  requestId: z.string().min(1),
  reason: z.string().trim().min(10, "Say why the quote is cancelled (at least 10 characters).").max(500),
});

export const rateCardSchema = z
  .object({
    endstationId: z.string().min(1, "Choose the endstation."),
    currency: z.enum(["GBP", "EUR"], { error: "Choose GBP or EUR." }),
    unit: z.enum(["SHIFT", "HOUR"], { error: "Choose per shift or per hour." }),
    priceMinor: z.number({ error: "Enter the full-cost price." }).int("Whole pence or cents.").min(1, "The price must be more than zero.").max(100_000_000, "That price is implausibly high."),
    slidingFromUnit: z.number({ error: "Enter the unit the sliding scale starts from as a whole number." }).int("A whole number.").min(2, "The sliding scale starts from the 2nd unit at the earliest.").max(1000).nullable(),
    slidingPriceMinor: z.number({ error: "Enter the sliding price as a number." }).int("Whole pence or cents.").min(1, "The sliding price must be more than zero.").nullable(),
    /** ISO date (in the facility's zone) from which the card applies. */
    validFrom: isoDate,
  })
  .refine((c) => (c.slidingFromUnit === null) === (c.slidingPriceMinor === null), { path: ["slidingPriceMinor"], message: "Give both the unit the sliding scale starts from and its price, or neither." })
  .refine((c) => c.slidingPriceMinor === null || c.slidingPriceMinor <= c.priceMinor, { path: ["slidingPriceMinor"], message: "The sliding price is a discount: at most the full price." });
export type RateCardInput = z.input<typeof rateCardSchema>;

export const programmeIdSchema = z.object({ programmeId: z.string().min(1) });

export const addOnRateSchema = z.object({
  facilityId: z.string().min(1),
  kind: z.enum(addOnKinds, { error: "Choose the add-on." }),
  label: z.string().trim().min(3, "Name the add-on as invoices should show it.").max(100),
  unitLabel: z.string().trim().min(2, "Say what one unit is (sample, compute hour, parcel).").max(40),
  priceMinor: z.number({ error: "Enter the price." }).int("Whole pence or cents.").min(0, "The price cannot be negative.").max(10_000_000, "That price is implausibly high."),
  currency: z.enum(["GBP", "EUR"], { error: "Choose GBP or EUR." }),
  validFrom: isoDate,
});
export type AddOnRateInput = z.input<typeof addOnRateSchema>;

export const facilityBillingSchema = z.object({
  facilityId: z.string().min(1),
  vatPercent: z.number({ error: "Enter the VAT rate (0 where none is charged)." }).min(0, "VAT cannot be negative.").max(100, "VAT is at most 100 %.").refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "At most two decimals."),
  paymentInstructions: z.string().trim().min(10, "Give the bank details users pay to (at least 10 characters).").max(1000),
});
export type FacilityBillingInput = z.input<typeof facilityBillingSchema>;

export const bankTransferSchema = z.object({
  requestId: z.string().min(1),
  reference: z.string().trim().min(3, "Enter the transfer's reference as the bank statement shows it (at least 3 characters).").max(100, "At most 100 characters."),
});
export type BankTransferInput = z.input<typeof bankTransferSchema>;

export const waivePrepaymentSchema = z.object({
  requestId: z.string().min(1),
  reason: z.string().trim().min(10, "Say why bookings may be confirmed before payment (at least 10 characters).").max(500, "At most 500 characters."),
});
export type WaivePrepaymentInput = z.input<typeof waivePrepaymentSchema>;
