import { createRouter } from "../trpc";

/** Consortium blocks: granted by the facility, shared out by the lead, booked by members. */
export const consortiaRouter = createRouter({});
