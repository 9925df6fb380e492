import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { env } from "../env";

type Client = Prisma.TransactionClient;

/** Longest lock, however many failures pile up. */
const MAX_LOCK_SECONDS = 15 * 60;
/** Longest lock of a client address (unless LOGIN_ADDRESS_LOCK_SECONDS is longer still). */
const MAX_ADDRESS_LOCK_SECONDS = 60 * 60;

/** Seconds until the email may try again, or 0. Kept per email whether or not an account exists. */
export async function secondsLocked(email: string, now = new Date(), client: Client = db): Promise<number> {
  const row = await client.loginThrottle.findUnique({ where: { email } });
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * Counts a failure atomically; from the LOGIN_MAX_FAILURES-th consecutive failure on, locks the email for
 * LOGIN_LOCK_SECONDS, doubling with each further failure up to 15 minutes. Returns the lock in seconds.
 */
export async function recordLoginFailure(email: string, now = new Date(), client: Client = db): Promise<number> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS } = env();
  const row = await client.loginThrottle.upsert({
    where: { email },
    create: { email, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
  });
  if (row.failures < LOGIN_MAX_FAILURES) return 0;
  const seconds = Math.min(MAX_LOCK_SECONDS, LOGIN_LOCK_SECONDS * 2 ** (row.failures - LOGIN_MAX_FAILURES));
  const until = new Date(now.getTime() + seconds * 1000);
  // Only ever extend: a concurrent failure that counted fewer must not shorten a longer lock.
  await client.$executeRaw`update "LoginThrottle" set "lockedUntil" = greatest("lockedUntil", ${until}) where email = ${email}`;
  return seconds;
}

/**
 * Runs one password check for `email` — and, given an address, one for that address — at a time (transaction-scoped
 * advisory locks, the email's first, so two attempts never wait on each other crosswise), so a burst of parallel
 * guesses cannot all pass the lock checks before the first failure is counted. Whatever `fn` writes commits when it
 * returns: report a refusal by returning it, never by throwing, or the failure just counted is rolled back.
 */
export async function withLoginAttempt<T>(email: string, fn: (tx: Client) => Promise<T>, opts: { address?: string } = {}): Promise<T> {
  // Everything inside runs on the transaction's connection: one pool connection per attempt, never two.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`console:login:${email}`}))`;
      if (opts.address) await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`console:login-address:${opts.address}`}))`;
      return fn(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/**
 * An attempt refused because the email or the address is locked: the first one during a lock goes to the audit trail
 * (returns true), the rest are only counted on the throttle row (returns false), so that an unauthenticated loop
 * against a lock — which costs no password check — cannot fill the append-only audit table. A lock that is extended
 * or renewed is a new lock, audited once again.
 */
export async function claimLockedRefusalAudit(
  kind: "email" | "address",
  key: string,
  client: Client = db,
): Promise<{ audit: boolean; refusedWhileLocked: number }> {
  const rows =
    kind === "email"
      ? await client.$queryRaw<{ audit: boolean; refused: number }[]>`
          update "LoginThrottle" set
            "refusedWhileLocked" = case when "refusalAuditedFor" is not distinct from "lockedUntil" then "refusedWhileLocked" + 1 else 0 end,
            "refusalAuditedFor" = "lockedUntil"
          where email = ${key}
          returning "refusedWhileLocked" = 0 as audit, "refusedWhileLocked" as refused`
      : await client.$queryRaw<{ audit: boolean; refused: number }[]>`
          update "LoginAddressThrottle" set
            "refusedWhileLocked" = case when "refusalAuditedFor" is not distinct from "lockedUntil" then "refusedWhileLocked" + 1 else 0 end,
            "refusalAuditedFor" = "lockedUntil"
          where address = ${key}
          returning "refusedWhileLocked" = 0 as audit, "refusedWhileLocked" as refused`;
  const row = rows[0];
  return row ? { audit: row.audit, refusedWhileLocked: row.refused } : { audit: true, refusedWhileLocked: 0 };
}

export async function clearLoginFailures(email: string, client: Client = db): Promise<void> {
  await client.loginThrottle.deleteMany({ where: { email } });
}

/**
 * An admin's unlock: forgets the email's failures and lock, and says what they were (null: nothing to forget). Its
 * address locks stay: they hold whoever guessed from there, not the account.
 */
export async function unlockEmail(email: string, now = new Date(), client: Client = db): Promise<{ failures: number; lockedSeconds: number } | null> {
  const [row] = await client.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    delete from "LoginThrottle" where email = ${email} returning failures, "lockedUntil"`;
  if (!row) return null;
  return { failures: row.failures, lockedSeconds: row.lockedUntil ? Math.max(0, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000)) : 0 };
}

/** Seconds until sign-ins from `address` may try again, or 0. */
export async function addressSecondsLocked(address: string, now = new Date(), client: Client = db): Promise<number> {
  const row = await client.loginAddressThrottle.findUnique({ where: { address } });
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * Counts a failed sign-in from `address`, whatever the email, atomically. The count starts over once
 * LOGIN_ADDRESS_WINDOW_SECONDS have passed with neither a failure nor a lock; from LOGIN_ADDRESS_MAX_FAILURES on, the
 * address is locked for LOGIN_ADDRESS_LOCK_SECONDS, doubling with each further failure up to an hour. Returns the
 * lock in seconds.
 */
export async function recordAddressFailure(address: string, now = new Date(), client: Client = db): Promise<number> {
  const { LOGIN_ADDRESS_MAX_FAILURES: max, LOGIN_ADDRESS_WINDOW_SECONDS: window, LOGIN_ADDRESS_LOCK_SECONDS: first } = env();
  const quietSince = new Date(now.getTime() - window * 1000);
  const [row] = await client.$queryRaw<{ failures: number }[]>`
    insert into "LoginAddressThrottle" as t (address, failures, "windowStart", "lastFailureAt") values (${address}, 1, ${now}, ${now})
    on conflict (address) do update set
      failures = case when greatest(t."lastFailureAt", t."lockedUntil") > ${quietSince} then t.failures + 1 else 1 end,
      "windowStart" = case when greatest(t."lastFailureAt", t."lockedUntil") > ${quietSince} then t."windowStart" else ${now} end,
      "lockedUntil" = case when greatest(t."lastFailureAt", t."lockedUntil") > ${quietSince} then t."lockedUntil" end,
      "lastFailureAt" = ${now}
    returning failures`;
  if (row.failures < max) return 0;
  const seconds = Math.min(Math.max(MAX_ADDRESS_LOCK_SECONDS, first), first * 2 ** (row.failures - max));
  const until = new Date(now.getTime() + seconds * 1000);
  await client.$executeRaw`update "LoginAddressThrottle" set "lockedUntil" = greatest("lockedUntil", ${until}) where address = ${address}`;
  return seconds;
}

/**
 * A correct password from `address`: clears the email's failures and takes back as many from the address (never
 * below zero, a lock in force stays). The address keeps the failures on other emails, so one valid account does not
 * wipe the count of an address that walks through many.
 */
export async function recordLoginSuccess(opts: { email: string; address: string }, client: Client = db): Promise<void> {
  // The address keeps its count: giving failures back on a success let anyone with one account (and the
  // change-password form) reset the address's count and walk through other emails. It restarts after a quiet window.
  void opts.address;
  await client.$executeRaw`delete from "LoginThrottle" where email = ${opts.email}`;
}

/** Rows of neither kind that lock nothing and saw no failure for a day: every guessed email or address left one. */
export async function pruneLoginThrottles(now = new Date(), client: Client = db): Promise<number> {
  const before = new Date(now.getTime() - 86_400_000);
  const a =
    await client.$executeRaw`delete from "LoginThrottle" where coalesce("lastFailureAt", '-infinity') < ${before} and coalesce("lockedUntil", '-infinity') < ${now}`;
  const b =
    await client.$executeRaw`delete from "LoginAddressThrottle" where coalesce("lastFailureAt", '-infinity') < ${before} and coalesce("lockedUntil", '-infinity') < ${now}`;
  return a + b;
}
