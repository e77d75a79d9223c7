import { describe, expect, it } from "vitest";
import { diffContent } from "./diff-versions";

describe("diffContent", () => {
  it("lists only the fields that changed, with readable before and after", () => {
    const changes = diffContent(
      { title: "Spodumene liberation", shiftsRequested: 6, dateWindows: [{ from: "2027-03-01", to: "2027-03-31" }], techniques: ["MICRO_CT"] },
      { title: "Spodumene liberation", shiftsRequested: 4, dateWindows: [{ from: "2027-04-01", to: "2027-04-30" }], techniques: ["MICRO_CT"] },
    );
    expect(changes).toEqual([
      { field: "shiftsRequested", label: "Shifts requested", before: "6", after: "4" },
      { field: "dateWindows", label: "Date windows", before: "2027-03-01 to 2027-03-31", after: "2027-04-01 to 2027-04-30" },
    ]);
  });

  it("finds no change between equal versions", () => {
    const v = { title: "Same", samples: [{ name: "Core A", materialClass: "ORE" as const, count: 2, hazardSummary: "none known" }] };
    expect(diffContent(v, structuredClone(v))).toEqual([]);
  });
});
