/**
 * The codes a refused sign-in hands the login form (next-auth's `error`), and their words. No code and no message
 * says whether an email has an account: the locks are kept per email and per client address alike.
 */
export const LOGIN_LOCKED_PREFIX = "locked:";
export const LOGIN_ADDRESS_LOCKED_PREFIX = "address-locked:";

const wait = (seconds: string) => {
  const minutes = Math.max(1, Math.ceil(Number(seconds) / 60) || 1);
  return `Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
};

/** The message for a refused sign-in, or null when the code is not one of ours. */
export function describeLockError(code: string): string | null {
  if (code.startsWith(LOGIN_LOCKED_PREFIX)) return `Too many failed sign-ins for this email. ${wait(code.slice(LOGIN_LOCKED_PREFIX.length))}`;
  if (code.startsWith(LOGIN_ADDRESS_LOCKED_PREFIX)) {
    return `Too many failed sign-ins from your network address. ${wait(code.slice(LOGIN_ADDRESS_LOCKED_PREFIX.length))}`;
  }
  return null;
}

/** The same words whether the email is unknown, the password wrong or the account disabled. */
export const INVALID_CREDENTIALS = "Invalid email or password.";

export function describeLoginError(code: string): string {
  return describeLockError(code) ?? INVALID_CREDENTIALS;
}
