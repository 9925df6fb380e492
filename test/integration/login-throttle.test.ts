import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/fleet/users";
import { env } from "@/lib/env";
import {
  addressSecondsLocked,
  clearLoginFailures,
  recordAddressFailure,
  recordLoginFailure,
  recordLoginSuccess,
  secondsLocked,
  withLoginAttempt,
} from "@/lib/fleet/login-throttle";

// setup.ts: LOGIN_MAX_FAILURES=3, LOGIN_LOCK_SECONDS=60
const email = (label = "throttle") => `${label}-${crypto.randomBytes(5).toString("hex")}@example.com`;
const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function fail(mail: string, times: number, now = T0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await recordLoginFailure(mail, now));
  return out;
}

describe("login throttle", () => {
  it("does not lock below LOGIN_MAX_FAILURES, but counts", async () => {
    const mail = email();
    expect(await fail(mail, 2)).toEqual([0, 0]);
    expect(await secondsLocked(mail, T0)).toBe(0);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: mail } });
    expect(row.failures).toBe(2);
    expect(row.lockedUntil).toBeNull();
    expect(row.lastFailureAt?.toISOString()).toBe(T0.toISOString());
  });

  it("locks for 60 s at the 3rd failure, doubles with each further failure, and caps at 15 minutes", async () => {
    const mail = email();
    expect(await fail(mail, 3)).toEqual([0, 0, 60]);
    expect(await secondsLocked(mail, T0)).toBe(60);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: mail } });
    expect(row.lockedUntil?.toISOString()).toBe(at(60).toISOString());

    expect(await recordLoginFailure(mail, T0)).toBe(120);
    expect(await secondsLocked(mail, T0)).toBe(120);
    expect(await fail(mail, 5)).toEqual([240, 480, 900, 900, 900]);
    expect(await secondsLocked(mail, T0)).toBe(900);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { email: mail } })).failures).toBe(9);
  });

  it("starts each lock at the time of the failure", async () => {
    const mail = email();
    await fail(mail, 3, T0);
    expect(await recordLoginFailure(mail, at(1000))).toBe(120);
    expect(await secondsLocked(mail, at(1000))).toBe(120);
    expect(await secondsLocked(mail, at(1060))).toBe(60);
  });

  it("counts down from the given now, rounding up, and reaches 0 at the lock's end", async () => {
    const mail = email();
    await fail(mail, 3);
    expect(await secondsLocked(mail, at(0))).toBe(60);
    expect(await secondsLocked(mail, at(15))).toBe(45);
    expect(await secondsLocked(mail, at(59.5))).toBe(1);
    expect(await secondsLocked(mail, at(60))).toBe(0);
    expect(await secondsLocked(mail, at(3600))).toBe(0);
  });

  it("clearLoginFailures resets the counter and the lock", async () => {
    const mail = email();
    await fail(mail, 4);
    expect(await secondsLocked(mail, T0)).toBe(120);
    await clearLoginFailures(mail);
    expect(await secondsLocked(mail, T0)).toBe(0);
    expect(await db.loginThrottle.findUnique({ where: { email: mail } })).toBeNull();
    // counting starts over: two more failures do not lock
    expect(await fail(mail, 2)).toEqual([0, 0]);
    expect(await secondsLocked(mail, T0)).toBe(0);
    // clearing an email that never failed is harmless
    await expect(clearLoginFailures(email("never"))).resolves.toBeUndefined();
  });

  it("keeps throttles per email", async () => {
    const a = email("a");
    const b = email("b");
    await fail(a, 3);
    expect(await secondsLocked(a, T0)).toBe(60);
    expect(await secondsLocked(b, T0)).toBe(0);
    expect(await recordLoginFailure(b, T0)).toBe(0);
  });

  it("behaves the same whether or not an account exists for the email", async () => {
    const ghost = email("ghost");
    expect(await db.user.count({ where: { email: ghost } })).toBe(0);
    const { user } = await createUser({
      input: { email: email("real"), name: "", role: "viewer" },
      actor: { id: null, email: "tester@example.com" },
      requestId: "t",
    });
    const ghostLocks = await fail(ghost, 5);
    const realLocks = await fail(user.email, 5);
    expect(ghostLocks).toEqual([0, 0, 60, 120, 240]);
    expect(realLocks).toEqual(ghostLocks);
    expect(await secondsLocked(ghost, T0)).toBe(await secondsLocked(user.email, T0));
    expect(await db.user.count({ where: { email: ghost } })).toBe(0);
  });

  it("counts parallel failures atomically: 10 concurrent calls make failures=10", async () => {
    const mail = email("parallel");
    const results = await Promise.all(Array.from({ length: 10 }, () => recordLoginFailure(mail, T0)));
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: mail } });
    expect(row.failures).toBe(10);
    // every call saw its own count (1..10), so the returned locks are exactly those of failures 1..10
    expect([...results].sort((x, y) => x - y)).toEqual([0, 0, 60, 120, 240, 480, 900, 900, 900, 900]);
  });

  it("after parallel failures the stored lock is the one for the final count, not an earlier, shorter one", async () => {
    // Each call increments, then writes lockedUntil in a second statement: the writes must not let a
    // call that saw fewer failures overwrite the longer lock of one that saw more.
    for (let round = 0; round < 20; round++) {
      const mail = email(`lock-race-${round}`);
      await Promise.all(Array.from({ length: 10 }, () => recordLoginFailure(mail, T0)));
      expect(await secondsLocked(mail, T0), `round ${round}`).toBe(900);
    }
  });
});

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
