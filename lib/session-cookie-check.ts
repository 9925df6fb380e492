import "server-only";
import { decode } from "next-auth/jwt";
import { log } from "./log";

export type UndecodableSession = "expired" | "other_secret" | "malformed";

const noted = new Set<UndecodableSession>();

/** The session cookie as the browser sent it, whole or in next-auth's chunks (`.0`, `.1`…); null when there is none. */
export function sessionCookieValue(cookies: Map<string, string> | Record<string, string>, name: string): string | null {
  const get = (n: string) => (cookies instanceof Map ? cookies.get(n) : cookies[n]);
  const whole = get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; get(`${name}.${i}`) !== undefined; i++) chunks.push(get(`${name}.${i}`)!);
  return chunks.length ? chunks.join("") : null;
}

/**
 * Why a session cookie gave no session. An expired one is ordinary and not logged; one sealed with another
 * NEXTAUTH_SECRET (a replica or an earlier start with a different secret) or a damaged one is logged once per process
 * and reason — never per request, and never with the cookie.
 */
export async function explainUndecodableSession(raw: string, secret: string): Promise<UndecodableSession | null> {
  let reason: UndecodableSession;
  try {
    await decode({ token: raw, secret });
    return null;
  } catch (e) {
    const code = (e as { code?: string }).code;
    reason = code === "ERR_JWT_EXPIRED" ? "expired" : code === "ERR_JWE_DECRYPTION_FAILED" ? "other_secret" : "malformed";
  }
  if (reason !== "expired" && !noted.has(reason)) {
    noted.add(reason);
    log.warn(
      reason === "other_secret"
        ? "a session cookie was refused: it was sealed with another NEXTAUTH_SECRET than this replica's — set the same NEXTAUTH_SECRET on every replica (logged once)"
        : "a session cookie was refused: it is not a session token this console issued (damaged or forged; logged once)",
      { reason },
    );
  }
  return reason;
}
