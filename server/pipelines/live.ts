import postgres from "postgres";
import { databaseUrl, type Tx } from "../db";

/** The channel every step change is announced on (payload: ids only; readers load what they may see). */
export const progressChannel = "pipeline_progress";

export interface ProgressNotice {
  runId: string;
  pipelineId: string;
  stepId: string;
  state: string;
  progress: number;
}

/** Announces a step change; delivered when the transaction commits, dropped if it rolls back. */
export async function announce(tx: Tx, notice: ProgressNotice) {
  await tx.$executeRaw`SELECT pg_notify(${progressChannel}, ${JSON.stringify(notice)})`;
}

type Listener = (notice: ProgressNotice) => void;
const globalForLive = globalThis as unknown as { lodestoneLive?: { sql: postgres.Sql; listeners: Set<Listener>; ready: Promise<unknown> } };

/**
 * One LISTEN connection per server process (postgres.js), fanned out to every
 * open stream; a stream filters by the run it was opened for, after the runs
 * policy let its reader in.
 */
export function subscribe(listener: Listener): () => void {
  if (!globalForLive.lodestoneLive) {
    const sql = postgres(databaseUrl(), { max: 1, idle_timeout: 0, onnotice: () => {} });
    const listeners = new Set<Listener>();
    const ready = sql.listen(progressChannel, (payload) => {
      let notice: ProgressNotice;
      try {
        notice = JSON.parse(payload) as ProgressNotice;
      } catch {
        return;
      }
      for (const l of listeners) l(notice);
    });
    globalForLive.lodestoneLive = { sql, listeners, ready };
  }
  const live = globalForLive.lodestoneLive;
  live.listeners.add(listener);
  return () => live.listeners.delete(listener);
}

/** Resolves once the LISTEN is in place (tests wait for it before causing a change). */
export function listening(): Promise<unknown> {
  return globalForLive.lodestoneLive?.ready ?? Promise.resolve();
}
