import { execFileSync } from "node:child_process";
import fs from "node:fs";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * Finds a Chromium for Playwright. These machines cannot download Playwright's
 * own browser, so Debian's package is installed when we are root with apt-get.
 */
export function ensureChromium(log: (msg: string) => void): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, but no file is there.`);
    return given;
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (found) return found;
  const canApt = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canApt) {
    throw new Error(
      "No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  log("No Chromium found: installing Debian's chromium package (one time)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const installed = candidates.find((c) => fs.existsSync(c));
  if (!installed) throw new Error("apt-get installed chromium, but no binary was found at /usr/bin/chromium.");
  return installed;
}

/**
 * Debian tools the tests use (pdftotext and pdftoppm read back generated
 * PDFs). Installed when missing and apt-get is usable as root.
 */
export function ensureDebianTool(binary: string, debianPackage: string, log: (msg: string) => void): void {
  const found = ["/usr/bin", "/usr/local/bin"].some((dir) => fs.existsSync(`${dir}/${binary}`));
  if (found) return;
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) {
    throw new Error(`The tests need ${binary}. Install it (Debian/Ubuntu: \`sudo apt-get install -y ${debianPackage}\`) and run again.`);
  }
  log(`${binary} not found: installing Debian's ${debianPackage} package (one time)…`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", debianPackage], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
