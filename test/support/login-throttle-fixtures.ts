/** What the login-throttle tests use (setup.ts: LOGIN_MAX_FAILURES=3, LOGIN_LOCK_SECONDS=60): fresh emails, a fixed clock, repeated failures. */
import crypto from "node:crypto";
import { recordLoginFailure } from "@/lib/fleet/login-throttle";

export const email = (label = "throttle") => `${label}-${crypto.randomBytes(5).toString("hex")}@example.com`;
export const T0 = new Date("2030-01-01T12:00:00.000Z");
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export async function fail(mail: string, times: number, now = T0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await recordLoginFailure(mail, now));
  return out;
}
