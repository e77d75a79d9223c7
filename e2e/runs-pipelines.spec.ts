import { expect, test } from "@playwright/test";
import { pathToFileURL } from "node:url";
import { demoVolumePath } from "../prisma/seed/runs";
import { writeNxtomoFile } from "../server/runs/nexus-fixture";
import { asUser, demoAccountFor, expectAccessible, screenshot } from "./support/fixtures";

// The seeded Okement request's booking on S07 started two hours before seeding:
// its run is due to open. Its data, for this journey, is a seeded labelled volume.
const okement = "Okement Lithium Exploration Ltd";

test("staff open the run, mount a sample, fill a scan from an NXtomo file, run the reference analysis to 100 % and read its results; the applicant sees the same; another organisation gets not found", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const staff = await asUser(browser, demoAccountFor("FACILITY_STAFF").email);
  await staff.getByRole("navigation").getByRole("link", { name: "Runs" }).click();
  await expect(staff.getByRole("heading", { name: "Runs", level: 1 })).toBeVisible();
  await screenshot(staff, testInfo, "runs-due-to-open");
  await staff.getByRole("button", { name: new RegExp(`^Open the run of .* for ${okement}$`) }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(/^RUN-\d{2}-\d{4} · /);
  const runUrl = staff.url();
  await expect(staff.getByText("Next: Mount the samples and record each scan as it is taken.")).toBeVisible();

  // Mount the first received sample: a custody event.
  const mounts = staff.getByRole("region", { name: "Samples on the endstation" });
  await mounts.getByLabel("Position").fill("Stage 1");
  await mounts.getByRole("button", { name: "Mount" }).click();
  await expect(mounts.getByText(/Mounted \d/)).toBeVisible();

  // Fill the scan from the NeXus file's header, then say where the data are (the seeded 64³ volume).
  const scanForm = staff.getByRole("form", { name: "Record a scan" });
  await scanForm.getByLabel("Fill from a NeXus/HDF5 file").setInputFiles({ name: "ok17-core1.nxs", mimeType: "application/x-hdf5", buffer: Buffer.from(await writeNxtomoFile()) });
  await expect(scanForm.getByText("Filled from ok17-core1.nxs")).toBeVisible();
  await expect(scanForm.getByLabel("Projections")).toHaveValue("181");
  await expect(scanForm.getByLabel("Rotation to (°)")).toHaveValue("180");
  for (const size of ["Width (voxels)", "Height (voxels)", "Depth (voxels)"]) await scanForm.getByLabel(size).fill("64");
  await scanForm.getByLabel("Where the data are stored").fill(pathToFileURL(demoVolumePath("okement-ok17-core1.raw")).href);
  await screenshot(staff, testInfo, "run-scan-from-nexus");
  await scanForm.getByRole("button", { name: "Save the scan" }).click();
  const scans = staff.getByRole("table", { name: /^Scans of RUN-/ });
  await expect(scans.getByRole("row")).toHaveCount(2);

  // Start the reference analysis on the built-in executor and watch the bar fill, live.
  const start = staff.getByRole("form", { name: "Start a pipeline" });
  await start.getByRole("button", { name: "Start the pipeline" }).click();
  const bar = staff.getByRole("progressbar", { name: /^PIP-\d{2}-\d{4} analysis$/ });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 120_000 });
  await expect(staff.getByRole("region", { name: /^Pipelines/ }).getByText("Finished", { exact: true })).toBeVisible();
  await expectAccessible(staff);
  await screenshot(staff, testInfo, "run-pipeline-finished");

  // The results: porosity, the 3-D and 2-D liberation spectra, the slices.
  await staff.getByRole("link", { name: /^PIP-\d{2}-\d{4} · Reference ore analysis/ }).click();
  await expect(staff.getByText("Porosity", { exact: true })).toBeVisible();
  const liberation = staff.getByRole("table", { name: "Liberation spectrum, 3-D and 2-D" });
  await expect(liberation.getByRole("rowheader")).toHaveText(["locked", "middlings", "liberated"]);
  await expect(staff.getByRole("status").filter({ hasText: "Drag to move through the volume" })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(staff);
  await screenshot(staff, testInfo, "pipeline-results");
  const resultsUrl = staff.url();

  // The applicant's team reads the same run and results, without the staff's forms.
  const applicant = await asUser(browser, demoAccountFor("APPLICANT").email);
  await applicant.goto(runUrl);
  await expect(applicant.getByRole("table", { name: /^Scans of RUN-/ }).getByRole("row")).toHaveCount(2);
  await expect(applicant.getByRole("form", { name: "Record a scan" })).toHaveCount(0);
  await applicant.goto(resultsUrl);
  await expect(applicant.getByRole("table", { name: "Liberation spectrum, 3-D and 2-D" })).toBeVisible();

  // Someone of another organisation is told the run does not exist, on the page and in its stream.
  const outsider = await asUser(browser, "priya.natarajan@brinewell-sorbents.example");
  const page = await outsider.goto(runUrl);
  expect(page?.status()).toBe(404);
  expect((await outsider.request.get(`${new URL(runUrl).pathname.replace("/runs/", "/api/runs/")}/live`)).status()).toBe(404);
  expect((await outsider.goto(resultsUrl))?.status()).toBe(404);
});
