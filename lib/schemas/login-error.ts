/**
 * The codes a refused sign-in hands the login form (next-auth's `error`), and their words. No code and no message
 * says whether an email has an account: the locks are kept per email and per client address alike.
 */
export const LOGIN_LOCKED_PREFIX = "locked:";
export const LOGIN_ADDRESS_LOCKED_PREFIX = "address-locked:";
/** The console could not reach its database (an outage): nobody can sign in, and the form says so. */
export const LOGIN_DATABASE_UNREACHABLE = "DatabaseUnreachable";
/** Anything else that failed on the server; the details are in the log, never in the URL. */
export const LOGIN_FAILED = "SignInFailed";

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

const SERVER_ERRORS: Record<string, string> = {
  [LOGIN_DATABASE_UNREACHABLE]:
    "The console's database is unreachable, so nobody can sign in right now. Try again in a minute; if it goes on, the console's log says why.",
  [LOGIN_FAILED]: "Sign-in failed on the server. Try again; the console's log has the details.",
};

/** Whether a thrown message is one of the codes above (the only messages allowed into the sign-in URL). */
export function isLoginErrorCode(message: string): boolean {
  return describeLockError(message) !== null || message in SERVER_ERRORS || message === "WrongHost";
}

export function describeLoginError(code: string): string {
  return describeLockError(code) ?? SERVER_ERRORS[code] ?? INVALID_CREDENTIALS;
}

/** For the sign-in page's `?error=`: our codes' words, or null for a code that is not ours. */
export function describeServerLoginError(code: string): string | null {
  return describeLockError(code) ?? SERVER_ERRORS[code] ?? null;
}

/** Single sign-on's refusals to link an identity to the account holding its email: the login page's `?error=` codes. */
export const SSO_REFUSAL_CODES = { email_unverified: "OidcEmailUnverified", local_account: "OidcLocalAccount", other_identity: "OidcOtherIdentity" } as const;

/**
 * What each refusal tells the person, and what they can do. Only someone whose provider verified the email hears
 * that a password account or another identity holds it; an unverified email is told nothing about any account.
 */
export const SSO_REFUSAL_MESSAGES: Record<(typeof SSO_REFUSAL_CODES)[keyof typeof SSO_REFUSAL_CODES], string> = {
  OidcEmailUnverified:
    "Your identity provider has not verified your email address, so single sign-on cannot use it here. Verify the email with your identity provider and sign in again, or ask an admin.",
  OidcLocalAccount:
    "This email signs in to the console with a password. Sign in with your email and password below; single sign-on does not take over a password account.",
  OidcOtherIdentity:
    "This email is already connected to a different single sign-on identity. Sign in with the identity you used before, or ask an admin to connect the account to this one.",
};
