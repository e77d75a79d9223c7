import type { Tx } from "../db";

/**
 * The programme's money moves only here. Each change locks the programme row
 * and the organisation's account row (always in that order, so concurrent
 * approvals queue rather than deadlock), checks what is left, moves the
 * amounts and writes the ledger entry, all in the caller's transaction. The
 * check constraint `programme_within_budget` is the backstop.
 */
interface Locked {
  budgetMinor: bigint;
  capMinor: bigint;
  programmeLeftMinor: bigint;
  accountLeftMinor: bigint;
  reservedForRequestMinor: bigint;
  currency: string;
}

async function lock(tx: Tx, programmeId: string, organisationId: string, requestId: string): Promise<Locked> {
  const [programme] = await tx.$queryRaw<{ budgetMinor: bigint; capPerOrganisationMinor: bigint; reservedMinor: bigint; spentMinor: bigint; currency: string }[]>`
    SELECT "budgetMinor", "capPerOrganisationMinor", "reservedMinor", "spentMinor", currency FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
  if (!programme) throw new Error(`Programme ${programmeId} does not exist`);
  await tx.$executeRaw`INSERT INTO "SubsidyAccount" ("programmeId", "organisationId") VALUES (${programmeId}, ${organisationId}) ON CONFLICT DO NOTHING`;
  const [account] = await tx.$queryRaw<{ reservedMinor: bigint; spentMinor: bigint }[]>`
    SELECT "reservedMinor", "spentMinor" FROM "SubsidyAccount" WHERE "programmeId" = ${programmeId} AND "organisationId" = ${organisationId} FOR UPDATE`;
  return {
    budgetMinor: programme.budgetMinor,
    capMinor: programme.capPerOrganisationMinor,
    programmeLeftMinor: programme.budgetMinor - programme.reservedMinor - programme.spentMinor,
    accountLeftMinor: programme.capPerOrganisationMinor - account!.reservedMinor - account!.spentMinor,
    reservedForRequestMinor: await reservedFor(tx, programmeId, requestId),
    currency: programme.currency,
  };
}

/** What a request holds now: its reservations less what was released or spent. */
async function reservedFor(tx: Tx, programmeId: string, requestId: string): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ held: bigint | null }[]>`
    SELECT SUM(CASE kind WHEN 'RESERVED' THEN "amountMinor" ELSE -"amountMinor" END)::bigint AS held
    FROM "SubsidyEntry" WHERE "programmeId" = ${programmeId} AND "requestId" = ${requestId}`;
  return row?.held ?? 0n;
}

interface Move {
  programmeId: string;
  organisationId: string;
  requestId: string;
  demonstratorId: string | null;
  note: string;
}

async function entry(tx: Tx, move: Move, kind: "RESERVED" | "RELEASED" | "SPENT", amount: bigint, currency: string) {
  if (amount <= 0n) return;
  await tx.subsidyEntry.create({ data: { programmeId: move.programmeId, organisationId: move.organisationId, requestId: move.requestId, demonstratorId: move.demonstratorId, kind, amountMinor: amount, currency, note: move.note } });
  const reserved = kind === "RESERVED" ? amount : -amount;
  const spent = kind === "SPENT" ? amount : 0n;
  await tx.$executeRaw`UPDATE "Programme" SET "reservedMinor" = "reservedMinor" + ${reserved}, "spentMinor" = "spentMinor" + ${spent} WHERE id = ${move.programmeId}`;
  await tx.$executeRaw`UPDATE "SubsidyAccount" SET "reservedMinor" = "reservedMinor" + ${reserved}, "spentMinor" = "spentMinor" + ${spent} WHERE "programmeId" = ${move.programmeId} AND "organisationId" = ${move.organisationId}`;
}

/** What is left for this organisation in the programme (the lower of its cap and the budget), as the quote's limits. */
export async function subsidyHeadroom(tx: Tx, programmeId: string, organisationId: string, requestId: string) {
  const locked = await lock(tx, programmeId, organisationId, requestId);
  return { capRemainingMinor: Number(locked.accountLeftMinor + locked.reservedForRequestMinor), budgetRemainingMinor: Number(locked.programmeLeftMinor + locked.reservedForRequestMinor) };
}

/** Reserves up to `wanted` at approval; returns what was reserved (less when the cap or the budget runs out). */
export async function reserveSubsidy(tx: Tx, move: Move, wanted: number): Promise<number> {
  const locked = await lock(tx, move.programmeId, move.organisationId, move.requestId);
  const amount = [BigInt(wanted), locked.programmeLeftMinor, locked.accountLeftMinor].reduce((a, b) => (b < a ? b : a));
  await entry(tx, move, "RESERVED", amount > 0n ? amount : 0n, locked.currency);
  return Number(amount > 0n ? amount : 0n);
}

/** Gives back everything the request holds (a cancelled quote). */
export async function releaseSubsidy(tx: Tx, move: Move): Promise<number> {
  const locked = await lock(tx, move.programmeId, move.organisationId, move.requestId);
  await entry(tx, move, "RELEASED", locked.reservedForRequestMinor, locked.currency);
  return Number(locked.reservedForRequestMinor);
}

/**
 * At invoicing: spends `amount` (the invoice's subsidy, already limited by the
 * headroom), reserving any extra first and releasing what the run did not use.
 */
export async function spendSubsidy(tx: Tx, move: Move, amount: number): Promise<void> {
  const locked = await lock(tx, move.programmeId, move.organisationId, move.requestId);
  const spend = BigInt(amount);
  const held = locked.reservedForRequestMinor;
  if (spend > held) {
    if (spend - held > locked.programmeLeftMinor || spend - held > locked.accountLeftMinor) throw new Error("The invoice's subsidy is more than the programme has left; price it with subsidyHeadroom first");
    await entry(tx, move, "RESERVED", spend - held, locked.currency);
  } else {
    await entry(tx, move, "RELEASED", held - spend, locked.currency);
  }
  await entry(tx, move, "SPENT", spend, locked.currency);
}
