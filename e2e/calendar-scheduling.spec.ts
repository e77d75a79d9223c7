import { expect, test } from "@playwright/test";
import { expectAccessible, latestMailTo, screenshot, signInAs, signInWithPassword } from "./support/fixtures";

const applicantEmail = "mikkel.sorensen@lanthan-geoscience.example";

test("staff schedule an approved SME request and the applicant sees it in their bookings, with a working iCal link", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await signInAs(page, "FACILITY_STAFF");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { name: "Endstation calendar" })).toBeVisible();
  // The seeded, approved request of Lanthan Geoscience waits for its 3 shifts.
  const waiting = page.getByRole("listitem").filter({ hasText: "Lanthan Geoscience ApS: 3 of 3 shifts to place" });
  await expect(waiting).toBeVisible();
  const reference = (await waiting.locator("strong").innerText()).trim();

  // Keyboard: focus the grid, move right along the first row, then down to the XRF-CT endstation.
  const grid = page.getByRole("grid", { name: "Endstation calendar" });
  await grid.getByRole("gridcell").first().focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", /S11 Hard X-ray microprobe, \d{4}-\d{2}-\d{2} 16:00–00:00: free/);
  await page.keyboard.press("Enter");

  const place = page.getByRole("form", { name: "Place an approved request" });
  const option = place.getByLabel("Approved request").locator("option", { hasText: reference });
  await place.getByLabel("Approved request").selectOption((await option.getAttribute("value"))!);
  await expect(place.getByLabel("Shifts")).toHaveValue("3");
  await place.getByRole("button", { name: "Confirm the booking" }).click();
  await expect(grid.getByRole("gridcell", { name: new RegExp(`S11 Hard X-ray microprobe.*${reference}`) }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "calendar-scheduled");

  // The applicant is emailed a calendar invitation.
  const mail = await latestMailTo(applicantEmail, `${reference}: beamtime is scheduled`);
  expect(mail.text).toContain("S11 Hard X-ray microprobe");

  const applicant = await (await browser.newContext()).newPage();
  await signInWithPassword(applicant, applicantEmail);
  await expect(applicant.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await applicant.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bookings" }).click();
  const row = applicant.getByRole("row").filter({ hasText: reference }).first();
  await expect(row).toContainText("Confirmed");
  await expect(row).toContainText("Europe/London");
  await expect(row).toContainText("3 shifts (24 h)");
  await applicant.getByRole("button", { name: "Show my calendar address" }).click();
  const url = await applicant.getByLabel("Calendar address").inputValue();
  expect(url).toMatch(/\/api\/ical\/[\w-]+\.ics$/);
  const feed = await applicant.request.get(new URL(url).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const body = await feed.text();
  expect(body).toContain("BEGIN:VEVENT");
  expect(body).toContain(`${reference} beamtime on S11 Hard X-ray microprobe`);
  await screenshot(applicant, testInfo, "bookings-with-feed");

  // A guessed address gets nothing.
  expect((await applicant.request.get("/api/ical/not-a-real-token.ics")).status()).toBe(404);
});
