import { hasRole } from "@/server/access/actor";
import { currentActor } from "../../_lib/server-api";

/** Admin pages are for facility and platform admins; the layout explains, the pages render nothing else. */
export async function canAdminister(): Promise<boolean> {
  return hasRole(await currentActor(), "FACILITY_ADMIN", "PLATFORM_ADMIN");
}
