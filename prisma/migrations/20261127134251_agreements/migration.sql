-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('PROPRIETARY_INDUSTRIAL', 'SME_INDUSTRIAL', 'NON_PROPRIETARY', 'CONSORTIUM');

-- CreateEnum
CREATE TYPE "DataAccessTier" AS ENUM ('PUBLIC', 'CONSORTIUM', 'FACILITY_AND_FUNDER', 'PROPRIETARY');

-- CreateEnum
CREATE TYPE "AgreementState" AS ENUM ('AWAITING_SIGNATURES', 'SIGNED', 'DECLINED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "SignatureState" AS ENUM ('PENDING', 'SIGNED', 'DECLINED');

-- CreateEnum
CREATE TYPE "SignatoryParty" AS ENUM ('APPLICANT', 'FACILITY', 'CONSORTIUM_MEMBER');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "authorisedSignatory" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AgreementTemplate" (
    "id" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "custodyClause" TEXT NOT NULL,
    "dataAccessTier" "DataAccessTier" NOT NULL,
    "embargoMonths" INTEGER,
    "licence" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "requestId" TEXT,
    "consortiumId" TEXT,
    "state" "AgreementState" NOT NULL DEFAULT 'AWAITING_SIGNATURES',
    "variables" JSONB NOT NULL,
    "renderedText" TEXT NOT NULL,
    "documentHash" TEXT NOT NULL,
    "dataAccessTier" "DataAccessTier" NOT NULL,
    "embargoEndsAt" TIMESTAMPTZ,
    "licence" TEXT,
    "sentAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ,
    "supersededById" TEXT,
    "sealedPdfAt" TIMESTAMPTZ,
    "createdById" TEXT NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementSignatory" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "party" "SignatoryParty" NOT NULL,
    "state" "SignatureState" NOT NULL DEFAULT 'PENDING',
    "signedById" TEXT,
    "typedName" TEXT,
    "signedAt" TIMESTAMPTZ,
    "ip" TEXT,
    "userAgent" TEXT,
    "documentHash" TEXT,
    "declineReason" TEXT,

    CONSTRAINT "AgreementSignatory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgreementTemplate_kind_version_key" ON "AgreementTemplate"("kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_reference_key" ON "Agreement"("reference");

-- CreateIndex
CREATE INDEX "Agreement_requestId_idx" ON "Agreement"("requestId");

-- CreateIndex
CREATE INDEX "Agreement_consortiumId_idx" ON "Agreement"("consortiumId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementSignatory_agreementId_organisationId_key" ON "AgreementSignatory"("agreementId", "organisationId");

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "AgreementTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSignatory" ADD CONSTRAINT "AgreementSignatory_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- hand-written invariants
ALTER TABLE "AgreementTemplate" ADD CONSTRAINT agreement_template_version_positive CHECK (version > 0);
ALTER TABLE "Agreement" ADD CONSTRAINT agreement_hash_is_sha256 CHECK ("documentHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "AgreementSignatory"
  ADD CONSTRAINT signature_is_complete CHECK (state <> 'SIGNED' OR ("signedById" IS NOT NULL AND "typedName" IS NOT NULL AND "signedAt" IS NOT NULL AND "documentHash" IS NOT NULL)),
  ADD CONSTRAINT decline_has_reason CHECK (state <> 'DECLINED' OR "declineReason" IS NOT NULL);

-- What was sent for signature never changes: a changed text is a new agreement (or template version).
CREATE FUNCTION agreement_text_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."renderedText" IS DISTINCT FROM OLD."renderedText" OR NEW."documentHash" IS DISTINCT FROM OLD."documentHash" OR NEW.variables IS DISTINCT FROM OLD.variables THEN
    RAISE EXCEPTION 'An agreement''s text is frozen once sent; send a new version instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER agreement_text_frozen BEFORE UPDATE ON "Agreement" FOR EACH ROW EXECUTE FUNCTION agreement_text_is_frozen();

CREATE FUNCTION agreement_template_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body OR NEW."custodyClause" IS DISTINCT FROM OLD."custodyClause" OR NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION 'A template version is frozen; save a new version instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER agreement_template_frozen BEFORE UPDATE ON "AgreementTemplate" FOR EACH ROW EXECUTE FUNCTION agreement_template_is_frozen();
