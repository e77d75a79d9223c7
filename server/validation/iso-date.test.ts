import { describe, expect, it } from "vitest";
import { isoDate } from "./iso-date";

describe("isoDate", () => {
  it.each(["2027-02-28", "2028-02-29", "2027-12-31"])("accepts %s", (d) => expect(isoDate.safeParse(d).success).toBe(true));
  it.each(["2027-02-29", "2027-02-30", "2027-13-01", "2027-04-31", "27-01-01", ""])("refuses %s", (d) => expect(isoDate.safeParse(d).success).toBe(false));
});
