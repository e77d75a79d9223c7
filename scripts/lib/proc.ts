// What /proc says about other processes (Linux), for launchers that take over
// what a killed launcher left running.
import fs from "node:fs";

export function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8").trim();
  } catch {
    return "";
  }
}

export function parentPid(pid: number): number | undefined {
  const stat = readProc(pid, "stat"); // "pid (comm) state ppid ..."
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Alive and not a zombie (our own exited child stays a zombie until reaped). */
export function isAlive(pid: number): boolean {
  const stat = readProc(pid, "stat");
  return stat !== "" && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}
