import type { FacilityKind } from "@/server/generated/prisma/enums";

export { techniqueLabels } from "@/server/access-requests/schemas";

export const facilityKindLabels: Record<FacilityKind, string> = { SYNCHROTRON: "Synchrotron", LAB_CT: "Lab-CT centre" };
