import "server-only";
import { getCurrentUser, getRobotExpiry, type HarborClient } from "../../harbor";

/** How often the credential check (users/current, then the robot list for robots) runs per instance. */
export const CREDENTIAL_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type RobotExpiryState = "expires" | "never" | "not_visible" | "not_found";

/**
 * What one credential check learned. `kind` null: Harbor did not say (401 — the poll's own statistics call
 * already flags a rejected credential — or the check failed on the way); the stored kind and expiry are then
 * kept, only the time moves on, so a failing check costs one more login an hour, not one a minute.
 */
export interface CredentialCheck {
  checkedAt: Date;
  kind: "user" | "robot" | null;
  robotExpiry: RobotExpiryState | null;
  robotExpiresAt: Date | null;
}

export function credentialCheckDue(lastCheckedAt: Date | null, now: Date = new Date()): boolean {
  return !lastCheckedAt || now.getTime() - lastCheckedAt.getTime() >= CREDENTIAL_CHECK_INTERVAL_MS;
}

/**
 * GET users/current: 200 → user; 412 (2.3+) or, for a `robot$…` name, 500 (≤ 2.2) → robot, whose expiry is then
 * looked up (2.2+) under the registered username. A check that fails on the way (network, 5xx, an unexpected
 * answer) keeps what was known and is tried again an hour later, like a rejected credential: never a login a
 * minute.
 */
export async function checkCredential(client: HarborClient, username: string): Promise<CredentialCheck> {
  const checkedAt = new Date();
  const unknown: CredentialCheck = { checkedAt, kind: null, robotExpiry: null, robotExpiresAt: null };
  const u = await getCurrentUser({ client });
  if (u.ok) return { checkedAt, kind: "user", robotExpiry: null, robotExpiresAt: null };
  if (u.error.kind === "unauthorized") return unknown;
  const g = client.known?.generation;
  // ≤ 2.2 answers a robot with a 500 — and so does any server fault: only a robot$ name counts (default prefix).
  const legacyRobot = (g === "v1" || g === "v2.0") && u.error.status === 500 && username.startsWith("robot$");
  if (!(u.error.status === 412 || legacyRobot)) return unknown;
  const robot = { checkedAt, kind: "robot" as const, robotExpiry: null, robotExpiresAt: null };
  const e = await getRobotExpiry({ client, name: username });
  if (e.ok) {
    const v = e.value;
    return v.kind === "expires" ? { ...robot, robotExpiry: "expires", robotExpiresAt: v.at } : { ...robot, robotExpiry: v.kind };
  }
  if (e.error.kind === "unsupported_version") return robot;
  if (e.error.kind === "forbidden") return { ...robot, robotExpiry: "not_visible" };
  return unknown;
}
