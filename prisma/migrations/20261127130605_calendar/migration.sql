-- CreateEnum
CREATE TYPE "BookingKind" AS ENUM ('REQUEST', 'BLOCK', 'MAINTENANCE', 'MACHINE_DEVELOPMENT', 'SHUTDOWN');

-- CreateEnum
CREATE TYPE "BookingState" AS ENUM ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "SessionState" AS ENUM ('PENDING_APPROVAL', 'BOOKED', 'DECLINED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Consortium" ADD COLUMN     "leadApprovesSessions" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "endstationId" TEXT NOT NULL,
    "kind" "BookingKind" NOT NULL,
    "state" "BookingState" NOT NULL,
    "startsAt" TIMESTAMPTZ NOT NULL,
    "endsAt" TIMESTAMPTZ NOT NULL,
    "shifts" INTEGER NOT NULL,
    "requestId" TEXT,
    "blockId" TEXT,
    "cycleId" TEXT,
    "holdExpiresAt" TIMESTAMPTZ,
    "title" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "cancelReason" TEXT,
    "downtimeHours" DECIMAL(6,2) NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockAllocation" (
    "id" TEXT NOT NULL,
    "consortiumId" TEXT NOT NULL,
    "endstationId" TEXT NOT NULL,
    "shiftsPerCycle" INTEGER NOT NULL,
    "firstCycleStart" TIMESTAMPTZ NOT NULL,
    "lastCycleEnd" TIMESTAMPTZ NOT NULL,
    "reportingDates" TEXT[],
    "unusedWarningDays" INTEGER NOT NULL DEFAULT 21,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockShare" (
    "id" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "shifts" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ NOT NULL,

    CONSTRAINT "BlockShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockSession" (
    "id" TEXT NOT NULL,
    "placementId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "state" "SessionState" NOT NULL,
    "startsAt" TIMESTAMPTZ NOT NULL,
    "endsAt" TIMESTAMPTZ NOT NULL,
    "shifts" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Booking_reference_key" ON "Booking"("reference");

-- CreateIndex
CREATE INDEX "Booking_endstationId_startsAt_idx" ON "Booking"("endstationId", "startsAt");

-- CreateIndex
CREATE INDEX "Booking_requestId_idx" ON "Booking"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "BlockShare_blockId_cycleId_organisationId_key" ON "BlockShare"("blockId", "cycleId", "organisationId");

-- CreateIndex
CREATE INDEX "BlockSession_placementId_idx" ON "BlockSession"("placementId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_token_key" ON "CalendarFeed"("token");

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_endstationId_fkey" FOREIGN KEY ("endstationId") REFERENCES "Endstation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "BlockAllocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockAllocation" ADD CONSTRAINT "BlockAllocation_consortiumId_fkey" FOREIGN KEY ("consortiumId") REFERENCES "Consortium"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockAllocation" ADD CONSTRAINT "BlockAllocation_endstationId_fkey" FOREIGN KEY ("endstationId") REFERENCES "Endstation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockShare" ADD CONSTRAINT "BlockShare_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "BlockAllocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockShare" ADD CONSTRAINT "BlockShare_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockShare" ADD CONSTRAINT "BlockShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockSession" ADD CONSTRAINT "BlockSession_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockSession" ADD CONSTRAINT "BlockSession_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- hand-written invariants

-- No two held or confirmed entries may share an endstation's time: bookings,
-- consortium blocks and non-user time alike. An overlap fails with 23P01.
ALTER TABLE "Booking"
  ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist ("endstationId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE (state IN ('HELD', 'CONFIRMED')),
  ADD CONSTRAINT booking_ends_after_start CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT booking_shifts_positive CHECK (shifts > 0),
  ADD CONSTRAINT booking_downtime_not_negative CHECK ("downtimeHours" >= 0),
  ADD CONSTRAINT booking_hold_expires CHECK (state <> 'HELD' OR "holdExpiresAt" IS NOT NULL),
  ADD CONSTRAINT booking_request_link CHECK (kind <> 'REQUEST' OR "requestId" IS NOT NULL),
  ADD CONSTRAINT booking_block_link CHECK (kind <> 'BLOCK' OR "blockId" IS NOT NULL),
  ADD CONSTRAINT booking_cancel_reason CHECK (state <> 'CANCELLED' OR "cancelReason" IS NOT NULL);

-- Members' sessions inside one placed block never overlap each other...
ALTER TABLE "BlockSession"
  ADD CONSTRAINT block_session_no_overlap EXCLUDE USING gist ("placementId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE (state IN ('PENDING_APPROVAL', 'BOOKED')),
  ADD CONSTRAINT block_session_ends_after_start CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT block_session_shifts_positive CHECK (shifts > 0);

-- ...and lie inside the block's placed time.
CREATE FUNCTION block_session_inside_placement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  placement record;
BEGIN
  SELECT "startsAt", "endsAt", kind, state INTO placement FROM "Booking" WHERE id = NEW."placementId";
  IF placement.kind <> 'BLOCK' OR placement.state <> 'CONFIRMED' THEN
    RAISE EXCEPTION 'A session must be inside a confirmed block placement' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."startsAt" < placement."startsAt" OR NEW."endsAt" > placement."endsAt" THEN
    RAISE EXCEPTION 'The session lies outside the block''s time' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER block_session_inside_placement BEFORE INSERT OR UPDATE OF "startsAt", "endsAt", "placementId" ON "BlockSession"
  FOR EACH ROW EXECUTE FUNCTION block_session_inside_placement();

ALTER TABLE "BlockShare" ADD CONSTRAINT block_share_not_negative CHECK (shifts >= 0);
ALTER TABLE "BlockAllocation"
  ADD CONSTRAINT block_shifts_positive CHECK ("shiftsPerCycle" > 0),
  ADD CONSTRAINT block_period_positive CHECK ("lastCycleEnd" > "firstCycleStart"),
  ADD CONSTRAINT block_warning_days CHECK ("unusedWarningDays" BETWEEN 0 AND 180);
