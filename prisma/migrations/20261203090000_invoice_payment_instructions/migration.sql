-- An issued invoice keeps the bank-transfer details it was issued with; a later change of the
-- facility's details no longer rewrites it. Existing invoices take their facility's details as
-- they stand today (the best record there is).
ALTER TABLE "Invoice" ADD COLUMN "paymentInstructions" TEXT NOT NULL DEFAULT '';
UPDATE "Invoice" i SET "paymentInstructions" = f."paymentInstructions" FROM "Facility" f WHERE f."id" = i."facilityId";
ALTER TABLE "Invoice" ALTER COLUMN "paymentInstructions" DROP DEFAULT;
