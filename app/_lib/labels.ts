import type { FacilityKind, Technique } from "@/server/generated/prisma/enums";

export const techniqueLabels: Record<Technique, string> = {
  MICRO_CT: "Micro-CT",
  NANO_CT: "Nano-CT",
  XRF_CT: "XRF-CT",
  XANES_CT: "XANES-CT",
  XRD_CT: "XRD-CT",
  LAB_CT: "Lab CT",
};

export const facilityKindLabels: Record<FacilityKind, string> = { SYNCHROTRON: "Synchrotron", LAB_CT: "Lab-CT centre" };
