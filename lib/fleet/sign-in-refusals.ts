import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { log } from "../log";
import { recordAudit } from "./audit";

/**
 * Why a sign-in was refused. The log gets the exact reason, for the operator; the audit trail, which every signed-in
 * user may read, gets it without what would tell whether an email has an account (unknown email, wrong password and
 * a single sign-on account's missing password are all `invalid_credentials` there, as they are to the person
 * signing in).
 */
export type SignInRefusalReason =
  | "unknown_email"
  | "wrong_password"
  | "password_not_set"
  | "disabled"
  | "locked"
  | "address_locked"
  | "sso_no_email"
  | "sso_local_account"
  | "sso_email_unverified"
  | "sso_other_identity";

const AUDITED_AS: Partial<Record<SignInRefusalReason, string>> = {
  unknown_email: "invalid_credentials",
  wrong_password: "invalid_credentials",
  password_not_set: "invalid_credentials",
};

export interface SignInRefusal {
  email: string;
  reason: SignInRefusalReason;
  /** the client's address, as the sign-in throttle counts it */
  address: string;
  provider: "credentials" | "oidc";
  /** the account's id when one is known and the audit may name it (a disabled account, a refused link) */
  userId?: string | null;
  /** extra log fields (lock seconds) */
  detail?: Record<string, unknown>;
}

/** Logs and audits a refused sign-in: in the caller's transaction when given (the throttle's), else in its own. */
export async function recordSignInRefusal(r: SignInRefusal, tx?: Prisma.TransactionClient): Promise<void> {
  log.warn("sign-in refused", { email: r.email, reason: r.reason, address: r.address, provider: r.provider, ...r.detail });
  const audited = AUDITED_AS[r.reason] ?? r.reason;
  const entry = {
    actor: { id: null, email: r.email },
    action: "session.sign_in_refused",
    targetType: "session" as const,
    targetId: audited === r.reason ? (r.userId ?? null) : null,
    targetName: r.email,
    after: { reason: audited, address: r.address, provider: r.provider },
  };
  if (tx) await recordAudit(tx, entry);
  else await db.$transaction((t) => recordAudit(t, entry));
}

/**
 * A further attempt during a lock whose first refusal is already audited: not audited, and logged only at the 1st,
 * 10th, 100th… such attempt, so the log says an attack goes on without growing with it.
 */
export function noteRefusedWhileLocked(r: { email: string; address: string; byAddress: boolean; count: number }): void {
  if (/^10*$/.test(String(r.count))) {
    log.warn("sign-in refused while locked", {
      email: r.email,
      address: r.address,
      lockedBy: r.byAddress ? "address" : "email",
      refusedDuringThisLock: r.count,
    });
  }
}
