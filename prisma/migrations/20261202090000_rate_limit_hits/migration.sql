-- Requests counted for rate limits other than sign-in (sign-up, sign-in links,
-- confirmation links, invitations): one row per request and bucket, e.g.
-- "sign-up:address:ana@example.com" or "sign-up:ip:203.0.113.7".
CREATE TABLE "RateLimitHit" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RateLimitHit_bucket_at_idx" ON "RateLimitHit"("bucket", "at");
