import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db, isUniqueViolation, rawQuery } from "../db";
import { AppError } from "../errors";
import type { TRole, UserDto } from "../schemas/user";
import { generatePassword, hashPassword, verifyPassword } from "../security/password";
import { recordAudit, type Actor } from "./audit";
import { addressSecondsLocked, clearLoginFailures, recordAddressFailure, recordLoginFailure, secondsLocked, withLoginAttempt } from "./login-throttle";

export type { UserDto };

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  provider: true,
  disabled: true,
  mustChangePassword: true,
  lastLoginAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;
type Row = Prisma.UserGetPayload<{ select: typeof SELECT }>;
const toDto = (r: Row): UserDto => ({ ...r, lastLoginAt: r.lastLoginAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listUsers(): Promise<UserDto[]> {
  return (await db.user.findMany({ select: SELECT, orderBy: [{ disabled: "asc" }, { email: "asc" }] })).map(toDto);
}

/** Who a session belongs to, as the database says now (role and disabled state are never taken from the token). */
export async function getSessionUser(id: string): Promise<(UserDto & { sessionVersion: number }) | null> {
  // On the raw pool: every page view and every live poll asks this, and the pool answers it at a fraction of Prisma's cost.
  if (!UUID.test(id)) return null;
  const [row] = await rawQuery<(Row & { sessionVersion: number })[]>(
    Prisma.sql`select id, email, name, role::text as role, provider::text as provider, disabled, "mustChangePassword", "lastLoginAt", "createdAt", "sessionVersion"
      from "User" where id = ${id}::uuid`,
  );
  return row ? { ...toDto(row), sessionVersion: row.sessionVersion } : null;
}

export async function findLoginUser(email: string, client: Prisma.TransactionClient = db) {
  return client.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
}

export async function recordSignIn(opts: { userId: string; email: string; provider: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: opts.userId }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, {
      actor: { id: opts.userId, email: opts.email },
      action: "session.sign_in",
      targetType: "session",
      targetId: opts.userId,
      targetName: opts.email,
      after: { provider: opts.provider },
    });
  });
}

/**
 * Sign-out: ends every session of the user — on every device, as a password change does — by bumping the session
 * version, with an audit row. Only a session still current does so: a cookie already ended changes nothing.
 */
export async function recordSignOut(opts: { userId: string; sessionVersion: number }): Promise<boolean> {
  if (!UUID.test(opts.userId)) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: opts.userId, sessionVersion: opts.sessionVersion }, data: { sessionVersion: { increment: 1 } } });
    if (count === 0) return false;
    const { email } = await tx.user.findUniqueOrThrow({ where: { id: opts.userId }, select: { email: true } });
    await recordAudit(tx, { actor: { id: opts.userId, email }, action: "session.sign_out", targetType: "session", targetId: opts.userId, targetName: email });
    return true;
  });
}

/** Creates a local user with a one-time password, returned once to show to the admin. */
export async function createUser(opts: {
  input: { email: string; name: string; role: TRole };
  actor: Actor;
  requestId: string;
}): Promise<{ user: UserDto; initialPassword: string }> {
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  try {
    const user = await db.$transaction(async (tx) => {
      const u = await tx.user.create({ data: { ...opts.input, passwordHash, mustChangePassword: true }, select: SELECT });
      await recordAudit(tx, {
        actor: opts.actor,
        action: "user.create",
        targetType: "user",
        targetId: u.id,
        targetName: u.email,
        after: { email: u.email, name: u.name, role: u.role },
        requestId: opts.requestId,
      });
      return u;
    });
    return { user: toDto(user), initialPassword };
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("conflict", "Duplicate email", { fieldErrors: { email: ["A user with this email already exists"] } });
    }
    throw e;
  }
}

/**
 * Counts the other active admins under a transaction-scoped advisory lock, so that two concurrent
 * demotions or disables of the last two admins cannot both see "one other admin left" and both succeed.
 */
export async function activeAdminsOtherThan(tx: Prisma.TransactionClient, id: string): Promise<number> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('console:admin-guard'))`;
  return tx.user.count({ where: { role: "admin", disabled: false, id: { not: id } } });
}

export async function setUserRole(opts: { id: string; role: TRole; actor: Actor; requestId: string }): Promise<UserDto> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: opts.id }, select: SELECT });
    if (!before) throw new AppError("not_found", "This user no longer exists.");
    if (opts.id === opts.actor.id && opts.role !== "admin") throw new AppError("forbidden", "You cannot remove your own admin role; ask another admin.");
    if (before.role === "admin" && opts.role !== "admin" && (await activeAdminsOtherThan(tx, opts.id)) === 0) {
      throw new AppError("conflict", "This is the last active admin; make someone else admin first.");
    }
    const u = await tx.user.update({ where: { id: opts.id }, data: { role: opts.role, sessionVersion: { increment: 1 } }, select: SELECT });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "user.role",
      targetType: "user",
      targetId: u.id,
      targetName: u.email,
      before: { role: before.role },
      after: { role: u.role },
      requestId: opts.requestId,
    });
    return toDto(u);
  });
}

export async function setUserDisabled(opts: { id: string; disabled: boolean; actor: Actor; requestId: string }): Promise<UserDto> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: opts.id }, select: SELECT });
    if (!before) throw new AppError("not_found", "This user no longer exists.");
    if (opts.disabled && opts.id === opts.actor.id) throw new AppError("forbidden", "You cannot disable your own account.");
    if (opts.disabled && before.role === "admin" && (await activeAdminsOtherThan(tx, opts.id)) === 0) {
      throw new AppError("conflict", "This is the last active admin; make someone else admin first.");
    }
    const u = await tx.user.update({ where: { id: opts.id }, data: { disabled: opts.disabled, sessionVersion: { increment: 1 } }, select: SELECT });
    await recordAudit(tx, {
      actor: opts.actor,
      action: opts.disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: u.id,
      targetName: u.email,
      before: { disabled: before.disabled },
      after: { disabled: u.disabled },
      requestId: opts.requestId,
    });
    return toDto(u);
  });
}

export async function changeOwnPassword(opts: { userId: string; current: string; next: string; requestId: string; address: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true, email: true, passwordHash: true } });
  if (!user?.passwordHash) throw new AppError("forbidden", "This account signs in through single sign-on; change the password there.");
  // Guesses at the current password count like sign-ins: per email and per address, one at a time, the count
  // committed before the refusal is thrown.
  const now = new Date();
  const outcome = await withLoginAttempt(
    user.email,
    async (tx) => {
      const locked = Math.max(await secondsLocked(user.email, now, tx), await addressSecondsLocked(opts.address, now, tx));
      if (locked > 0) return { locked } as const;
      if (await verifyPassword(user.passwordHash!, opts.current)) {
        await clearLoginFailures(user.email, tx);
        return { ok: true as const };
      }
      await recordLoginFailure(user.email, now, tx);
      await recordAddressFailure(opts.address, now, tx);
      return { wrong: true as const };
    },
    { address: opts.address },
  );
  if ("locked" in outcome && outcome.locked)
    throw new AppError("rate_limited", `Too many wrong passwords. Wait ${Math.ceil(outcome.locked / 60)} minute(s) and try again.`);
  if ("wrong" in outcome) throw new AppError("validation", "Wrong password", { fieldErrors: { current: ["This is not your current password"] } });
  const passwordHash = await hashPassword(opts.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "user.password",
      targetType: "user",
      targetId: user.id,
      targetName: user.email,
      after: { password: "[changed]" },
      requestId: opts.requestId,
    });
  });
}
