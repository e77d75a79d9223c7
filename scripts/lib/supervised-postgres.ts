// The demo's embedded PostgreSQL, kept running: if the server exits by itself
// (killed, crashed, out of memory), it is started again on the same data dir
// and port, so the portal's connection pools reconnect to the same URL.
// Restarts are bounded: a server that keeps dying is reported, not looped on.
import { startEmbeddedPostgres, type EmbeddedPostgresOptions, type LocalDatabase } from "./embedded-postgres";

export interface Supervision {
  /** Restart attempts allowed within `windowMs` (failed attempts count too). */
  maxRestarts?: number;
  windowMs?: number;
  /** Says what happens, one line each time. */
  say: (msg: string) => void;
  /** Called once when the server is down and no attempt is left; the caller stops what depends on it. */
  giveUp: (reason: string) => void;
}

export async function superviseEmbeddedPostgres(opts: EmbeddedPostgresOptions, supervision: Supervision): Promise<LocalDatabase> {
  const { maxRestarts = 3, windowMs = 10 * 60_000, say, giveUp } = supervision;
  const where = `PostgreSQL (port ${opts.port}, data in ${opts.dataDir})`;
  let current = await startEmbeddedPostgres(opts);
  let stopped = false;
  let restarting: Promise<void> | undefined;
  let attempts: number[] = [];

  const watch = (server: LocalDatabase) =>
    void server.exitedUnexpectedly?.then((how) => {
      if (!stopped) restarting = restart(how);
    });

  async function restart(how: string) {
    say(`${where} stopped unexpectedly (${how}). Restarting it; the portal answers 503 until it is back.`);
    let lastError = how;
    for (;;) {
      const now = Date.now();
      attempts = attempts.filter((at) => now - at < windowMs);
      if (attempts.length >= maxRestarts) {
        giveUp(`${where} stopped and ${maxRestarts} restarts within ${windowMs / 60_000} minutes did not keep it running. Last: ${lastError}`);
        return;
      }
      attempts.push(now);
      await new Promise((resolve) => setTimeout(resolve, 500 * attempts.length));
      if (stopped) return;
      try {
        current = await startEmbeddedPostgres(opts);
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        say(`Restart ${attempts.length} of ${maxRestarts} failed: ${lastError}`);
        continue;
      }
      if (stopped) return current.stop();
      say(`${where} is running again (restart ${attempts.length} of ${maxRestarts} in ${windowMs / 60_000} minutes); the portal reconnects by itself.`);
      watch(current);
      return;
    }
  }

  watch(current);
  return {
    url: current.url,
    async stop() {
      stopped = true;
      await restarting;
      await current.stop();
    },
  };
}
