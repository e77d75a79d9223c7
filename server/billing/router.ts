import { nudgeStripe } from "../jobs/boss";
import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { issueCreditNote } from "./credit-note";
import { issueInvoice } from "./issue-invoice";
import { programmeLedger, myProgrammes } from "./ledger";
import { makeQuoteByStaff } from "./make-quote";
import { billingAccess as access } from "./policy";
import { cancelQuote, setPaymentTerms } from "./quote-actions";
import { billingOfRequest, getInvoice, listInvoices } from "./read-billing";
import { administeredRates } from "./read-rates";
import { recordBankTransfer } from "./record-bank-transfer";
import { retryStripeSync } from "./retry-stripe-sync";
import { saveAddOnRate } from "./save-add-on-rate";
import { saveFacilityBilling } from "./save-facility-billing";
import { saveRateCard } from "./save-rate-card";
import { startCheckout } from "./start-checkout";
import { stoppedStripeSyncs } from "./stopped-stripe-syncs";
import { stripeFromEnv } from "./stripe/client";
import { waivePrepayment } from "./waive-prepayment";
import { addOnRateSchema, bankTransferSchema, cancelQuoteSchema, waivePrepaymentSchema, facilityBillingSchema, creditNoteSchema, invoiceIdSchema, issueInvoiceSchema, paymentTermsSchema, programmeIdSchema, rateCardSchema, requestIdSchema } from "./schemas";

/** Quotes, invoices, payments and the funders' subsidy ledger. */
export const billingRouter = createRouter({
  forRequest: procedure.meta({ access: access.forRequest }).input(requestIdSchema).query(({ ctx, input }) => billingOfRequest(ctx.db, ctx.actor, input.requestId)),
  invoices: procedure.meta({ access: access.invoices }).query(({ ctx }) => listInvoices(ctx.db, ctx.actor)),
  invoice: procedure.meta({ access: access.invoice }).input(invoiceIdSchema).query(({ ctx, input }) => getInvoice(ctx.db, ctx.actor, input.invoiceId)),
  setPaymentTerms: procedure.meta({ access: access.setPaymentTerms }).input(paymentTermsSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => setPaymentTerms(tx, ctx, input))),
  makeQuote: procedure.meta({ access: access.makeQuote }).input(requestIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => makeQuoteByStaff(tx, ctx, input.requestId))),
  cancelQuote: procedure.meta({ access: access.cancelQuote }).input(cancelQuoteSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => cancelQuote(tx, ctx, input))),
  startCheckout: procedure.meta({ access: access.startCheckout }).input(requestIdSchema).mutation(({ ctx, input }) => startCheckout(ctx.db, ctx, input, stripeFromEnv())),
  recordBankTransfer: procedure.meta({ access: access.recordBankTransfer }).input(bankTransferSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => recordBankTransfer(tx, ctx, input))),
  waivePrepayment: procedure.meta({ access: access.waivePrepayment }).input(waivePrepaymentSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => waivePrepayment(tx, ctx, input))),
  issueInvoice: procedure.meta({ access: access.issueInvoice }).input(issueInvoiceSchema).mutation(async ({ ctx, input }) => {
    const result = await runMutation(ctx, (tx) => issueInvoice(tx, ctx, input));
    await nudgeStripe();
    return result;
  }),
  stoppedStripeSyncs: procedure.meta({ access: access.stoppedStripeSyncs }).query(({ ctx }) => stoppedStripeSyncs(ctx.db, ctx.actor)),
  retryStripeSync: procedure.meta({ access: access.retryStripeSync }).input(invoiceIdSchema).mutation(async ({ ctx, input }) => {
    const result = await runMutation(ctx, (tx) => retryStripeSync(tx, ctx, input));
    await nudgeStripe();
    return result;
  }),
  issueCreditNote: procedure.meta({ access: access.issueCreditNote }).input(creditNoteSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => issueCreditNote(tx, ctx, input))),
  rates: procedure.meta({ access: access.rates }).query(({ ctx }) => administeredRates(ctx.db, ctx.actor)),
  saveRateCard: procedure.meta({ access: access.saveRateCard }).input(rateCardSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveRateCard(tx, ctx, input))),
  saveAddOnRate: procedure.meta({ access: access.saveRateCard }).input(addOnRateSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveAddOnRate(tx, ctx, input))),
  saveFacilityBilling: procedure.meta({ access: access.saveRateCard }).input(facilityBillingSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveFacilityBilling(tx, ctx, input))),
  programmes: procedure.meta({ access: access.programmes }).query(({ ctx }) => myProgrammes(ctx.db, ctx.actor)),
  ledger: procedure.meta({ access: access.ledger }).input(programmeIdSchema).query(({ ctx, input }) => programmeLedger(ctx.db, ctx.actor, input.programmeId)),
});
