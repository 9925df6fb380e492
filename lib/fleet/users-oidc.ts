import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import type { TRole } from "../schemas/user";
import { recordAudit } from "./audit";

/** Why single sign-on did not link an identity to the account holding its email (lib/auth-oidc.ts tells the person what to do). */
export class SsoLinkRefused extends AppError {
  constructor(
    readonly reason: "email_unverified" | "local_account" | "other_identity",
    readonly userId: string,
  ) {
    super("forbidden", `single sign-on refused: ${reason}`);
  }
}

/**
 * Single sign-on: find the user by subject; else link a password-less account by verified email; else
 * create a user with the default role. A local account with a password (the break-glass admin, say) is
 * never taken over by an identity provider, whatever email it asserts.
 */
export async function upsertOidcUser(opts: {
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
  defaultRole: TRole;
}): Promise<{ id: string; disabled: boolean; sessionVersion: number }> {
  const email = opts.email.toLowerCase();
  const bySubject = await db.user.findUnique({ where: { oidcSubject: opts.subject } });
  if (bySubject) return bySubject;
  const byEmail = await db.user.findUnique({ where: { email } });
  if (byEmail) {
    // Unverified first: someone who has not proven the email learns nothing about the account that holds it.
    if (!opts.emailVerified) throw new SsoLinkRefused("email_unverified", byEmail.id);
    if (byEmail.passwordHash) throw new SsoLinkRefused("local_account", byEmail.id);
    // Never silently re-point an account that is already linked to another identity.
    if (byEmail.oidcSubject && byEmail.oidcSubject !== opts.subject) throw new SsoLinkRefused("other_identity", byEmail.id);
    return db.$transaction(async (tx) => {
      const u = await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: opts.subject } });
      await auditOwn(tx, u.id, email, "user.link_sso", { provider: "oidc" });
      return u;
    });
  }
  return db.$transaction(async (tx) => {
    const u = await tx.user.create({ data: { email, name: opts.name, role: opts.defaultRole, provider: "oidc", oidcSubject: opts.subject } });
    await auditOwn(tx, u.id, email, "user.create", { email, role: u.role, provider: "oidc" });
    return u;
  });
}

/** Single sign-on acts as the person signing in: the user is both actor and target. */
function auditOwn(tx: Prisma.TransactionClient, id: string, email: string, action: string, after: Prisma.InputJsonObject) {
  return recordAudit(tx, { actor: { id, email }, action, targetType: "user", targetId: id, targetName: email, after });
}
