import fs from "node:fs";
import path from "node:path";
import { root } from "./process";

export interface Counts { passed: number; failed: number }

/** Adds up what each runner reported, for one closing "N passed, N failed" line. */
export class Tally implements Counts {
  passed = 0;
  failed = 0;
  add(counts: Counts) {
    this.passed += counts.passed;
    this.failed += counts.failed;
  }
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

export function readVitestCounts(): Counts {
  const report = readJson("test-results/vitest.json") as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

export function readPlaywrightCounts(): Counts {
  const report = readJson("test-results/playwright.json") as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}
