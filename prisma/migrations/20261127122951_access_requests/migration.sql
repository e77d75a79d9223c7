-- CreateEnum
CREATE TYPE "AccessRouteKind" AS ENUM ('PROPRIETARY_INDUSTRIAL', 'SME_INDUSTRIAL', 'NON_PROPRIETARY', 'RAPID', 'CONSORTIUM_BLOCK');

-- CreateEnum
CREATE TYPE "AccessRequestState" AS ENUM ('DRAFT', 'SUBMITTED', 'FEASIBILITY_REVIEW', 'CHANGES_REQUESTED', 'SAFETY_REVIEW', 'AWAITING_DECISION', 'PANEL_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('FEASIBILITY', 'SAFETY', 'PANEL', 'DECISION');

-- CreateTable
CREATE TABLE "AccessRoute" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "kind" "AccessRouteKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "dataPolicy" TEXT NOT NULL,
    "confidential" BOOLEAN NOT NULL,
    "needsCall" BOOLEAN NOT NULL,
    "decisionTargetDays" INTEGER NOT NULL,
    "maxShifts" INTEGER,
    "embargoMonths" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "AccessRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "routeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opensAt" TIMESTAMPTZ NOT NULL,
    "closesAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "reference" TEXT,
    "facilityId" TEXT NOT NULL,
    "routeId" TEXT NOT NULL,
    "callId" TEXT,
    "organisationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "demonstratorId" TEXT,
    "state" "AccessRequestState" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 0,
    "content" JSONB NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "shiftsRequested" INTEGER,
    "allocatedShifts" INTEGER,
    "decisionNote" TEXT,
    "submittedAt" TIMESTAMPTZ,
    "firstSubmittedAt" TIMESTAMPTZ,
    "decisionDueAt" TIMESTAMPTZ,
    "decidedAt" TIMESTAMPTZ,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequestEndstation" (
    "requestId" TEXT NOT NULL,
    "endstationId" TEXT NOT NULL,

    CONSTRAINT "AccessRequestEndstation_pkey" PRIMARY KEY ("requestId","endstationId")
);

-- CreateTable
CREATE TABLE "AccessRequestVersion" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "submittedAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT NOT NULL,

    CONSTRAINT "AccessRequestVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "ReviewKind" NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "shifts" INTEGER,
    "sampleEnvironment" TEXT,
    "hazards" TEXT[],
    "riskLevel" TEXT,
    "conditions" TEXT,
    "grade" INTEGER,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelMember" (
    "id" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isChair" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PanelMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "scope" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessRoute_facilityId_kind_key" ON "AccessRoute"("facilityId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Call_cycleId_routeId_key" ON "Call"("cycleId", "routeId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_reference_key" ON "AccessRequest"("reference");

-- CreateIndex
CREATE INDEX "AccessRequest_organisationId_state_idx" ON "AccessRequest"("organisationId", "state");

-- CreateIndex
CREATE INDEX "AccessRequest_facilityId_state_idx" ON "AccessRequest"("facilityId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequestVersion_requestId_version_key" ON "AccessRequestVersion"("requestId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Review_requestId_kind_reviewerId_version_key" ON "Review"("requestId", "kind", "reviewerId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PanelMember_cycleId_userId_key" ON "PanelMember"("cycleId", "userId");

-- AddForeignKey
ALTER TABLE "AccessRoute" ADD CONSTRAINT "AccessRoute_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "AccessRoute"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "AccessRoute"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_demonstratorId_fkey" FOREIGN KEY ("demonstratorId") REFERENCES "Demonstrator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestEndstation" ADD CONSTRAINT "AccessRequestEndstation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestEndstation" ADD CONSTRAINT "AccessRequestEndstation_endstationId_fkey" FOREIGN KEY ("endstationId") REFERENCES "Endstation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequestVersion" ADD CONSTRAINT "AccessRequestVersion_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------- hand-written invariants
ALTER TABLE "AccessRoute"
  ADD CONSTRAINT access_route_decision_target_positive CHECK ("decisionTargetDays" > 0),
  ADD CONSTRAINT access_route_max_shifts_positive CHECK ("maxShifts" IS NULL OR "maxShifts" > 0),
  ADD CONSTRAINT access_route_embargo_not_negative CHECK ("embargoMonths" IS NULL OR "embargoMonths" >= 0);
ALTER TABLE "Call" ADD CONSTRAINT call_closes_after_opening CHECK ("closesAt" > "opensAt");
ALTER TABLE "AccessRequest"
  ADD CONSTRAINT access_request_shifts_in_range CHECK ("shiftsRequested" IS NULL OR "shiftsRequested" BETWEEN 0 AND 1000),
  ADD CONSTRAINT access_request_allocation_positive CHECK ("allocatedShifts" IS NULL OR "allocatedShifts" > 0),
  ADD CONSTRAINT access_request_version_not_negative CHECK (version >= 0),
  -- Every request past the draft has its reference and its submission time.
  ADD CONSTRAINT access_request_submitted_has_reference CHECK (state = 'DRAFT' OR state = 'WITHDRAWN' OR (reference IS NOT NULL AND "submittedAt" IS NOT NULL)),
  ADD CONSTRAINT access_request_approved_has_shifts CHECK (state <> 'APPROVED' OR "allocatedShifts" IS NOT NULL);
ALTER TABLE "Review"
  ADD CONSTRAINT review_grade_range CHECK (grade IS NULL OR grade BETWEEN 1 AND 5),
  ADD CONSTRAINT review_panel_has_grade CHECK (kind <> 'PANEL' OR grade IS NOT NULL),
  ADD CONSTRAINT review_risk_level CHECK ("riskLevel" IS NULL OR "riskLevel" IN ('LOW', 'ELEVATED', 'HIGH'));
ALTER TABLE "ReferenceCounter" ADD CONSTRAINT reference_counter_positive CHECK (last > 0);
-- Submitted versions are a record: never rewritten.
CREATE FUNCTION access_request_version_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AccessRequestVersion rows are frozen: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER access_request_version_frozen BEFORE UPDATE ON "AccessRequestVersion"
  FOR EACH ROW EXECUTE FUNCTION access_request_version_is_frozen();
