import type { SignInResponse } from "next-auth/react";
import { WRONG_HOST_ERROR } from "@/lib/security/host-check";

export type SignInOutcome = { kind: "signed-in" } | { kind: "refused"; code: string } | { kind: "wrong-host" } | { kind: "cookie-lost" };

/**
 * What next-auth's `signIn("credentials", { redirect: false })` answered. next-auth answers a POST whose CSRF cookie
 * did not come back (a browser refuses the `__Secure-` cookies of an https console opened over http) with a redirect
 * to its own sign-in page and no error: taken for a success, that returned an empty form with no word.
 */
export function signInOutcome(res: SignInResponse | undefined): SignInOutcome {
  if (!res) return { kind: "refused", code: "" };
  if (res.error === WRONG_HOST_ERROR) return { kind: "wrong-host" };
  if (res.error) return { kind: "refused", code: res.error };
  if (!res.url) return { kind: "cookie-lost" };
  try {
    return new URL(res.url, "http://console.invalid").searchParams.has("csrf") ? { kind: "cookie-lost" } : { kind: "signed-in" };
  } catch {
    return { kind: "cookie-lost" };
  }
}

export const COOKIE_LOST =
  "Sign-in did not complete: your browser did not keep the console's sign-in cookie. Allow cookies for this site, and open the console at its configured address.";

/** The words for a sign-in refused because of the address, naming both when the form knows them. */
export function wrongHostError(m: { opened: string; configured: string } | null): string {
  return m
    ? `Not signed in: sign-in only works at ${m.configured}, not at ${m.opened}.`
    : "Not signed in: sign-in only works at the console's configured address (NEXTAUTH_URL).";
}
