-- ---------------------------------------------------------------- membership history
-- A membership that ends (the person leaves, or a manager removes them) moves
-- here from "Membership", in the same transaction. "Membership" keeps meaning
-- "who belongs now", so every access check and every email recipient list
-- that reads it stays correct without a filter; this table answers "who
-- belonged when", e.g. whether a panel member was conflicted when a call closed.
CREATE TABLE "EndedMembership" (
    "id" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "authorisedSignatory" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMPTZ NOT NULL,
    "endedAt" TIMESTAMPTZ NOT NULL,
    "endedById" TEXT,
    "left" BOOLEAN NOT NULL,

    CONSTRAINT "EndedMembership_pkey" PRIMARY KEY ("id"),
    CONSTRAINT ended_membership_ends_after_it_starts CHECK ("endedAt" >= "startedAt")
);

CREATE UNIQUE INDEX "EndedMembership_membershipId_key" ON "EndedMembership"("membershipId");
CREATE INDEX "EndedMembership_userId_idx" ON "EndedMembership"("userId");
CREATE INDEX "EndedMembership_organisationId_idx" ON "EndedMembership"("organisationId");

-- History is not rewritten: a conflict of interest hidden by editing it would go unseen.
CREATE FUNCTION ended_membership_is_history() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'EndedMembership is history: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ended_membership_no_update BEFORE UPDATE OR DELETE ON "EndedMembership"
  FOR EACH ROW EXECUTE FUNCTION ended_membership_is_history();
