-- The calendar feed's token is no longer stored: only its SHA-256, so a copy of
-- the database does not hand out everyone's feeds. The token itself is derived
-- when shown (HMAC of the user id and "generation" under the server secret), so
-- the bookings page can show the address again; rotating bumps the generation.
-- Existing random tokens are hashed in place (sha256() is built into PostgreSQL 11+):
-- those addresses keep working until their owner next opens the address.
ALTER TABLE "CalendarFeed" ADD COLUMN "tokenHash" TEXT;
UPDATE "CalendarFeed" SET "tokenHash" = encode(sha256(convert_to(token, 'UTF8')), 'hex');
ALTER TABLE "CalendarFeed" ALTER COLUMN "tokenHash" SET NOT NULL;
ALTER TABLE "CalendarFeed" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;
DROP INDEX "CalendarFeed_token_key";
ALTER TABLE "CalendarFeed" DROP COLUMN token;
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");
