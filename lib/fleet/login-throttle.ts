import "server-only";
import { db } from "../db";
import { env } from "../env";

/** Longest lock, however many failures pile up. */
const MAX_LOCK_SECONDS = 15 * 60;

/** Seconds until the email may try again, or 0. Kept per email whether or not an account exists. */
export async function secondsLocked(email: string, now = new Date()): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { email } });
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * Counts a failure atomically; from the LOGIN_MAX_FAILURES-th consecutive failure on, locks the email for
 * LOGIN_LOCK_SECONDS, doubling with each further failure up to 15 minutes. Returns the lock in seconds.
 */
export async function recordLoginFailure(email: string, now = new Date()): Promise<number> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_SECONDS } = env();
  const row = await db.loginThrottle.upsert({
    where: { email },
    create: { email, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
  });
  if (row.failures < LOGIN_MAX_FAILURES) return 0;
  const seconds = Math.min(MAX_LOCK_SECONDS, LOGIN_LOCK_SECONDS * 2 ** (row.failures - LOGIN_MAX_FAILURES));
  const until = new Date(now.getTime() + seconds * 1000);
  // Only ever extend: a concurrent failure that counted fewer must not shorten a longer lock.
  await db.$executeRaw`update "LoginThrottle" set "lockedUntil" = greatest("lockedUntil", ${until}) where email = ${email}`;
  return seconds;
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { email } });
}
