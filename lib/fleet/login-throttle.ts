import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

type Client = Prisma.TransactionClient;
import { env } from "../env";

/** Longest lock, however many failures pile up. */
const MAX_LOCK_SECONDS = 15 * 60;

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
 * Runs one password check for `email` at a time (a transaction-scoped advisory lock on its own connection),
 * so a burst of parallel guesses cannot all pass the lock check before the first failure is counted.
 */
export async function withLoginAttempt<T>(email: string, fn: (tx: Client) => Promise<T>): Promise<T> {
  // Everything inside runs on the transaction's connection: one pool connection per attempt, never two.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`console:login:${email}`}))`;
      return fn(tx);
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

export async function clearLoginFailures(email: string, client: Client = db): Promise<void> {
  await client.loginThrottle.deleteMany({ where: { email } });
}
