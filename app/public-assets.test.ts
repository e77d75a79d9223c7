// The files in public/ that every page, browser and link preview asks for, and
// the robots.txt that keeps the signed-in portal out of search indexes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config as proxyConfig } from "../proxy";
import { metadata, viewport } from "./layout";

const publicDir = path.resolve(import.meta.dirname, "../public");
const read = (file: string) => fs.readFileSync(path.join(publicDir, file.replace(/^\//, "")));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): string {
  expect(data.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${data.readUInt32BE(16)}x${data.readUInt32BE(20)}`;
}

/** RFC 9309 for one group of rules: the longest matching rule wins, Allow on a tie; "*" and a final "$" are wildcards. */
function robotsAllow(robots: string, urlPath: string): boolean {
  const rules = robots
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .map((line) => /^(allow|disallow):\s*(\S*)$/i.exec(line))
    .filter((match) => match !== null)
    .map(([, kind = "", pattern = ""]) => ({ allow: kind.toLowerCase() === "allow", pattern }));
  const matches = rules.filter(({ pattern }) => {
    const source = pattern.replace(/[.+?^{}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replace(/\\?\$$/, "$");
    return new RegExp(`^${source}`).test(urlPath);
  });
  matches.sort((a, b) => b.pattern.length - a.pattern.length || Number(b.allow) - Number(a.allow));
  return matches[0]?.allow ?? true;
}

describe("public/", () => {
  it("has a favicon holding 16, 32 and 48 px PNG images", () => {
    const ico = read("favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      const length = ico.readUInt32LE(6 + 16 * i + 8);
      return pngSize(ico.subarray(offset, offset + length));
    });
    expect(sizes).toEqual(["16x16", "32x32", "48x48"]);
  });

  it("has the drawn mark, the app icons at their sizes and the Open Graph image", () => {
    expect(read("icons/icon.svg").toString("utf8")).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
    expect(pngSize(read("icons/icon-192.png"))).toBe("192x192");
    expect(pngSize(read("icons/icon-512.png"))).toBe("512x512");
    expect(pngSize(read("icons/icon-maskable-512.png"))).toBe("512x512");
    expect(pngSize(read("apple-touch-icon.png"))).toBe("180x180");
    expect(pngSize(read("og-image.png"))).toBe("1200x630");
  });

  it("has a web manifest naming Lodestone, the brand colour and icons that exist at the sizes it says", () => {
    const manifest = JSON.parse(read("manifest.webmanifest").toString("utf8"));
    expect(manifest).toMatchObject({ name: "Lodestone", start_url: "/", display: "standalone" });
    const brand600 = /--color-brand-600:\s*(#[0-9a-f]{6})/i.exec(fs.readFileSync(path.resolve(import.meta.dirname, "globals.css"), "utf8"))?.[1];
    expect(manifest.theme_color).toBe(brand600);
    expect(viewport.themeColor).toBe(brand600);
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === "maskable")).toBe(true);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const data = read(icon.src);
      if (icon.type === "image/png") expect(pngSize(data), icon.src).toBe(icon.sizes);
    }
  });

  it("is what the root layout's metadata points at", () => {
    const icons = metadata.icons as { icon: { url: string }[]; apple: string };
    const images = (metadata.openGraph?.images ?? []) as { url: string; width: number; height: number }[];
    for (const url of [...icons.icon.map((icon) => icon.url), icons.apple, metadata.manifest as string, ...images.map((image) => image.url)]) {
      expect(fs.existsSync(path.join(publicDir, url)), url).toBe(true);
    }
    expect(images).toEqual([expect.objectContaining({ url: "/og-image.png", width: 1200, height: 630 })]);
  });
});

describe("robots.txt", () => {
  const robots = read("robots.txt").toString("utf8");

  it.each(["/", "/signin", "/signup", "/og-image.png", "/favicon.ico", "/icons/icon-192.png", "/_next/static/css/app.css"])("lets crawlers fetch %s", (urlPath) => {
    expect(robotsAllow(robots, urlPath)).toBe(true);
  });

  it.each(["/dashboard", "/requests/abc", "/invoices", "/calendar", "/invitations/secret-token", "/signin?callbackUrl=/invoices", "/api/health", "/dev/mailbox", "/facilities"])(
    "keeps crawlers out of %s",
    (urlPath) => expect(robotsAllow(robots, urlPath)).toBe(false),
  );

  it("applies to every crawler, ending with a catch-all Disallow", () => {
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots.trimEnd()).toMatch(/\nDisallow: \/$/);
  });
});

describe("proxy", () => {
  const matches = (urlPath: string) => proxyConfig.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(urlPath));

  it("never runs for public/'s files, so no check it makes can keep them from signed-out visitors", () => {
    for (const file of ["/favicon.ico", "/apple-touch-icon.png", "/icons/icon.svg", "/icons/icon-512.png", "/manifest.webmanifest", "/robots.txt", "/og-image.png"]) {
      expect(matches(file), file).toBe(false);
    }
    expect(matches("/dashboard")).toBe(true);
    expect(matches("/")).toBe(true);
  });
});
