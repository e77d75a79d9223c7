// Booking-create throughput: through the real HTTP tRPC endpoint, and the same
// rows inserted directly in SQL, each at the same concurrency.
//
// The two are deliberately unequal in work. One `scheduling.place` call does,
// in one READ COMMITTED transaction: session decoding and actor load (auth),
// input validation (zod), the staff check on the endstation, the request and
// its remaining allocation, the shift arithmetic, expiry of stale holds, the
// overlap pre-check (for a readable message), the yearly reference counter
// (a locking upsert), the INSERT itself (exclusion constraint and all),
// an audit row, and an outbox email with its calendar invitation; after commit
// it nudges the mail worker. The direct path is only the INSERT, with the same
// columns and the same constraint checks in the database. Their ratio is the
// price of everything the portal does around the row.
import pg from "pg";
import type { PortalClient } from "./http-client";
import { runPool, type PoolResult } from "./stats";
import { ids, type Placement } from "./synthetic-world";

export function placeOverHttp(clients: PortalClient[], placements: Placement[], deadline: number): Promise<PoolResult> {
  return runPool(clients, placements.length, deadline, async (client, i) => {
    const p = placements[i]!;
    await client.mutation("scheduling.place", { requestId: p.requestId, endstationId: p.endstationId, date: p.date, firstShift: p.firstShift, shifts: 1, hold: false, holdDays: 7, notes: "" });
  });
}

/** Reference and title as the portal would write them for placement request k. */
const requestReference = (k: number) => `BENCH-P-${String(k + 1).padStart(6, "0")}`;

const insertBooking = `
  INSERT INTO "Booking" (id, reference, "endstationId", kind, state, "startsAt", "endsAt", shifts, "requestId", title, notes, "createdById", "updatedAt")
  VALUES ($1, $2, $3, 'REQUEST', 'CONFIRMED', $4, $5, 1, $6, $7, '', $8, now())`;

/** One autocommitted INSERT per booking, from `concurrency` connections. */
export async function insertOverSql(url: string, concurrency: number, placements: Placement[], firstK: number, deadline: number): Promise<PoolResult> {
  const clients = Array.from({ length: concurrency }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    return await runPool(clients, placements.length, deadline, async (client, i) => {
      const p = placements[i]!;
      const k = firstK + i;
      await client.query({
        name: "bench-insert-booking",
        text: insertBooking,
        values: [`bench-sql-${k}`, `SQL-${String(k).padStart(7, "0")}`, p.endstationId, p.startsAt, p.endsAt, p.requestId, `${requestReference(k)}: Synthetic request ${k + 1}`, ids.staff],
      });
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** What the runs left in the database: bookings per path, and the HTTP path's audit rows and outbox messages. */
export async function countWrites(url: string): Promise<{ http: number; sql: number; audit: number; outbox: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ http: string; sql: string; audit: string; outbox: string }>(`
      SELECT (SELECT count(*) FROM "Booking" WHERE "requestId" LIKE 'bench-place-%' AND id NOT LIKE 'bench-sql-%') AS http,
             (SELECT count(*) FROM "Booking" WHERE id LIKE 'bench-sql-%') AS sql,
             (SELECT count(*) FROM "AuditEvent" WHERE action = 'booking.placed' AND "actorId" = $1) AS audit,
             (SELECT count(*) FROM "OutboxMessage" WHERE template = 'booking-update' AND "to" = 'bench.applicant@bench-applicant.example') AS outbox`,
      [ids.staff],
    );
    const row = rows[0]!;
    return { http: Number(row.http), sql: Number(row.sql), audit: Number(row.audit), outbox: Number(row.outbox) };
  } finally {
    await client.end();
  }
}
