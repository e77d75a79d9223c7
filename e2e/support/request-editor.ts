import { expect, type Page } from "@playwright/test";

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface RequestAnswers {
  title: string;
  endstation: RegExp;
  technique: string;
  shifts: string;
  sample: string;
  hazards: string;
  industrial: boolean;
}

/** Waits until the autosave indicator says the latest typing is stored. */
export async function expectSaved(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible({ timeout: 15_000 });
}

export async function fillProposal(page: Page, a: Pick<RequestAnswers, "title">) {
  await page.getByLabel(/^Title/).fill(a.title);
  await page.getByLabel("Plain-language summary").fill("We want to see in three dimensions how the valuable mineral is locked in the gangue, to decide how finely the ore must be ground before flotation.");
  await page.getByLabel("Scientific or industrial case").fill("Micro-CT resolves the valuable phase, quartz and feldspar by attenuation contrast. 3D liberation differs from 2D section estimates, and the difference decides the grind size and energy of the pilot circuit. Results feed a benchmark dataset.");
}

export async function fillTheRest(page: Page, a: RequestAnswers) {
  await page.getByRole("button", { name: "Next: Technique and time" }).click();
  await page.getByRole("checkbox", { name: a.technique, exact: true }).check();
  await page.getByRole("checkbox", { name: a.endstation }).check();
  await page.getByLabel("Shifts requested").fill(a.shifts);
  await page.getByLabel("Justification of the shifts").fill("Twelve cores at two resolutions, about 40 minutes per scan including sample changes.");
  await page.getByRole("button", { name: "Add a window" }).click();
  await page.getByLabel("Window 1 from").fill(isoIn(60));
  await page.getByLabel("Window 1 to").fill(isoIn(90));
  await page.getByRole("button", { name: "Next: Team" }).click();
  await expect(page.getByLabel("Name (member 1)")).not.toHaveValue("");
  await page.getByRole("button", { name: "Next: Samples" }).click();
  await page.getByRole("button", { name: "Add samples" }).click();
  await page.getByLabel("Sample name (group 1)").fill(a.sample);
  await page.getByLabel("How many (group 1)").fill("12");
  await page.getByLabel("Hazards (group 1)").fill(a.hazards);
  if (a.industrial) {
    await page.getByRole("button", { name: "Next: Industrial case" }).click();
    await page.getByLabel("The company").fill("A junior explorer drilling a lithium pegmatite field in south-west England, twelve staff.");
    await page.getByLabel("Expected economic benefit").fill("A grind-size decision for the pilot plant, worth several million pounds of capital expenditure.");
  }
  await page.getByRole("button", { name: "Next: Review and submit" }).click();
  await page.getByRole("checkbox", { name: /I accept this data policy/ }).check();
}

/** Jumps to a step with the step list (the side navigation), not the Next button. */
export async function goToStep(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Steps of the request" }).getByRole("button", { name }).click();
}
