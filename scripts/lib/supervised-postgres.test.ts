// The demo's database comes back by itself when its server is killed, on the
// same data and port, and a server that cannot come back is reported once.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it, vi } from "vitest";
import { superviseEmbeddedPostgres } from "./supervised-postgres";

// Not mkdtemp: its 0700 folder would hide the data dir from the `postgres` user when run as root.
const dataDir = path.join(os.tmpdir(), `lodestone-supervised-pg-${process.pid}`);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);

it("restarts a killed server on the same data and port, then gives up when it cannot", async () => {
  const said: string[] = [];
  const giveUp = vi.fn();
  const port = await sparePort();
  const db = await superviseEmbeddedPostgres({ dataDir, port, database: "supervised", persistent: false }, { maxRestarts: 2, say: (msg) => said.push(msg), giveUp });
  // Like the portal's: one pool for the whole run, created before the crash.
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on("error", () => {}); // idle connections die with the server
  try {
    // Committed to the WAL before the kill even though test servers run with synchronous_commit off.
    await pool.query("BEGIN; SET LOCAL synchronous_commit = on; CREATE TABLE kept (v int); INSERT INTO kept VALUES (42); COMMIT");
    const first = postmasterPid();
    process.kill(first, "SIGKILL");

    await vi.waitFor(() => expect(said.at(-1)).toMatch(/is running again \(restart 1 of 2/), { timeout: 20_000, interval: 100 });
    expect(said[0]).toMatch(new RegExp(`PostgreSQL \\(port ${port}, .*\\) stopped unexpectedly \\(killed by SIGKILL[;)].*Restarting it`));
    expect(postmasterPid()).not.toBe(first);
    expect((await pool.query("SELECT v FROM kept")).rows).toEqual([{ v: 42 }]);
    expect(giveUp).not.toHaveBeenCalled();

    // Killed again, and the cluster is gone: the one restart left fails, and that is reported once.
    process.kill(postmasterPid(), "SIGKILL");
    fs.rmSync(path.join(dataDir, "PG_VERSION"));
    await vi.waitFor(() => expect(giveUp).toHaveBeenCalled(), { timeout: 20_000, interval: 100 });
    expect(said.at(-1)).toMatch(/^Restart 2 of 2 failed: .*holds no PostgreSQL cluster/);
    expect(giveUp).toHaveBeenCalledTimes(1);
    expect(giveUp.mock.calls[0]?.[0]).toMatch(/stopped and 2 restarts within 10 minutes did not keep it running\. Last: .*holds no PostgreSQL cluster/);
  } finally {
    await pool.end();
    await db.stop();
  }
  expect(fs.existsSync(dataDir)).toBe(false); // a throwaway server's data goes with stop(), crashed or not
}, 60_000);
