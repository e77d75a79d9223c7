-- The Stripe PaymentIntent that paid an invoice, learnt from invoice_payment.paid
-- (or invoice.paid on older API versions). charge.refunded is matched through it:
-- on current Stripe API versions a charge no longer names its invoice.
ALTER TABLE "Invoice" ADD COLUMN "stripePaymentIntentId" TEXT;
CREATE UNIQUE INDEX "Invoice_stripePaymentIntentId_key" ON "Invoice"("stripePaymentIntentId");
