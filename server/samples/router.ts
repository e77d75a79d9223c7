import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { decideSampleSafety } from "./decide-sample-safety";
import { samplesAccess as access } from "./policy";
import { expectedShipments, samplesOfRequest } from "./read-samples";
import { closeReceipt, receiveByCode } from "./receive";
import { registerSample } from "./register-sample";
import { createShipmentSchema, receiveSchema, registerSampleSchema, releaseSamplesSchema, requestIdSchema, sampleSafetySchema, shipmentIdSchema } from "./schemas";
import { releaseSamples } from "./release-samples";
import { createShipment, dispatchShipment } from "./shipments";

/** Sample registry, safety approval, shipments, the receipt desk and the custody chain. */
export const samplesRouter = createRouter({
  forRequest: procedure.meta({ access: access.forRequest }).input(requestIdSchema).query(({ ctx, input }) => samplesOfRequest(ctx.db, ctx.actor, input.requestId)),
  register: procedure.meta({ access: access.register }).input(registerSampleSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => registerSample(tx, ctx, input))),
  decideSafety: procedure.meta({ access: access.decideSafety }).input(sampleSafetySchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => decideSampleSafety(tx, ctx, input))),
  createShipment: procedure.meta({ access: access.createShipment }).input(createShipmentSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => createShipment(tx, ctx, input))),
  dispatch: procedure.meta({ access: access.dispatch }).input(shipmentIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => dispatchShipment(tx, ctx, input.shipmentId))),
  receive: procedure.meta({ access: access.receive }).input(receiveSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => receiveByCode(tx, ctx, input))),
  closeReceipt: procedure.meta({ access: access.closeReceipt }).input(shipmentIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => closeReceipt(tx, ctx, input.shipmentId))),
  release: procedure.meta({ access: access.release }).input(releaseSamplesSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => releaseSamples(tx, ctx, input))),
  expected: procedure.meta({ access: access.expected }).query(({ ctx }) => expectedShipments(ctx.db, ctx.actor)),
});
