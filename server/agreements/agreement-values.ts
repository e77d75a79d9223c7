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

/** What a consortium block brings to its agreement: every member organisation and the facility. */
export interface BlockForAgreement {
  shiftsPerCycle: number;
  firstCycleStart: Date;
  lastCycleEnd: Date;
  consortium: { acronym: string; name: string; members: { organisation: { name: string } }[] };
  endstation: { name: string; shiftHours: number; facility: { name: string; timeZone: string } };
}

/** "A, B and C": a list in words. */
export function inWords(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function blockAgreementValues(block: BlockForAgreement, template: { embargoMonths: number | null; licence: string | null }, at: Date): AgreementValues {
  const { endstation, consortium } = block;
  const zone = endstation.facility.timeZone;
  const members = consortium.members.map((m) => m.organisation.name);
  return {
    parties: inWords([...members, endstation.facility.name]),
    applicant: inWords(members),
    facility: endstation.facility.name,
    reference: `${consortium.acronym} block on ${endstation.name}`,
    title: consortium.name,
    endstations: endstation.name,
    shifts: `${block.shiftsPerCycle} shifts (${block.shiftsPerCycle * endstation.shiftHours} h) per cycle from ${formatFacilityDate(block.firstCycleStart, zone)} to ${formatFacilityDate(new Date(block.lastCycleEnd.getTime() - 1), zone)}`,
    embargoPeriod: template.embargoMonths ? `${template.embargoMonths} months from the end of each experiment` : "none: each member's data stay confidential to it",
    licence: template.licence ?? "none: all rights stay with the members",
    price: "the rates agreed for the block",
    date: formatFacilityDate(at, zone),
  };
}
