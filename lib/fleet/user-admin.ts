import "server-only";
import { db } from "../db";
import type { PrismaClient } from "../db-client";
import { AppError } from "../errors";
import { generatePassword, hashPassword } from "../security/password";
import { recordAudit, type Actor } from "./audit";
import { unlockEmail } from "./login-throttle";
import { activeAdminsOtherThan } from "./users";

/**
 * What an admin does to another account: a new one-time password, an unlock, a deletion — from the Users page (the
 * admin as actor) or from `npm run admin` (the system actor, on a client of its own). Each writes its audit row in the
 * same transaction as the change.
 */

type Target = { id: string } | { email: string };
type Options = { actor: Actor; requestId?: string | null; client?: PrismaClient };

const SELECT = { id: true, email: true, role: true, provider: true, passwordHash: true, disabled: true } as const;

const whereOf = (t: Target) => ("id" in t ? { id: t.id } : { email: t.email });
const notFound = (t: Target) => new AppError("not_found", "id" in t ? "This user no longer exists." : `No user has the email ${t.email}.`);

export interface PasswordReset {
  email: string;
  /** the one-time password: shown once, never stored or logged in the clear */
  password: string;
  disabled: boolean;
  /** whether a sign-in lock on the email was lifted with it */
  unlocked: boolean;
}

/**
 * A new one-time password for a local account: the user must choose their own at the next sign-in, every session of
 * theirs ends (sessionVersion), and the email's failures and lock go too — else the new password would wait out the
 * lock. Refused for single sign-on accounts (no password) and, from the Users page, for the admin's own account.
 */
export async function resetUserPassword(opts: Options & { target: Target }): Promise<PasswordReset> {
  const client = opts.client ?? db;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: whereOf(opts.target), select: SELECT });
    if (!user) throw notFound(opts.target);
    if (user.id === opts.actor.id) throw new AppError("forbidden", "To change your own password, use Account → Change password.");
    if (user.provider === "oidc" || !user.passwordHash) {
      throw new AppError("conflict", `${user.email} signs in through single sign-on and has no password to reset: their identity provider manages it.`);
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    const lock = await unlockEmail(user.email, new Date(), tx);
    await recordAudit(tx, {
      actor: opts.actor,
      action: "user.password_reset",
      targetType: "user",
      targetId: user.id,
      targetName: user.email,
      after: {
        password: "[one-time password]",
        mustChangePassword: true,
        sessionsEnded: true,
        ...(lock ? { loginFailuresCleared: lock.failures, lockLifted: lock.lockedSeconds > 0 } : {}),
      },
      requestId: opts.requestId ?? null,
    });
    return { email: user.email, password, disabled: user.disabled, unlocked: Boolean(lock && lock.lockedSeconds > 0) };
  });
}

export interface Unlock {
  email: string;
  /** null when no account has the email: the throttle counts guesses at any email */
  userId: string | null;
  /** what was forgotten; null when there was nothing (then nothing is written) */
  cleared: { failures: number; lockedSeconds: number } | null;
}

/** Lifts the email's sign-in lock and forgets its failures; audited when there was anything to forget. */
export async function unlockUser(opts: Options & { target: Target }): Promise<Unlock> {
  const client = opts.client ?? db;
  return client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: whereOf(opts.target), select: SELECT });
    if (!user && "id" in opts.target) throw notFound(opts.target);
    const email = user?.email ?? (opts.target as { email: string }).email;
    // The sign-in check's own lock: an attempt in flight finishes before the unlock, none counts half on either side.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`console:login:${email}`}))`;
    const cleared = await unlockEmail(email, new Date(), tx);
    if (cleared) {
      await recordAudit(tx, {
        actor: opts.actor,
        action: "user.unlock",
        targetType: "user",
        targetId: user?.id ?? null,
        targetName: email,
        before: { failures: cleared.failures, lockedSeconds: cleared.lockedSeconds },
        after: { failures: 0, lockedSeconds: 0 },
        requestId: opts.requestId ?? null,
      });
    }
    return { email, userId: user?.id ?? null, cleared };
  });
}

/**
 * Deletes an account, named by id and email (the email the admin confirmed: a mismatch deletes nothing). Never the
 * actor's own account, never the last active admin. The audit trail keeps the user's past actions under their email.
 */
export async function deleteUser(opts: Options & { id: string; email: string }): Promise<{ email: string }> {
  const client = opts.client ?? db;
  return client.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: opts.id }, select: { ...SELECT, name: true } });
    if (!user) throw notFound({ id: opts.id });
    if (user.email !== opts.email) throw new AppError("conflict", `This user's email is ${user.email}, not ${opts.email}: reload the page and confirm again.`);
    if (user.id === opts.actor.id) throw new AppError("forbidden", "You cannot delete your own account; ask another admin.");
    if (user.role === "admin" && !user.disabled && (await activeAdminsOtherThan(tx, user.id)) === 0) {
      throw new AppError("conflict", "This is the last active admin; make someone else admin first.");
    }
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "user.delete",
      targetType: "user",
      targetId: user.id,
      targetName: user.email,
      before: { email: user.email, name: user.name, role: user.role, provider: user.provider, disabled: user.disabled },
      requestId: opts.requestId ?? null,
    });
    return { email: user.email };
  });
}

/** Accounts whose email is locked now: email → seconds left. */
export async function listUserLocks(now = new Date(), client: PrismaClient = db): Promise<Record<string, number>> {
  const rows = await client.$queryRaw<{ email: string; lockedUntil: Date }[]>`
    select t.email, t."lockedUntil" from "LoginThrottle" t join "User" u on u.email = t.email where t."lockedUntil" > ${now}`;
  return Object.fromEntries(rows.map((r) => [r.email, Math.ceil((r.lockedUntil.getTime() - now.getTime()) / 1000)]));
}
