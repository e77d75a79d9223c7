import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { root } from "./process";

/** A session secret kept under .data so sign-ins survive a restart of the demo. */
export function localAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(root, ".data/nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** The environment the Next server runs with, for the demo and the browser tests alike. */
export function appEnv(databaseUrl: string, port: number, secret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: secret,
    NEXT_TELEMETRY_DISABLED: "1",
    // The demo is not production: mail stays in the dev mailbox unless RESEND_API_KEY is set.
    LODESTONE_DEV_MAILBOX: process.env.LODESTONE_DEV_MAILBOX ?? "1",
  };
}

/** True when .next holds a build at least as new as every source file. */
export function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "server", "emails", "public", "next.config.ts", "package-lock.json", "proxy.ts", "instrumentation.ts", "prisma/schema.prisma"];
  const newest = (p: string): number => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return 0;
    const stat = fs.statSync(full);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return fs.readdirSync(full).reduce((max, entry) => (entry === "generated" ? max : Math.max(max, newest(path.join(p, entry)))), stat.mtimeMs);
  };
  return sources.every((s) => newest(s) <= builtAt);
}
