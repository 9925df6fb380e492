import "server-only";
import {
  addressSecondsLocked,
  claimLockedRefusalAudit,
  recordAddressFailure,
  recordLoginFailure,
  recordLoginSuccess,
  secondsLocked,
  withLoginAttempt,
} from "./fleet/login-throttle";
import { findLoginUser } from "./fleet/users";
import { noteRefusedWhileLocked, recordSignInRefusal } from "./fleet/sign-in-refusals";
import { LOGIN_ADDRESS_LOCKED_PREFIX, LOGIN_LOCKED_PREFIX } from "./schemas/login-error";
import { ZLoginInput } from "./schemas/user";
import { dummyHash, verifyPassword } from "./security/password";

/**
 * Sign-in with email and password: the email and address locks checked, the password verified (as long for an unknown
 * email), every failure counted and audited in one transaction, and a refusal thrown as the login page's code.
 */

export type LocalUser = { id: string; email: string; name: string; sv: number };
type Attempt = { user: LocalUser | null } | { refused: string };

const refusal = (emailLock: number, addressLock: number): { refused: string } | null => {
  // The longer lock is the one that matters to whoever is signing in; neither says whether the email exists.
  if (addressLock > 0 && addressLock >= emailLock) return { refused: `${LOGIN_ADDRESS_LOCKED_PREFIX}${addressLock}` };
  if (emailLock > 0) return { refused: `${LOGIN_LOCKED_PREFIX}${emailLock}` };
  return null;
};

export async function authorizeLocal(raw: unknown, address: string): Promise<LocalUser | null> {
  const parsed = ZLoginInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = await withLoginAttempt(
    email,
    async (tx): Promise<Attempt> => {
      const now = new Date();
      const locked = refusal(await secondsLocked(email, now, tx), await addressSecondsLocked(address, now, tx));
      if (locked) {
        const byAddress = locked.refused.startsWith(LOGIN_ADDRESS_LOCKED_PREFIX);
        const claim = await claimLockedRefusalAudit(byAddress ? "address" : "email", byAddress ? address : email, tx);
        if (claim.audit) await recordSignInRefusal({ email, reason: byAddress ? "address_locked" : "locked", address, provider: "credentials" }, tx);
        else noteRefusedWhileLocked({ email, address, byAddress, count: claim.refusedWhileLocked });
        return locked;
      }
      const user = await findLoginUser(email, tx);
      // Verify against a dummy hash when there is no usable account, so the answer takes as long either way.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !user.passwordHash || user.disabled || !ok) {
        const [emailLock, addressLock] = [await recordLoginFailure(email, now, tx), await recordAddressFailure(address, now, tx)];
        const reason = !user ? "unknown_email" : !user.passwordHash ? "password_not_set" : !ok ? "wrong_password" : "disabled";
        await recordSignInRefusal(
          { email, reason, address, provider: "credentials", userId: user?.id, detail: { lockSeconds: emailLock, addressLockSeconds: addressLock } },
          tx,
        );
        return refusal(emailLock, addressLock) ?? { user: null };
      }
      await recordLoginSuccess({ email, address }, tx);
      return { user: { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } };
    },
    { address },
  );
  // Thrown only now that the transaction has committed: throwing inside it rolled back the failure and the lock.
  if ("refused" in attempt) throw new Error(attempt.refused);
  return attempt.user;
}
