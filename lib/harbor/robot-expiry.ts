/**
 * Robot expiry: pure rules the client, the collector and the UI share (no I/O).
 * Harbor 2.2+ ("robot v2") stores system robots as `<name>` and project robots as `<project>+<name>` and
 * prints them with the configurable prefix (`robot_name_prefix`, default `robot$`); the `q` name filter
 * matches the stored name, so the prefix is taken off before asking.
 */

export const DEFAULT_ROBOT_PREFIX = "robot$";

/** Days before expiry from which the console warns. */
export const EXPIRY_WARNING_DAYS = 14;

export type RobotExpiryValue = { kind: "expires"; at: Date; disabled: boolean } | { kind: "never"; disabled: boolean } | { kind: "not_found" };

/** The name Harbor's `q=name=…` filter matches: the login name without the default prefix. */
export function storedRobotName(loginName: string): string {
  return loginName.startsWith(DEFAULT_ROBOT_PREFIX) ? loginName.slice(DEFAULT_ROBOT_PREFIX.length) : loginName;
}

/** expires_at (unix seconds; -1, or any value ≤ 0, = never) → the console's value. */
export function classifyRobotExpiry(robot: { expires_at: number; disable?: boolean | null }): RobotExpiryValue {
  const disabled = Boolean(robot.disable);
  if (robot.expires_at <= 0) return { kind: "never", disabled };
  return { kind: "expires", at: new Date(robot.expires_at * 1000), disabled };
}

export type ExpiryUrgency = "expired" | "soon" | "ok";

const DAY_MS = 86_400_000;

/**
 * How urgent an expiry is ("soon": within EXPIRY_WARNING_DAYS) and how far off, in words: "in 5 days",
 * "in less than a day", "today", "3 days ago". Days are rounded to the nearest whole day.
 */
export function expiryUrgency(at: Date, now: Date = new Date()): { urgency: ExpiryUrgency; days: number; relative: string } {
  const ms = at.getTime() - now.getTime();
  const days = Math.round(Math.abs(ms) / DAY_MS);
  const plural = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
  if (ms <= 0) return { urgency: "expired", days: -days, relative: days === 0 ? "today" : `${plural(days)} ago` };
  return { urgency: ms < EXPIRY_WARNING_DAYS * DAY_MS ? "soon" : "ok", days, relative: days === 0 ? "in less than a day" : `in ${plural(days)}` };
}
