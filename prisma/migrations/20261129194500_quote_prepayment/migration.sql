-- Prepayment terms are enforced: a quote on prepayment is paid (Stripe Checkout or a recorded bank transfer) or waived by staff before bookings are confirmed.
CREATE TYPE "QuotePaymentMethod" AS ENUM ('STRIPE_CHECKOUT', 'BANK_TRANSFER');

ALTER TABLE "Quote"
  ADD COLUMN "paidAt" TIMESTAMPTZ,
  ADD COLUMN "paidBy" "QuotePaymentMethod",
  ADD COLUMN "paymentReference" TEXT,
  ADD COLUMN "paymentRecordedById" TEXT,
  ADD COLUMN "stripeCheckoutSessionId" TEXT,
  ADD COLUMN "stripeCheckoutUrl" TEXT,
  ADD COLUMN "prepaymentWaivedAt" TIMESTAMPTZ,
  ADD COLUMN "prepaymentWaivedById" TEXT,
  ADD COLUMN "prepaymentWaivedReason" TEXT,
  -- A payment has its method and reference; a waiver has its reason.
  ADD CONSTRAINT quote_paid_has_method CHECK (("paidAt" IS NULL) = ("paidBy" IS NULL) AND ("paidAt" IS NULL OR "paymentReference" IS NOT NULL)),
  ADD CONSTRAINT quote_waiver_has_reason CHECK ("prepaymentWaivedAt" IS NULL OR "prepaymentWaivedReason" IS NOT NULL);

CREATE UNIQUE INDEX "Quote_stripeCheckoutSessionId_key" ON "Quote"("stripeCheckoutSessionId");
