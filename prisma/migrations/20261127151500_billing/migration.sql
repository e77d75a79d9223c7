-- CreateEnum
CREATE TYPE "RateUnit" AS ENUM ('SHIFT', 'HOUR');

-- CreateEnum
CREATE TYPE "AddOnKind" AS ENUM ('SAMPLE_PREPARATION', 'MAIL_IN', 'DATA_PROCESSING', 'SHIPPING');

-- CreateEnum
CREATE TYPE "SubsidyEntryKind" AS ENUM ('RESERVED', 'RELEASED', 'SPENT');

-- CreateEnum
CREATE TYPE "PaymentTerms" AS ENUM ('PREPAYMENT', 'PURCHASE_ORDER', 'FREE');

-- CreateEnum
CREATE TYPE "QuoteState" AS ENUM ('ACTIVE', 'INVOICED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- CreateEnum
CREATE TYPE "PaymentState" AS ENUM ('UNPAID', 'PAYMENT_FAILED', 'PAID', 'REFUNDED');

-- AlterTable
ALTER TABLE "Facility" ADD COLUMN     "paymentInstructions" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "vatBasisPoints" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "stripeCustomerId" TEXT;

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "capPerOrganisationMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "reservedMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spentMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "subsidyBasisPoints" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ProgrammeFacility" (
    "programmeId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,

    CONSTRAINT "ProgrammeFacility_pkey" PRIMARY KEY ("programmeId","facilityId")
);

-- CreateTable
CREATE TABLE "RateCard" (
    "id" TEXT NOT NULL,
    "endstationId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "unit" "RateUnit" NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "slidingFromUnit" INTEGER,
    "slidingPriceMinor" INTEGER,
    "validFrom" TIMESTAMPTZ NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AddOnRate" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "kind" "AddOnKind" NOT NULL,
    "label" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "validFrom" TIMESTAMPTZ NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AddOnRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyAccount" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "reservedMinor" BIGINT NOT NULL DEFAULT 0,
    "spentMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SubsidyAccount_pkey" PRIMARY KEY ("programmeId","organisationId")
);

-- CreateTable
CREATE TABLE "SubsidyEntry" (
    "id" BIGSERIAL NOT NULL,
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "demonstratorId" TEXT,
    "kind" "SubsidyEntryKind" NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "note" TEXT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubsidyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rates" JSONB NOT NULL,
    "lines" JSONB NOT NULL,
    "units" INTEGER NOT NULL,
    "fullCostMinor" INTEGER NOT NULL,
    "subsidyMinor" INTEGER NOT NULL,
    "waivedMinor" INTEGER NOT NULL,
    "netMinor" INTEGER NOT NULL,
    "vatMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "vatBasisPoints" INTEGER NOT NULL,
    "programmeId" TEXT,
    "subsidyBasisPoints" INTEGER,
    "subsidyLimitedBy" TEXT,
    "paymentTerms" "PaymentTerms" NOT NULL,
    "purchaseOrderNumber" TEXT,
    "state" "QuoteState" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "requestId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "creditsInvoiceId" TEXT,
    "organisationId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "lines" JSONB NOT NULL,
    "fullCostMinor" INTEGER NOT NULL,
    "subsidyMinor" INTEGER NOT NULL,
    "waivedMinor" INTEGER NOT NULL,
    "netMinor" INTEGER NOT NULL,
    "vatMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "reason" TEXT,
    "issuedAt" TIMESTAMPTZ NOT NULL,
    "dueAt" TIMESTAMPTZ NOT NULL,
    "createdById" TEXT NOT NULL,
    "paymentState" "PaymentState" NOT NULL DEFAULT 'UNPAID',
    "paymentUpdatedAt" TIMESTAMPTZ,
    "stripeInvoiceId" TEXT,
    "stripeHostedUrl" TEXT,
    "stripeSyncedAt" TIMESTAMPTZ,
    "stripeAttempts" INTEGER NOT NULL DEFAULT 0,
    "stripeLastError" TEXT,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "invoiceId" TEXT,
    "receivedAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RateCard_endstationId_validFrom_key" ON "RateCard"("endstationId", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "AddOnRate_facilityId_kind_validFrom_key" ON "AddOnRate"("facilityId", "kind", "validFrom");

-- CreateIndex
CREATE INDEX "SubsidyEntry_programmeId_at_idx" ON "SubsidyEntry"("programmeId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_reference_key" ON "Quote"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_requestId_key" ON "Quote"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_stripeInvoiceId_key" ON "Invoice"("stripeInvoiceId");

-- CreateIndex
CREATE INDEX "Invoice_requestId_idx" ON "Invoice"("requestId");

-- CreateIndex
CREATE INDEX "Invoice_organisationId_idx" ON "Invoice"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_facilityId_sequence_key" ON "Invoice"("facilityId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_stripeCustomerId_key" ON "Organisation"("stripeCustomerId");

-- AddForeignKey
ALTER TABLE "ProgrammeFacility" ADD CONSTRAINT "ProgrammeFacility_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeFacility" ADD CONSTRAINT "ProgrammeFacility_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCard" ADD CONSTRAINT "RateCard_endstationId_fkey" FOREIGN KEY ("endstationId") REFERENCES "Endstation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AddOnRate" ADD CONSTRAINT "AddOnRate_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyAccount" ADD CONSTRAINT "SubsidyAccount_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubsidyAccount" ADD CONSTRAINT "SubsidyAccount_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_creditsInvoiceId_fkey" FOREIGN KEY ("creditsInvoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------- hand-written invariants
ALTER TABLE "Facility" ADD CONSTRAINT facility_vat_in_range CHECK ("vatBasisPoints" BETWEEN 0 AND 10000);
ALTER TABLE "RateCard"
  ADD CONSTRAINT rate_card_currency CHECK (currency IN ('GBP', 'EUR')),
  ADD CONSTRAINT rate_card_price_positive CHECK ("priceMinor" > 0),
  ADD CONSTRAINT rate_card_sliding_complete CHECK (("slidingFromUnit" IS NULL) = ("slidingPriceMinor" IS NULL)),
  ADD CONSTRAINT rate_card_sliding_sensible CHECK ("slidingFromUnit" IS NULL OR ("slidingFromUnit" >= 2 AND "slidingPriceMinor" > 0 AND "slidingPriceMinor" <= "priceMinor"));
ALTER TABLE "AddOnRate"
  ADD CONSTRAINT add_on_currency CHECK (currency IN ('GBP', 'EUR')),
  ADD CONSTRAINT add_on_price_not_negative CHECK ("priceMinor" >= 0);

-- The programme's budget can never go below zero, however many approvals race.
ALTER TABLE "Programme"
  ADD CONSTRAINT programme_subsidy_in_range CHECK ("subsidyBasisPoints" BETWEEN 0 AND 10000),
  ADD CONSTRAINT programme_cap_not_negative CHECK ("capPerOrganisationMinor" >= 0),
  ADD CONSTRAINT programme_amounts_not_negative CHECK ("reservedMinor" >= 0 AND "spentMinor" >= 0),
  ADD CONSTRAINT programme_within_budget CHECK ("reservedMinor" + "spentMinor" <= "budgetMinor");
ALTER TABLE "SubsidyAccount" ADD CONSTRAINT subsidy_account_not_negative CHECK ("reservedMinor" >= 0 AND "spentMinor" >= 0);
ALTER TABLE "SubsidyEntry" ADD CONSTRAINT subsidy_entry_positive CHECK ("amountMinor" > 0);

CREATE FUNCTION subsidy_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The subsidy ledger is append-only; record a correcting entry instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER subsidy_ledger_append_only BEFORE UPDATE OR DELETE ON "SubsidyEntry" FOR EACH ROW EXECUTE FUNCTION subsidy_ledger_is_append_only();

ALTER TABLE "Quote" ADD CONSTRAINT quote_totals_add_up CHECK ("fullCostMinor" - "subsidyMinor" - "waivedMinor" = "netMinor" AND "netMinor" + "vatMinor" = "totalMinor" AND "subsidyMinor" >= 0 AND "netMinor" >= 0);
ALTER TABLE "Invoice"
  ADD CONSTRAINT invoice_totals_add_up CHECK ("fullCostMinor" - "subsidyMinor" - "waivedMinor" = "netMinor" AND "netMinor" + "vatMinor" = "totalMinor"),
  ADD CONSTRAINT invoice_sign_matches_kind CHECK ((kind = 'INVOICE' AND "totalMinor" >= 0) OR (kind = 'CREDIT_NOTE' AND "totalMinor" < 0 AND "creditsInvoiceId" IS NOT NULL AND reason IS NOT NULL)),
  ADD CONSTRAINT invoice_sequence_positive CHECK (sequence > 0);

-- An issued invoice is never edited: only its payment state and Stripe sync fields move.
CREATE FUNCTION invoice_is_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'An issued invoice is never deleted; issue a credit note' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.number, NEW.sequence, NEW.kind, NEW."organisationId", NEW.currency, NEW.lines, NEW."fullCostMinor", NEW."subsidyMinor", NEW."waivedMinor", NEW."netMinor", NEW."vatMinor", NEW."totalMinor", NEW."issuedAt", NEW."dueAt", NEW.reason)
     IS DISTINCT FROM (OLD.number, OLD.sequence, OLD.kind, OLD."organisationId", OLD.currency, OLD.lines, OLD."fullCostMinor", OLD."subsidyMinor", OLD."waivedMinor", OLD."netMinor", OLD."vatMinor", OLD."totalMinor", OLD."issuedAt", OLD."dueAt", OLD.reason) THEN
    RAISE EXCEPTION 'An issued invoice is never edited; issue a credit note' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_issued BEFORE UPDATE OR DELETE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION invoice_is_issued();
