import { createRouter, procedure } from "../trpc";
import { requireUser, runMutation } from "../run";
import { allocateRequest } from "./allocate-request";
import { createDraft } from "./create-draft";
import { decideRequest } from "./decide-request";
import { gradeRequest } from "./grade-request";
import { panelView } from "./panel-view";
import { accessRequestAccess as access } from "./policy";
import { countRequestsByState, getRequest, listDemonstrators, listRequests, listRoutes } from "./read-requests";
import { recordFeasibility } from "./record-feasibility";
import { recordSafety } from "./record-safety";
import { saveDraft } from "./save-draft";
import {
  createDraftSchema,
  decisionSchema,
  feasibilityReviewSchema,
  gradeSchema,
  listRequestsSchema,
  requestIdSchema,
  safetyReviewSchema,
  saveDraftSchema,
  submitRequestSchema,
} from "./schemas";
import { startFeasibility } from "./start-feasibility";
import { submitRequest } from "./submit-request";
import { withdrawRequest } from "./withdraw-request";

export const accessRequestsRouter = createRouter({
  routes: procedure.meta({ access: access.routes }).query(({ ctx }) => listRoutes(ctx.db)),
  demonstrators: procedure.meta({ access: access.routes }).query(({ ctx }) => listDemonstrators(ctx.db)),
  list: procedure.meta({ access: access.list }).input(listRequestsSchema).query(({ ctx, input }) => listRequests(ctx.db, ctx.actor, input)),
  get: procedure.meta({ access: access.get }).input(requestIdSchema).query(({ ctx, input }) => getRequest(ctx.db, ctx.actor, input.requestId)),
  panel: procedure.meta({ access: access.panelView }).query(({ ctx }) => panelView(ctx.db, ctx.actor)),
  countsByState: procedure.meta({ access: access.countsForFunder }).query(({ ctx }) => countRequestsByState(ctx.db)),
  create: procedure.meta({ access: access.create }).input(createDraftSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => createDraft(tx, requireUser(ctx), input))),
  saveDraft: procedure.meta({ access: access.saveDraft }).input(saveDraftSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveDraft(tx, ctx, input.requestId, input.content))),
  submit: procedure.meta({ access: access.submit }).input(submitRequestSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => submitRequest(tx, ctx, input.requestId, input.content))),
  withdraw: procedure.meta({ access: access.withdraw }).input(requestIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => withdrawRequest(tx, ctx, input.requestId))),
  startFeasibility: procedure.meta({ access: access.startFeasibility }).input(requestIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => startFeasibility(tx, ctx, input.requestId))),
  recordFeasibility: procedure.meta({ access: access.recordFeasibility }).input(feasibilityReviewSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => recordFeasibility(tx, ctx, input))),
  recordSafety: procedure.meta({ access: access.recordSafety }).input(safetyReviewSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => recordSafety(tx, ctx, input))),
  decide: procedure.meta({ access: access.decide }).input(decisionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => decideRequest(tx, ctx, input))),
  // Panel seats are per cycle, not roles: the gate lets any signed-in user through and gradeRequest/allocateRequest check the seat.
  grade: procedure.meta({ access: access.grade }).input(gradeSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => gradeRequest(tx, ctx, input))),
  allocate: procedure.meta({ access: access.allocate }).input(decisionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => allocateRequest(tx, ctx, input))),
});
