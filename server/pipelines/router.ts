import { z } from "zod";
import { nudgePipelines } from "../jobs/boss";
import { requireUser, runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { cancelClusterJobs } from "./driver";
import { executorAvailability } from "./executors/registry";
import { externalExecutorIdSchema, listExternalExecutors, registerExternalExecutor, registerExternalExecutorSchema, revokeExternalExecutor } from "./external-executors";
import { pipelinesAccess as access } from "./policy";
import { getPipeline } from "./read-pipelines";
import { retryStep } from "./retry-step";
import { pipelineIdSchema, startPipelineSchema, stepIdSchema, templateVersionSchema } from "./schemas";
import { cancelPipeline, startPipeline } from "./start-pipeline";
import { listTemplates, saveTemplateVersion } from "./templates";

/** Pipeline templates, pipelines on a run's scans, their steps and outputs. */
export const pipelinesRouter = createRouter({
  templates: procedure.meta({ access: access.templates }).query(({ ctx }) => listTemplates(ctx.db, ctx.actor)),
  saveTemplateVersion: procedure.meta({ access: access.saveTemplateVersion }).input(templateVersionSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => saveTemplateVersion(tx, requireUser(ctx), input))),
  start: procedure.meta({ access: access.start }).input(startPipelineSchema).mutation(async ({ ctx, input }) => {
    const started = await runMutation(ctx, (tx) => startPipeline(tx, requireUser(ctx), input));
    await nudgePipelines();
    return started;
  }),
  cancel: procedure.meta({ access: access.cancel }).input(pipelineIdSchema).mutation(async ({ ctx, input }) => {
    const { cancelledOnExecutors } = await runMutation(ctx, (tx) => cancelPipeline(tx, requireUser(ctx), input.pipelineId));
    await cancelClusterJobs(ctx.db, cancelledOnExecutors);
  }),
  retryStep: procedure.meta({ access: access.retryStep }).input(stepIdSchema).mutation(async ({ ctx, input }) => {
    await runMutation(ctx, (tx) => retryStep(tx, requireUser(ctx), input.stepId));
    await nudgePipelines();
  }),
  get: procedure.meta({ access: access.get }).input(pipelineIdSchema).query(({ ctx, input }) => getPipeline(ctx.db, ctx.actor, input.pipelineId)),
  executors: procedure.meta({ access: access.executors }).input(z.void()).query(() => executorAvailability()),
  externalExecutors: procedure.meta({ access: access.externalExecutors }).query(({ ctx }) => listExternalExecutors(ctx.db, ctx.actor)),
  registerExternalExecutor: procedure.meta({ access: access.registerExternalExecutor }).input(registerExternalExecutorSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => registerExternalExecutor(tx, requireUser(ctx), input))),
  revokeExternalExecutor: procedure.meta({ access: access.revokeExternalExecutor }).input(externalExecutorIdSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => revokeExternalExecutor(tx, requireUser(ctx), input))),
});
