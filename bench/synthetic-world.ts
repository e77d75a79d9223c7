// The benchmark's data: one synthetic facility (Europe/London) with 30 endstations
// of 3 x 8 h shifts, ten six-month cycles 2027–2031, approved requests, and N
// CONFIRMED one-shift bookings, bulk-loaded with set-based SQL. The bookings
// are a random pick of every shift on every endstation over the five years,
// so each endstation's timeline is back-to-back shifts with random gaps and
// the exclusion constraint holds.
import pg from "pg";
import { addDays, shiftStart, slotFor, type ShiftPattern, type Slot } from "../server/scheduling/shifts";

export const zone = "Europe/London";
export const endstationCount = 30;
export const pattern: ShiftPattern = { timeZone: zone, shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "00:00" };
export const ids = {
  facility: "bench-facility",
  facilityOrg: "bench-org-facility",
  applicantOrg: "bench-org-applicant",
  staff: "bench-user-staff",
  applicant: "bench-user-applicant",
  route: "bench-route",
  endstation: (i: number) => `bench-es-${String(i + 1).padStart(2, "0")}`,
  cycle: (year: number, half: 1 | 2) => `bench-cycle-${year}-${half}`,
  /** Approved request k (1 shift) reserved for placement k: HTTP takes 0..N-1, SQL N..2N-1. */
  placementRequest: (k: number) => `bench-place-${k}`,
};
export const staffEmail = "bench.staff@bench-light-source.example";
/** The demo staff account whose password hash the synthetic staff user borrows (password lodestone-demo-2027). */
const demoStaffEmail = "owain.rees@severn-light-source.example";

/** Organisations, facility, endstations, cycles, users, route: small, row by row. */
async function loadFacility(client: pg.Client) {
  await client.query(`
    INSERT INTO "Organisation" (id, name, kind, country, description) VALUES
      ('${ids.facilityOrg}', 'Bench Synthetic Light Source', 'FACILITY', 'GB', 'Synthetic facility for npm run bench'),
      ('${ids.applicantOrg}', 'Bench Synthetic Applicant Ltd', 'SME', 'GB', 'Synthetic applicant for npm run bench');
    INSERT INTO "Facility" (id, "organisationId", code, name, kind, "timeZone", city, country)
      VALUES ('${ids.facility}', '${ids.facilityOrg}', 'BENCH', 'Bench Synthetic Light Source', 'SYNCHROTRON', '${zone}', 'Bristol', 'GB');
    INSERT INTO "Endstation" (id, "facilityId", code, name, technique, description, "shiftHours", "shiftsPerDay", "firstShiftStartsAt")
      SELECT 'bench-es-' || lpad(i::text, 2, '0'), '${ids.facility}', 'B' || lpad(i::text, 2, '0'), 'Bench endstation ' || i, 'MICRO_CT', 'Synthetic', 8, 3, '00:00'
      FROM generate_series(1, ${endstationCount}) i;
    INSERT INTO "Cycle" (id, "facilityId", name, "startsAt", "endsAt")
      SELECT 'bench-cycle-' || y || '-' || h, '${ids.facility}', y || '-' || h,
             make_timestamp(y, h * 6 - 5, 1, 0, 0, 0) AT TIME ZONE '${zone}',
             (make_timestamp(y, h * 6 - 5, 1, 0, 0, 0) + interval '6 months') AT TIME ZONE '${zone}'
      FROM generate_series(2027, 2031) y, generate_series(1, 2) h;
    INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified")
      SELECT '${ids.staff}', '${staffEmail}', 'Bench Staff', "passwordHash", now() FROM "User" WHERE email = '${demoStaffEmail}';
    INSERT INTO "User" (id, email, name) VALUES ('${ids.applicant}', 'bench.applicant@bench-applicant.example', 'Bench Applicant');
    INSERT INTO "Membership" (id, "userId", "organisationId", role) VALUES
      ('bench-membership-staff', '${ids.staff}', '${ids.facilityOrg}', 'FACILITY_STAFF'),
      ('bench-membership-applicant', '${ids.applicant}', '${ids.applicantOrg}', 'APPLICANT');
    INSERT INTO "AccessRoute" (id, "facilityId", kind, name, description, "dataPolicy", confidential, "needsCall", "decisionTargetDays")
      VALUES ('${ids.route}', '${ids.facility}', 'NON_PROPRIETARY', 'Open access', 'Synthetic', 'Open after embargo', false, false, 60);
  `);
  const { rowCount } = await client.query(`SELECT 1 FROM "User" WHERE id = $1`, [ids.staff]);
  if (!rowCount) throw new Error(`The demo staff user ${demoStaffEmail} is missing: was the demo world seeded?`);
}

/** Approved requests: `prefix` + 1..count, references BENCH-<tag>-000001, `allocated` shifts each. */
async function loadRequests(client: pg.Client, idOf: string, tag: string, from: number, count: number, allocated: number) {
  await client.query(
    `INSERT INTO "AccessRequest" (id, reference, "facilityId", "routeId", "organisationId", "createdById", state, version, content, title,
                                  "shiftsRequested", "allocatedShifts", "submittedAt", "firstSubmittedAt", "decidedAt", "updatedAt")
     SELECT ${idOf}, 'BENCH-${tag}-' || lpad(i::text, 6, '0'), $1, $2, $3, $4, 'APPROVED', 1, '{}'::jsonb, 'Synthetic request ' || i,
            $5, $5, now(), now(), now(), now()
     FROM generate_series($6::int, $7::int) i`,
    [ids.facility, ids.route, ids.applicantOrg, ids.applicant, allocated, from, from + count - 1],
  );
  // Beamtime is confirmed only under a signed agreement (the agreement gate), so each request has one.
  await client.query(
    `INSERT INTO "AgreementTemplate" (id, kind, version, title, body, "custodyClause", "dataAccessTier", "createdById")
     VALUES ('bench-template', 'NON_PROPRIETARY', 424242, 'Bench agreement', 'Synthetic terms', 'Synthetic custody', 'PUBLIC', $1)
     ON CONFLICT (id) DO NOTHING`,
    [ids.applicant],
  );
  await client.query(
    `INSERT INTO "Agreement" (id, reference, "templateId", "requestId", state, variables, "renderedText", "documentHash", "dataAccessTier", "completedAt", "createdById")
     SELECT 'bench-agr-${tag}-' || i, 'BENCH-AGR-${tag}-' || lpad(i::text, 6, '0'), 'bench-template', ${idOf}, 'SIGNED', '{}'::jsonb, 'Synthetic terms', repeat('b', 64), 'PUBLIC', now(), $1
     FROM generate_series($2::int, $3::int) i`,
    [ids.applicant, from, from + count - 1],
  );
}

/** `count` one-shift CONFIRMED bookings on random free shifts of 2027–2031; every 20th is maintenance. */
async function loadBookings(client: pg.Client, count: number, requests: number) {
  const { rowCount } = await client.query(
    `INSERT INTO "Booking" (id, reference, "endstationId", kind, state, "startsAt", "endsAt", shifts, "requestId", "cycleId", title, "createdById", "updatedAt")
     SELECT 'bench-bk-' || n, 'SYN-' || lpad(n::text, 7, '0'), es,
            CASE WHEN n % 20 = 0 THEN 'MAINTENANCE' ELSE 'REQUEST' END::"BookingKind", 'CONFIRMED', starts, starts + interval '8 hours', 1,
            CASE WHEN n % 20 = 0 THEN NULL ELSE 'bench-req-' || (n % $2 + 1) END,
            'bench-cycle-' || extract(year FROM day) || '-' || CASE WHEN extract(month FROM day) <= 6 THEN 1 ELSE 2 END,
            CASE WHEN n % 20 = 0 THEN 'Vacuum maintenance' ELSE 'BENCH-R-' || lpad((n % $2 + 1)::text, 6, '0') || ': Synthetic request ' || (n % $2 + 1) END,
            $3, now()
     FROM (
       SELECT picked.*, row_number() OVER (ORDER BY starts, es) AS n
       FROM (
         SELECT 'bench-es-' || lpad(e::text, 2, '0') AS es, day, (day AT TIME ZONE '${zone}') + shift * interval '8 hours' AS starts
         FROM generate_series(1, ${endstationCount}) e,
              generate_series(timestamp '2027-01-01', timestamp '2031-12-31', interval '1 day') day,
              generate_series(0, 2) shift
         -- On the spring-forward day (23 h) the third shift runs into the next day's first: leave it out.
         WHERE (day AT TIME ZONE '${zone}') + (shift + 1) * interval '8 hours' <= ((day + interval '1 day') AT TIME ZONE '${zone}')
         ORDER BY random()
         LIMIT $1
       ) picked
     ) numbered`,
    [count, requests, ids.staff],
  );
  if (rowCount !== count) throw new Error(`Only ${rowCount} of ${count} bookings fit in 2027–2031 (at most about 164,000).`);
}

export interface LoadTimings {
  facilityMs: number;
  requestsMs: number;
  bookingsMs: number;
  analyseMs: number;
}

/** Loads the synthetic world into an already migrated and seeded database. */
export async function loadSyntheticWorld(url: string, bookings: number, placements: number): Promise<LoadTimings> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let mark = performance.now();
    const lap = () => {
      const spent = performance.now() - mark;
      mark += spent;
      return spent;
    };
    await loadFacility(client);
    const facilityMs = lap();
    const bulkRequests = Math.max(1, Math.ceil(bookings / 20));
    await loadRequests(client, `'bench-req-' || i`, "R", 1, bulkRequests, 40);
    if (placements > 0) await loadRequests(client, `'bench-place-' || (i - 1)`, "P", 1, 2 * placements, 1);
    const requestsMs = lap();
    await loadBookings(client, bookings, bulkRequests);
    const bookingsMs = lap();
    await client.query("ANALYZE");
    return { facilityMs, requestsMs, bookingsMs, analyseMs: lap() };
  } finally {
    await client.end();
  }
}

export interface Placement extends Slot {
  requestId: string;
  endstationId: string;
  date: string;
  firstShift: number;
}

/**
 * Free one-shift slots after the loaded years (from 2032), dealt round-robin
 * over the endstations: placement k is on endstation k mod 30. HTTP uses
 * k = 0..N-1 and SQL k = N..2N-1, so no two placements want the same shift.
 */
export function placementSlots(from: number, count: number, endstations = endstationCount): Placement[] {
  const positions: { date: string; firstShift: number; slot: Slot }[] = [];
  const needed = Math.ceil((from + count) / endstations);
  for (let date = "2032-01-05"; positions.length < needed; date = addDays(date, 1)) {
    const nextDay = shiftStart(addDays(date, 1), 0, pattern);
    for (let firstShift = 0; firstShift < pattern.shiftsPerDay; firstShift++) {
      const slot = slotFor(date, firstShift, 1, pattern);
      if (slot.endsAt <= nextDay) positions.push({ date, firstShift, slot });
    }
  }
  return Array.from({ length: count }, (_, i) => {
    const k = from + i;
    const position = positions[Math.floor(k / endstations)]!;
    return { requestId: ids.placementRequest(k), endstationId: ids.endstation(k % endstations), date: position.date, firstShift: position.firstShift, ...position.slot };
  });
}
