-- A shipment whose arrived samples have all left the facility, some returned and some disposed of.
ALTER TYPE "ShipmentStatus" ADD VALUE 'RETURNED_AND_DISPOSED';
