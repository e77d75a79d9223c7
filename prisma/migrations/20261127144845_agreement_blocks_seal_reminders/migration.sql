/*
  Warnings:

  - You are about to drop the column `sealedPdfAt` on the `Agreement` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Agreement" DROP COLUMN "sealedPdfAt",
ADD COLUMN     "blockId" TEXT;

-- AlterTable
ALTER TABLE "AgreementSignatory" ADD COLUMN     "lastRemindedAt" TIMESTAMPTZ;

-- AlterTable
ALTER TABLE "AgreementTemplate" ADD COLUMN     "changeNote" TEXT;

-- CreateTable
CREATE TABLE "SealedAgreement" (
    "agreementId" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "pdfHash" TEXT NOT NULL,
    "sealedAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SealedAgreement_pkey" PRIMARY KEY ("agreementId")
);

-- CreateIndex
CREATE INDEX "Agreement_blockId_idx" ON "Agreement"("blockId");

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "BlockAllocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealedAgreement" ADD CONSTRAINT "SealedAgreement_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- hand-written invariants
-- An agreement covers one request or one consortium block, never both or neither.
ALTER TABLE "Agreement" ADD CONSTRAINT agreement_has_one_subject CHECK (num_nonnulls("requestId", "blockId") = 1);

-- At most one live agreement (out for signature or signed) per request and per block:
-- two concurrent "send" clicks cannot leave two agreements to sign.
CREATE UNIQUE INDEX agreement_one_live_per_request ON "Agreement"("requestId") WHERE state IN ('AWAITING_SIGNATURES', 'SIGNED') AND "requestId" IS NOT NULL;
CREATE UNIQUE INDEX agreement_one_live_per_block ON "Agreement"("blockId") WHERE state IN ('AWAITING_SIGNATURES', 'SIGNED') AND "blockId" IS NOT NULL;

-- The sealed PDF is made once and never replaced.
ALTER TABLE "SealedAgreement" ADD CONSTRAINT sealed_hash_is_sha256 CHECK ("pdfHash" ~ '^[0-9a-f]{64}$');
CREATE FUNCTION sealed_agreement_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'A sealed agreement is final; it is never changed' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER sealed_agreement_final BEFORE UPDATE ON "SealedAgreement" FOR EACH ROW EXECUTE FUNCTION sealed_agreement_is_final();
