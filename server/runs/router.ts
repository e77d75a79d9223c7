import { z } from "zod";
import { requireUser, runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { closeRun } from "./close-run";
import { recordDowntime } from "./downtime";
import { citeFeeder } from "./feeders";
import { addLogEntry } from "./logbook";
import { mountSample, unmountSample } from "./mounts";
import { openRun } from "./open-run";
import { addOperator } from "./operators";
import { runsAccess as access } from "./policy";
import { getRun, listRuns, runnableBookings } from "./read-runs";
import { suggestSeriesMapping, suggestSeriesMappingSchema } from "./import-series";
import { scanFieldsFromNexus } from "./read-nexus";
import { addScan } from "./scans";
import { addOperatorSchema, closeRunSchema, downtimeSchema, feederSchema, logEntrySchema, mountSchema, nexusFileSchema, openRunSchema, runIdSchema, scanSchema, unmountSchema } from "./schemas";

/** The run logbook: open and close, operators, mounts, entries, downtime, scans, feeder runs. */
export const runsRouter = createRouter({
  get: procedure.meta({ access: access.get }).input(runIdSchema).query(({ ctx, input }) => getRun(ctx.db, ctx.actor, input.runId)),
  list: procedure.meta({ access: access.list }).input(z.object({ requestId: z.string().min(1).nullable().default(null) })).query(({ ctx, input }) => listRuns(ctx.db, ctx.actor, input)),
  runnable: procedure.meta({ access: access.runnable }).query(({ ctx }) => runnableBookings(ctx.db, ctx.actor)),
  open: procedure.meta({ access: access.open }).input(openRunSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => openRun(tx, requireUser(ctx), input))),
  close: procedure.meta({ access: access.close }).input(closeRunSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => closeRun(tx, requireUser(ctx), input))),
  addOperator: procedure.meta({ access: access.addOperator }).input(addOperatorSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => addOperator(tx, requireUser(ctx), input))),
  mount: procedure.meta({ access: access.mount }).input(mountSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => mountSample(tx, requireUser(ctx), input))),
  unmount: procedure.meta({ access: access.unmount }).input(unmountSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => unmountSample(tx, requireUser(ctx), input))),
  addEntry: procedure.meta({ access: access.addEntry }).input(logEntrySchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => addLogEntry(tx, requireUser(ctx), input))),
  recordDowntime: procedure.meta({ access: access.recordDowntime }).input(downtimeSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => recordDowntime(tx, requireUser(ctx), input))),
  addScan: procedure.meta({ access: access.addScan }).input(scanSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => addScan(tx, requireUser(ctx), input))),
  readNexus: procedure.meta({ access: access.readNexus }).input(nexusFileSchema).mutation(({ ctx, input }) => scanFieldsFromNexus(ctx.db, ctx.actor, input)),
  suggestSeriesMapping: procedure.meta({ access: access.suggestMapping }).input(suggestSeriesMappingSchema).query(({ ctx, input }) => suggestSeriesMapping(ctx.db, ctx.actor, input)),
  citeFeeder: procedure.meta({ access: access.citeFeeder }).input(feederSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => citeFeeder(tx, requireUser(ctx), input))),
});
