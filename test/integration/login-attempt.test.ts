import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addressSecondsLocked, recordAddressFailure, recordLoginFailure, recordLoginSuccess, withLoginAttempt } from "@/lib/fleet/login-throttle";
import { at, email, fail, T0 } from "../support/login-throttle-fixtures";

describe("withLoginAttempt", () => {
  it("serialises parallel attempts for one email, so a burst gets no more guesses than the limit", async () => {
    const { withLoginAttempt, secondsLocked: locked, recordLoginFailure: fail } = await import("@/lib/fleet/login-throttle");
    const target = `burst-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        withLoginAttempt(target, async (tx) => {
          if ((await locked(target, now, tx)) > 0) return "locked";
          await new Promise((r) => setTimeout(r, 20)); // the password check
          await fail(target, now, tx);
          return "guessed";
        }),
      ),
    );
    // LOGIN_MAX_FAILURES is 3 in the integration environment.
    expect(outcomes.filter((o) => o === "guessed")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "locked")).toHaveLength(7);
  });
});

describe("withLoginAttempt commits what a refused attempt counted", () => {
  it("keeps the failure and the lock when the attempt returns its refusal", async () => {
    const mail = email("refused");
    await fail(mail, 2);
    const outcome = await withLoginAttempt(mail, async (tx) => {
      const lock = await recordLoginFailure(mail, T0, tx);
      return lock > 0 ? "locked" : "guessed";
    });
    expect(outcome).toBe("locked");
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: mail } });
    expect(row.failures).toBe(3);
    expect(row.lockedUntil?.toISOString()).toBe(at(60).toISOString());
  });
});

// Defaults in the integration environment: 30 failures, a 15-minute window, a first lock of 5 minutes.
describe("address throttle", () => {
  const addr = () => `192.0.2.${crypto.randomInt(1, 255)}-${crypto.randomBytes(3).toString("hex")}`;
  const { LOGIN_ADDRESS_MAX_FAILURES: max, LOGIN_ADDRESS_WINDOW_SECONDS: window, LOGIN_ADDRESS_LOCK_SECONDS: first } = env();

  async function failFrom(a: string, times: number, now = T0): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < times; i++) out.push(await recordAddressFailure(a, now));
    return out;
  }

  it("has the documented defaults", () => {
    expect([max, window, first, env().TRUST_PROXY]).toEqual([30, 900, 300, 0]);
  });

  it("locks at the max-th failure, doubles with each further one, and caps at an hour", async () => {
    const a = addr();
    const locks = await failFrom(a, max + 5);
    expect(locks.slice(0, max - 1).every((l) => l === 0)).toBe(true);
    expect(locks.slice(max - 1)).toEqual([300, 600, 1200, 2400, 3600, 3600]);
    expect(await addressSecondsLocked(a, T0)).toBe(3600);
    const row = await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: a } });
    expect(row.failures).toBe(max + 5);
    expect(row.windowStart.toISOString()).toBe(T0.toISOString());
  });

  it("starts the count over after a window with neither a failure nor a lock", async () => {
    const a = addr();
    await failFrom(a, max - 1, T0);
    // Within the window of the last failure: still counting.
    expect(await recordAddressFailure(a, at(window - 1))).toBe(first);
    expect(await addressSecondsLocked(a, at(window - 1))).toBe(first);
    // A window after the lock ended: a fresh count.
    const later = window - 1 + first + window;
    expect(await recordAddressFailure(a, at(later))).toBe(0);
    const row = await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: a } });
    expect(row.failures).toBe(1);
    expect(row.windowStart.toISOString()).toBe(at(later).toISOString());
    expect(row.lockedUntil).toBeNull();
  });

  it("a lock carries the count: the first failure after it, within a window of its end, doubles it", async () => {
    const a = addr();
    await failFrom(a, max, T0);
    expect(await recordAddressFailure(a, at(first + window - 1))).toBe(2 * first);
  });

  it("counts parallel failures atomically", async () => {
    const a = addr();
    await Promise.all(Array.from({ length: 20 }, () => recordAddressFailure(a, T0)));
    expect((await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: a } })).failures).toBe(20);
  });

  it("a sign-in clears its own email's failures and leaves the address's count alone", async () => {
    const a = addr();
    const mine = email("mine");
    await failFrom(a, 5);
    await fail(mine, 2);
    await failFrom(a, 2);
    await recordLoginSuccess({ email: mine, address: a });
    expect((await db.loginAddressThrottle.findUniqueOrThrow({ where: { address: a } })).failures).toBe(7);
    expect(await db.loginThrottle.findUnique({ where: { email: mine } })).toBeNull();
  });

  it("prunes rows that lock nothing and saw no failure for a day, and keeps the rest", async () => {
    const { pruneLoginThrottles } = await import("@/lib/fleet/login-throttle");
    const old = new Date(Date.now() - 2 * 86_400_000);
    const quiet = email("quiet");
    const lockedLong = email("locked-long");
    await db.loginThrottle.createMany({
      data: [
        { email: quiet, failures: 1, lastFailureAt: old },
        { email: lockedLong, failures: 9, lastFailureAt: old, lockedUntil: new Date(Date.now() + 60_000) },
      ],
    });
    await pruneLoginThrottles();
    expect(await db.loginThrottle.findUnique({ where: { email: quiet } })).toBeNull();
    expect(await db.loginThrottle.findUnique({ where: { email: lockedLong } })).not.toBeNull();
  });

  it("a sign-in does not lift a lock in force", async () => {
    const a = addr();
    const mine = email("locked-out");
    await failFrom(a, max);
    await fail(mine, 1);
    await recordLoginSuccess({ email: mine, address: a });
    expect(await addressSecondsLocked(a, T0)).toBe(first);
  });

  it("serialises parallel attempts from one address, so a burst over many emails gets no more guesses than the limit", async () => {
    const a = addr();
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: max + 10 }, (_, i) => {
        const target = email(`spread-${i}`);
        return withLoginAttempt(
          target,
          async (tx) => {
            if ((await addressSecondsLocked(a, now, tx)) > 0) return "locked";
            await new Promise((r) => setTimeout(r, 5)); // the password check
            await recordAddressFailure(a, now, tx);
            return "guessed";
          },
          { address: a },
        );
      }),
    );
    expect(outcomes.filter((o) => o === "guessed")).toHaveLength(max);
    expect(outcomes.filter((o) => o === "locked")).toHaveLength(10);
  });
});
