-- Exclusion constraints over time ranges (bookings, non-user time) need btree_gist.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('SME', 'INDUSTRY', 'ACADEMIC', 'FACILITY', 'FUNDER', 'OPERATOR');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('APPLICANT', 'CONSORTIUM_LEAD', 'CONSORTIUM_MEMBER', 'FACILITY_STAFF', 'FACILITY_ADMIN', 'FUNDER', 'PLATFORM_ADMIN');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REVOKED');

-- CreateEnum
CREATE TYPE "FacilityKind" AS ENUM ('SYNCHROTRON', 'LAB_CT');

-- CreateEnum
CREATE TYPE "Technique" AS ENUM ('MICRO_CT', 'NANO_CT', 'XRF_CT', 'XANES_CT', 'XRD_CT', 'LAB_CT');

-- CreateEnum
CREATE TYPE "DemonstratorCase" AS ENUM ('HARD_ROCK_LIBERATION', 'BRINE_DLE', 'RECYCLING', 'TAILINGS');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "emailVerified" TIMESTAMPTZ,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ NOT NULL
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmeDeclaration" (
    "organisationId" TEXT NOT NULL,
    "staffHeadcount" INTEGER NOT NULL,
    "annualTurnoverCents" BIGINT NOT NULL,
    "balanceSheetTotalCents" BIGINT NOT NULL,
    "referenceYear" INTEGER NOT NULL,
    "qualifies" BOOLEAN NOT NULL,
    "declaredAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "declaredById" TEXT,

    CONSTRAINT "SmeDeclaration_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "expiresAt" TIMESTAMPTZ NOT NULL,
    "acceptedAt" TIMESTAMPTZ,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitedById" TEXT NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Facility" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "FacilityKind" NOT NULL,
    "timeZone" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,

    CONSTRAINT "Facility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endstation" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "technique" "Technique" NOT NULL,
    "description" TEXT NOT NULL,
    "shiftHours" INTEGER NOT NULL DEFAULT 8,
    "shiftsPerDay" INTEGER NOT NULL DEFAULT 3,
    "firstShiftStartsAt" TEXT NOT NULL DEFAULT '00:00',
    "minVoxelUm" DECIMAL(8,3),
    "maxEnergyKeV" DECIMAL(8,2),
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Endstation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ NOT NULL,
    "endsAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consortium" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "leadOrganisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consortium_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsortiumMember" (
    "consortiumId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "joinedAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsortiumMember_pkey" PRIMARY KEY ("consortiumId","organisationId")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "funderOrganisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "budgetMinor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "startsOn" TIMESTAMPTZ NOT NULL,
    "endsOn" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Demonstrator" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "leadOrganisationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "case" "DemonstratorCase" NOT NULL,
    "summary" TEXT NOT NULL,
    "startsOn" TIMESTAMPTZ NOT NULL,
    "pilotDecisionDue" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Demonstrator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "props" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "providerId" TEXT,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevMailboxMessage" (
    "id" TEXT NOT NULL,
    "outboxId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevMailboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organisationId_role_key" ON "Membership"("userId", "organisationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organisationId_status_idx" ON "Invitation"("organisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Facility_organisationId_key" ON "Facility"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Facility_code_key" ON "Facility"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Endstation_facilityId_code_key" ON "Endstation"("facilityId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_facilityId_name_key" ON "Cycle"("facilityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Consortium_name_key" ON "Consortium"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Consortium_acronym_key" ON "Consortium"("acronym");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_name_key" ON "Programme"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Demonstrator_title_key" ON "Demonstrator"("title");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "DevMailboxMessage_outboxId_key" ON "DevMailboxMessage"("outboxId");

-- CreateIndex
CREATE INDEX "DevMailboxMessage_to_createdAt_idx" ON "DevMailboxMessage"("to", "createdAt");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmeDeclaration" ADD CONSTRAINT "SmeDeclaration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Facility" ADD CONSTRAINT "Facility_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endstation" ADD CONSTRAINT "Endstation_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consortium" ADD CONSTRAINT "Consortium_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumMember" ADD CONSTRAINT "ConsortiumMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_funderOrganisationId_fkey" FOREIGN KEY ("funderOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demonstrator" ADD CONSTRAINT "Demonstrator_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demonstrator" ADD CONSTRAINT "Demonstrator_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------- hand-written invariants

-- The audit log is append-only: no UPDATE, no DELETE, not even by the application.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

ALTER TABLE "SmeDeclaration"
  ADD CONSTRAINT sme_figures_not_negative CHECK ("staffHeadcount" >= 0 AND "annualTurnoverCents" >= 0 AND "balanceSheetTotalCents" >= 0);
ALTER TABLE "Organisation" ADD CONSTRAINT organisation_country_iso CHECK (country ~ '^[A-Z]{2}$');
ALTER TABLE "Facility" ADD CONSTRAINT facility_country_iso CHECK (country ~ '^[A-Z]{2}$');
ALTER TABLE "Endstation"
  ADD CONSTRAINT endstation_shift_pattern CHECK ("shiftHours" > 0 AND "shiftsPerDay" > 0 AND "shiftHours" * "shiftsPerDay" <= 24),
  ADD CONSTRAINT endstation_first_shift_time CHECK ("firstShiftStartsAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE "Cycle" ADD CONSTRAINT cycle_ends_after_start CHECK ("endsAt" > "startsAt");
ALTER TABLE "Programme"
  ADD CONSTRAINT programme_budget_not_negative CHECK ("budgetMinor" >= 0),
  ADD CONSTRAINT programme_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT programme_ends_after_start CHECK ("endsOn" > "startsOn");
ALTER TABLE "Demonstrator" ADD CONSTRAINT demonstrator_decision_after_start CHECK ("pilotDecisionDue" > "startsOn");
ALTER TABLE "OutboxMessage" ADD CONSTRAINT outbox_attempts_not_negative CHECK (attempts >= 0);
ALTER TABLE "Invitation" ADD CONSTRAINT invitation_expires_after_creation CHECK ("expiresAt" > "createdAt");
