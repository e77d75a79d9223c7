import type { Actor } from "../access/actor";
import { organisationIdsOf } from "../access/actor";
import { clock } from "../clock";
import type { Db } from "../db";
import { currentTemplates, templateSteps } from "../pipelines/templates";
import { loadVisibleRun } from "./load";
import { isRunStaff, isRunTeam, visibleRunsWhere } from "./policy";

/** Everything the run page shows, for someone who may see the run. */
export async function getRun(db: Db, actor: Actor, runId: string) {
  const run = await loadVisibleRun(db, actor, runId);
  const [detail, samples, pipelines] = await Promise.all([
    db.run.findUniqueOrThrow({
      where: { id: run.id },
      include: {
        endstation: { select: { id: true, name: true, code: true } },
        organisation: { select: { id: true, name: true } },
        request: { select: { id: true, reference: true, title: true } },
        session: { select: { id: true, title: true, startsAt: true, endsAt: true } },
        operators: { orderBy: { addedAt: "asc" } },
        mounts: { orderBy: { mountedAt: "asc" }, include: { sample: { select: { id: true, code: true, name: true } } } },
        entries: { orderBy: [{ at: "asc" }, { id: "asc" }] },
        downtime: { orderBy: { startsAt: "asc" } },
        scans: { orderBy: { startTime: "asc" }, include: { sample: { select: { code: true } } } },
        series: { orderBy: [{ kind: "asc" }, { key: "asc" }], select: { id: true, key: true, kind: true, unit: true, method: true, referenceElectrode: true, pointCount: true, startsAt: true, endsAt: true } },
        feeders: { include: { feederRun: { select: { id: true, reference: true, facility: { select: { name: true } }, openedAt: true } } } },
        citedBy: { include: { run: { select: { id: true, reference: true, facility: { select: { name: true } } } } } },
      },
    }),
    // What staff may mount: the request's samples the facility holds.
    run.requestId ? db.sample.findMany({ where: { requestId: run.requestId, status: { in: ["RECEIVED", "STORED"] } }, select: { id: true, code: true, name: true }, orderBy: { code: "asc" } }) : [],
    db.pipelineRun.findMany({ where: { runId: run.id }, orderBy: { createdAt: "desc" }, include: { template: { select: { name: true, version: true } }, steps: { orderBy: { position: "asc" }, select: { id: true, key: true, kind: true, state: true, progress: true, executor: true, message: true } } } }),
  ]);
  const window = detail.session ?? run.booking;
  const staff = isRunStaff(actor, { facilityOrganisationId: run.facility.organisationId });
  // The pipelines this person may start on the run's scans.
  const templates = (await currentTemplates(db, run.endstationId))
    .filter((t) => staff || t.applicantsMayStart)
    .map((t) => ({ id: t.id, name: t.name, version: t.version, description: t.description, steps: templateSteps(t.steps).map((s) => ({ key: s.key, name: s.name, kind: s.kind, executor: s.executor })) }));
  return {
    run: { ...detail, entries: detail.entries.map((e) => ({ ...e, id: e.id.toString(), correctsId: e.correctsId?.toString() ?? null })), scans: detail.scans.map((s) => ({ ...s, sizeBytes: s.sizeBytes?.toString() ?? null })) },
    facility: run.facility,
    window: { startsAt: window.startsAt, endsAt: window.endsAt },
    mountable: samples,
    pipelines,
    templates,
    /** Instruments whose CSV mapping the facility remembers (staff only). */
    instruments: staff ? (await db.instrumentMapping.findMany({ where: { facilityId: run.facilityId }, select: { instrument: true }, orderBy: { instrument: "asc" } })).map((i) => i.instrument) : [],
    you: { staff, team: isRunTeam(actor, run), canClose: staff && run.state === "OPEN" && clock.now() >= window.endsAt },
  };
}

/** The runs the actor may see, newest first; for a request, its runs. */
export async function listRuns(db: Db, actor: Actor, filter: { requestId?: string | null } = {}) {
  return db.run.findMany({
    where: { AND: [visibleRunsWhere(actor), filter.requestId ? { requestId: filter.requestId } : {}] },
    orderBy: { openedAt: "desc" },
    take: 200,
    select: {
      id: true,
      reference: true,
      state: true,
      openedAt: true,
      closedAt: true,
      facility: { select: { name: true, timeZone: true } },
      endstation: { select: { name: true } },
      organisation: { select: { name: true } },
      request: { select: { id: true, reference: true, title: true } },
      _count: { select: { scans: true, pipelines: true } },
      pipelines: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, reference: true, state: true } },
    },
  });
}

export interface RunnableBooking {
  bookingId: string;
  sessionId: string | null;
  reference: string;
  title: string;
  organisation: string;
  endstation: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/**
 * Confirmed bookings at the actor's facilities whose time has started in the
 * last 30 days and whose run is not open yet: what staff open next.
 */
export async function runnableBookings(db: Db, actor: Actor) {
  const now = clock.now();
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const facilityOrgs = organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN");
  const bookings = await db.booking.findMany({
    where: { state: "CONFIRMED", kind: { in: ["REQUEST", "BLOCK"] }, startsAt: { lte: now }, endsAt: { gte: since }, endstation: { facility: { organisationId: { in: facilityOrgs } } } },
    orderBy: { startsAt: "desc" },
    include: {
      endstation: { select: { name: true, facility: { select: { timeZone: true } } } },
      request: { select: { reference: true, title: true, organisation: { select: { name: true } } } },
      sessions: { where: { state: "BOOKED", startsAt: { lte: now } }, include: { organisation: { select: { name: true } }, run: { select: { id: true } } } },
      runs: { select: { id: true, sessionId: true } },
    },
  });
  return bookings.flatMap((b): RunnableBooking[] => {
    if (b.kind === "REQUEST") return b.runs.some((r) => r.sessionId === null) ? [] : [{ bookingId: b.id, sessionId: null, reference: b.reference, title: b.request?.title ?? b.title, organisation: b.request?.organisation.name ?? "", endstation: b.endstation.name, startsAt: b.startsAt, endsAt: b.endsAt, timeZone: b.endstation.facility.timeZone }];
    return b.sessions.filter((s) => !s.run).map((s) => ({ bookingId: b.id, sessionId: s.id, reference: b.reference, title: s.title, organisation: s.organisation.name, endstation: b.endstation.name, startsAt: s.startsAt, endsAt: s.endsAt, timeZone: b.endstation.facility.timeZone }));
  });
}
