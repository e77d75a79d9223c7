-- A template belongs to one facility, or to the whole platform when facilityId
-- is NULL. A facility's own template of a kind takes precedence over the
-- platform's; versions count separately in each scope.
ALTER TABLE "AgreementTemplate" ADD COLUMN "facilityId" TEXT;
ALTER TABLE "AgreementTemplate" ADD CONSTRAINT "AgreementTemplate_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
DROP INDEX "AgreementTemplate_kind_version_key";
CREATE UNIQUE INDEX agreement_template_platform_version ON "AgreementTemplate"("kind", "version") WHERE "facilityId" IS NULL;
CREATE UNIQUE INDEX agreement_template_facility_version ON "AgreementTemplate"("facilityId", "kind", "version") WHERE "facilityId" IS NOT NULL;

-- What an agreement of each kind may do with the data: a proprietary
-- industrial agreement never publishes, an SME's data stay with the SME (and
-- the funder that subsidised it), non-proprietary access must publish, and a
-- consortium keeps data among its members or publishes them.
ALTER TABLE "AgreementTemplate" ADD CONSTRAINT agreement_template_tier_fits_kind CHECK (
  ("kind" = 'PROPRIETARY_INDUSTRIAL' AND "dataAccessTier" = 'PROPRIETARY')
  OR ("kind" = 'SME_INDUSTRIAL' AND "dataAccessTier" IN ('PROPRIETARY', 'FACILITY_AND_FUNDER'))
  OR ("kind" = 'NON_PROPRIETARY' AND "dataAccessTier" = 'PUBLIC')
  OR ("kind" = 'CONSORTIUM' AND "dataAccessTier" IN ('CONSORTIUM', 'PUBLIC'))
);
