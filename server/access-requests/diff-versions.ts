import { materialClassLabels, teamRoleLabels, techniqueLabels, type RequestContent } from "./schemas";

export interface FieldChange {
  field: keyof RequestContent;
  label: string;
  before: string;
  after: string;
}

export const contentLabels: Record<keyof RequestContent, string> = {
  title: "Title",
  summary: "Plain-language summary",
  scientificCase: "Scientific or industrial case",
  techniques: "Techniques",
  endstationIds: "Endstations",
  shiftsRequested: "Shifts requested",
  shiftJustification: "Justification of shifts",
  dateWindows: "Date windows",
  unavailableDates: "Dates not possible",
  team: "Team",
  samples: "Planned samples",
  companyDescription: "Company description",
  expectedBenefit: "Expected benefit",
  demonstratorId: "Demonstrator project",
  dataPolicyAccepted: "Data policy accepted",
};

/** Renders a field as text a reviewer can compare line by line. */
export function fieldText(field: keyof RequestContent, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (field === "dateWindows") return (value as { from: string; to: string }[]).map((w) => `${w.from} to ${w.to}`).join("\n");
  if (field === "team") return (value as RequestContent["team"]).map((m) => `${m.name} <${m.email}>, ${teamRoleLabels[m.role] ?? m.role}`).join("\n");
  if (field === "samples") return (value as RequestContent["samples"]).map((s) => `${s.count ?? "?"} × ${s.name} (${materialClassLabels[s.materialClass] ?? s.materialClass}); hazards: ${s.hazardSummary}`).join("\n");
  if (field === "techniques") return (value as RequestContent["techniques"]).map((t) => techniqueLabels[t] ?? t).join(", ");
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** What changed between two submitted versions, field by field, in form order. */
export function diffContent(before: Partial<RequestContent>, after: Partial<RequestContent>): FieldChange[] {
  return (Object.keys(contentLabels) as (keyof RequestContent)[]).flatMap((field) => {
    const a = fieldText(field, before[field]);
    const b = fieldText(field, after[field]);
    return a === b ? [] : [{ field, label: contentLabels[field], before: a, after: b }];
  });
}
