import { createRouter } from "../trpc";

export const schedulingRouter = createRouter({});
