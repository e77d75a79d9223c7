import { expect, test } from "@playwright/test";
import { cornubiaPlacementDay, dayAfter, firstCycle as cycle, londonSpan } from "./support/demo-world";
import { asUser, expectAccessible, screenshot } from "./support/fixtures";

// The seeded CORNUBIA block: 24 shifts per cycle on S07, placed in the next
// cycle as 24 consecutive shifts from 08:00 Europe/London on a day that
// depends on the date (8 March or 5 September).
const day = (n: number) => dayAfter(cornubiaPlacementDay, n);
const lead = "jory.penhaligon@cassiter-tailings.example";
const member = "ben.carthew@okement-lithium.example";
const okement = "Okement Lithium Exploration Ltd";
const shares: [string, string][] = [
  ["Cassiter Tailings Recovery Ltd", "0"],
  [okement, "8"],
  ["Brinewell Sorbents Ltd", "8"],
  ["Westcountry University Ore Characterisation Laboratory", "8"],
];

test("the CORNUBIA lead splits its 24-shift block 8/8/8 and a member books inside its share, stopped with a clear message when it goes over", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);

  // ---- the lead shares out the next cycle
  const leadPage = await asUser(browser, lead);
  await leadPage.goto("/consortia");
  await expect(leadPage.getByRole("heading", { name: "Consortia", level: 1 })).toBeVisible();
  await expect(leadPage.getByRole("heading", { name: /Cornubian Critical Minerals Imaging Consortium \(CORNUBIA\)/ })).toBeVisible();
  await expect(leadPage.getByText("You lead it")).toBeVisible();
  const split = leadPage.getByRole("form", { name: `Shares of CORNUBIA's block in ${cycle}` });
  // Over the block first: the server's message says by how much.
  await split.getByLabel(`Shifts for ${okement} in ${cycle}`).fill("30");
  await split.getByRole("button", { name: "Save shares" }).click();
  await expect(split.getByText(/add up to|At most/).first()).toBeVisible();
  for (const [organisation, shifts] of shares) await split.getByLabel(`Shifts for ${organisation} in ${cycle}`).fill(shifts);
  await expect(split.getByText("Shared out: 24 shifts (192 h) of 24 shifts (192 h)")).toBeVisible();
  await split.getByRole("button", { name: "Save shares" }).click();
  await expect(split.getByRole("status")).toHaveText("Saved");
  const usage = leadPage.getByRole("table", { name: `Shares and use in ${cycle}` });
  await expect(usage.getByRole("row", { name: new RegExp(`^${okement}`) }).getByRole("cell").first()).toHaveText("8 shifts (64 h)");
  await expect(usage.getByRole("row", { name: /^Not shared out/ })).toContainText("0 shifts (0 h) of 24 shifts (192 h)");
  await expectAccessible(leadPage);
  await screenshot(leadPage, testInfo, "consortium-lead-split");

  // ---- a member books inside Okement's share
  const memberPage = await asUser(browser, member);
  await memberPage.goto("/consortia");
  await expect(memberPage.getByText(`Member: ${okement}`)).toBeVisible();
  // A second run against the same database: first cancel what an earlier run booked.
  const sessions = memberPage.getByRole("table", { name: `Sessions in CORNUBIA's block, ${cycle}` });
  const cancel = memberPage.getByRole("button", { name: /^Cancel the session/ });
  while ((await cancel.count()) > 0) {
    const before = await cancel.count();
    await cancel.first().click();
    await expect(cancel).toHaveCount(before - 1);
  }

  const form = memberPage.getByRole("form", { name: `Book a session in CORNUBIA's block, ${cycle}` });
  await expect(form.getByLabel("Block time")).toContainText(londonSpan(day(0), day(8)));
  await form.getByLabel("Date").fill(day(1));
  await form.getByLabel("First shift").selectOption({ label: "08:00–16:00 Europe/London" });
  await form.getByLabel(/^Shifts/).fill("3");
  await form.getByLabel("What you will measure").fill("Petalite and lepidolite liberation in Dartmoor aplite core");
  await form.getByRole("button", { name: "Book session" }).click();
  await expect(form.getByRole("status")).toHaveText(`Booked: 3 shifts, ${londonSpan(day(1), day(2))}.`);
  await expect(sessions.getByRole("row", { name: /Petalite and lepidolite liberation/ }).filter({ hasText: "Booked" })).toContainText(londonSpan(day(1), day(2)));
  await expect(memberPage.getByRole("table", { name: `Shares and use in ${cycle}` }).getByRole("row", { name: new RegExp(`^${okement}`) })).toContainText("5 shifts (40 h)");

  // ---- and goes over it: 3 + 6 > 8
  await form.getByLabel("Date").fill(day(3));
  await form.getByLabel(/^Shifts/).fill("6");
  await form.getByLabel("What you will measure").fill("Second pass at 1.3 µm voxels");
  await form.getByRole("button", { name: "Book session" }).click();
  const refusal = `${okement} has 5 of its 8 shifts left in ${cycle}; this session needs 6.`;
  await expect(form.getByText(refusal)).toBeVisible();
  await expect(form.getByLabel(/^Shifts/)).toHaveAttribute("aria-invalid", "true");
  await expect(sessions.getByRole("row").filter({ hasText: /Booked|Waiting/ })).toHaveCount(1); // nothing more was saved
  await expectAccessible(memberPage);
  await screenshot(memberPage, testInfo, "consortium-member-refused");

  // ---- the member's dashboard shows the block, where it is on the calendar and what is left of the share
  const blockHeading = `CORNUBIA block · S07 Micro-tomography, Severn Light Source · ${cycle}`;
  await memberPage.goto("/dashboard");
  const memberBlock = memberPage.getByRole("region", { name: blockHeading });
  await expect(memberBlock).toContainText(`On the calendar: ${londonSpan(day(0), day(8))}`);
  await expect(memberBlock).toContainText(`${okement}: share 8 shifts (64 h), booked 3 shifts (24 h), 5 shifts (40 h) left`);
  await expect(memberBlock).not.toContainText("Brinewell"); // a member sees its own share, not the others'
  await expect(memberPage.getByText(/No block allocation/)).toHaveCount(0);
  await expectAccessible(memberPage);
  await screenshot(memberPage, testInfo, "consortium-member-dashboard");

  // ---- and /bookings lists the session, in the facility's zone
  await memberPage.goto("/bookings");
  const booked = memberPage.getByRole("table", { name: "Your sessions in consortium blocks" }).getByRole("row", { name: /Petalite and lepidolite liberation/ }).filter({ hasText: "Booked" });
  await expect(booked).toHaveCount(1);
  await expect(booked).toContainText("CORNUBIA block");
  await expect(booked).toContainText("S07 Micro-tomography");
  await expect(booked).toContainText(`${londonSpan(day(1), day(2)).split(" to ")[0]} Europe/London`);
  await expect(booked).toContainText("3 shifts (24 h)");
  await expectAccessible(memberPage);
  await screenshot(memberPage, testInfo, "consortium-member-bookings");

  // ---- the lead's dashboard shows the block shared out and each member's use of it
  await leadPage.goto("/dashboard");
  const leadBlock = leadPage.getByRole("region", { name: blockHeading });
  await expect(leadBlock).toContainText("Shared out: 24 shifts (192 h) of 24 shifts (192 h).");
  await expect(leadBlock.getByRole("row", { name: new RegExp(`^${okement}`) }).getByRole("cell")).toHaveText(["8 shifts (64 h)", "3 shifts (24 h)", "5 shifts (40 h)"]);
});
