-- ---------------------------------------------------------------- hand-written invariants
-- At most one pending invitation per organisation and address. Addresses are
-- compared without case (the forms lower-case them, older rows may not be), so
-- a second invite renews the pending invitation instead of adding a row, and
-- two concurrent invites cannot leave two live links.

-- No invite may slip in between settling the duplicates and building the index.
LOCK TABLE "Invitation" IN SHARE ROW EXCLUSIVE MODE;

-- Earlier duplicates: keep the newest pending invitation for each organisation
-- and address, withdraw the others (their links then say "withdrawn"), and
-- write each withdrawal to the audit log with the reason.
WITH ranked AS (
  SELECT id, row_number() OVER (PARTITION BY "organisationId", lower(email) ORDER BY "createdAt" DESC, id DESC) AS newest_first
  FROM "Invitation"
  WHERE status = 'PENDING'
), withdrawn AS (
  UPDATE "Invitation" i SET status = 'REVOKED'
  FROM ranked r
  WHERE i.id = r.id AND r.newest_first > 1
  RETURNING i.id, i."organisationId", i.email, i.role
)
INSERT INTO "AuditEvent" (action, "entityType", "entityId", summary)
SELECT 'invitation.revoked', 'Invitation', id, jsonb_build_object(
  'before', jsonb_build_object('status', 'PENDING'),
  'after', jsonb_build_object('status', 'REVOKED', 'organisationId', "organisationId", 'email', email, 'role', role,
                              'reason', 'A newer pending invitation to the same address in the same organisation replaced it.')
)
FROM withdrawn;

CREATE UNIQUE INDEX invitation_one_pending_per_address ON "Invitation"("organisationId", lower(email)) WHERE status = 'PENDING';
