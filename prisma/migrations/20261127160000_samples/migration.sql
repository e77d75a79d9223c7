-- CreateEnum
CREATE TYPE "HazardClass" AS ENUM ('RADIOACTIVE', 'TOXIC', 'CORROSIVE', 'FLAMMABLE', 'PRESSURISED', 'NANOMATERIAL');

-- CreateEnum
CREATE TYPE "SampleAfterwards" AS ENUM ('RETURN', 'DISPOSE', 'KEEP_FOR_FOLLOW_UP');

-- CreateEnum
CREATE TYPE "SampleSafety" AS ENUM ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SampleStatus" AS ENUM ('REGISTERED', 'DISPATCHED', 'RECEIVED', 'STORED', 'RETURNED', 'DISPOSED');

-- CreateEnum
CREATE TYPE "ShipmentStatus" AS ENUM ('PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'RECEIVED', 'STORED', 'RETURNED', 'DISPOSED');

-- CreateEnum
CREATE TYPE "ContainerCondition" AS ENUM ('INTACT', 'DAMAGED', 'LEAKING');

-- CreateEnum
CREATE TYPE "CustodyKind" AS ENUM ('REGISTERED', 'SAFETY_APPROVED', 'SAFETY_REJECTED', 'PACKED', 'DISPATCHED', 'RECEIVED', 'FLAGGED', 'STORED', 'RETURN_DISPATCHED', 'DISPOSED');

-- CreateTable
CREATE TABLE "Sample" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "materialClass" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "originSite" TEXT NOT NULL,
    "originLocation" TEXT NOT NULL DEFAULT '',
    "originDepthM" DECIMAL(8,2),
    "collectedOn" DATE,
    "massGrams" DECIMAL(12,3),
    "volumeMl" DECIMAL(12,3),
    "dimensions" TEXT NOT NULL DEFAULT '',
    "igsn" TEXT,
    "hazards" "HazardClass"[],
    "activityBq" DECIMAL(14,2),
    "sdsFileName" TEXT,
    "sdsFile" BYTEA,
    "storageConditions" TEXT NOT NULL DEFAULT '',
    "afterwards" "SampleAfterwards" NOT NULL,
    "safety" "SampleSafety" NOT NULL,
    "riskLevel" TEXT,
    "safetyConditions" TEXT,
    "safetyDecidedById" TEXT,
    "status" "SampleStatus" NOT NULL DEFAULT 'REGISTERED',
    "containerId" TEXT,
    "storageLocation" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "courier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "declaredValueMinor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "dangerousGoods" BOOLEAN NOT NULL DEFAULT false,
    "unNumber" TEXT,
    "expectedArrival" DATE NOT NULL,
    "status" "ShipmentStatus" NOT NULL DEFAULT 'PLANNED',
    "dispatchedAt" TIMESTAMPTZ,
    "receivedAt" TIMESTAMPTZ,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Container" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ,
    "condition" "ContainerCondition",

    CONSTRAINT "Container_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustodyEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "CustodyKind" NOT NULL,
    "sampleId" TEXT,
    "containerId" TEXT,
    "shipmentId" TEXT,
    "actorId" TEXT,
    "actorName" TEXT,
    "location" TEXT,
    "condition" "ContainerCondition",
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CustodyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Sample_code_key" ON "Sample"("code");

-- CreateIndex
CREATE INDEX "Sample_requestId_idx" ON "Sample"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_reference_key" ON "Shipment"("reference");

-- CreateIndex
CREATE INDEX "Shipment_requestId_idx" ON "Shipment"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Container_code_key" ON "Container"("code");

-- CreateIndex
CREATE INDEX "CustodyEvent_sampleId_at_idx" ON "CustodyEvent"("sampleId", "at");

-- CreateIndex
CREATE INDEX "CustodyEvent_shipmentId_at_idx" ON "CustodyEvent"("shipmentId", "at");

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Sample"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "Facility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Container" ADD CONSTRAINT "Container_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyEvent" ADD CONSTRAINT "CustodyEvent_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyEvent" ADD CONSTRAINT "CustodyEvent_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyEvent" ADD CONSTRAINT "CustodyEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------- hand-written invariants
ALTER TABLE "Sample"
  ADD CONSTRAINT sample_mass_positive CHECK ("massGrams" IS NULL OR "massGrams" > 0),
  ADD CONSTRAINT sample_volume_positive CHECK ("volumeMl" IS NULL OR "volumeMl" > 0),
  ADD CONSTRAINT sample_has_amount CHECK ("massGrams" IS NOT NULL OR "volumeMl" IS NOT NULL),
  ADD CONSTRAINT sample_radioactive_has_activity CHECK (NOT ('RADIOACTIVE' = ANY(hazards)) OR ("activityBq" IS NOT NULL AND "activityBq" > 0)),
  ADD CONSTRAINT sample_hazard_needs_review CHECK (cardinality(hazards) = 0 OR safety <> 'NOT_REQUIRED'),
  ADD CONSTRAINT sample_not_own_parent CHECK ("parentId" IS NULL OR "parentId" <> id);
ALTER TABLE "Shipment"
  ADD CONSTRAINT shipment_value_not_negative CHECK ("declaredValueMinor" >= 0),
  ADD CONSTRAINT shipment_dangerous_goods_un CHECK (NOT "dangerousGoods" OR "unNumber" ~ '^UN[0-9]{4}$');

CREATE FUNCTION custody_chain_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The custody chain is append-only; record a new event instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER custody_chain_append_only BEFORE UPDATE OR DELETE ON "CustodyEvent" FOR EACH ROW EXECUTE FUNCTION custody_chain_is_append_only();
