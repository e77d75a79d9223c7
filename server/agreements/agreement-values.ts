import { formatFacilityDate } from "../time";
import type { AgreementValues } from "./render-agreement";

/** What a request brings to its agreement's {{variables}}. */
export interface RequestForAgreement {
  reference: string | null;
  title: string;
  allocatedShifts: number | null;
  organisation: { name: string };
  facility: { name: string; timeZone: string };
  route: { kind: string };
  endstations: { endstation: { name: string; shiftHours: number } }[];
}

export function agreementValuesFor(request: RequestForAgreement, template: { embargoMonths: number | null; licence: string | null }, at: Date): AgreementValues {
  const shiftHours = request.endstations[0]?.endstation.shiftHours ?? 8;
  const shifts = request.allocatedShifts ?? 0;
  return {
    parties: `${request.organisation.name} and ${request.facility.name}`,
    applicant: request.organisation.name,
    facility: request.facility.name,
    reference: request.reference ?? "",
    title: request.title,
    endstations: request.endstations.map((e) => e.endstation.name).join(", "),
    shifts: `${shifts} shifts (${shifts * shiftHours} h)`,
    embargoPeriod: template.embargoMonths ? `${template.embargoMonths} months from the end of the experiment` : "none: the data are proprietary",
    licence: template.licence ?? "none: all rights stay with the user",
    price: request.route.kind === "NON_PROPRIETARY" ? "no charge (free at the point of use)" : "the price in the quote issued with this agreement",
    date: formatFacilityDate(at, request.facility.timeZone),
  };
}
