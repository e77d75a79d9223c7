import { publicAccess } from "../access/rules";
import { createRouter, procedure } from "../trpc";
import { listFacilities } from "./read-facilities";

export const facilitiesRouter = createRouter({
  list: procedure
    .meta({ access: publicAccess("The facility and endstation catalogue is public so prospective users can see what is on offer.") })
    .query(({ ctx }) => listFacilities(ctx.db)),
});
