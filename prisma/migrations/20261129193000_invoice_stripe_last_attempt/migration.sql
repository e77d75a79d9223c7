-- When an invoice's Stripe sync last failed, for the staff's screen of syncs that stopped after their last attempt.
ALTER TABLE "Invoice" ADD COLUMN "stripeLastAttemptAt" TIMESTAMPTZ;
