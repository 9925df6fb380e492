import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/fleet/users";
import { clearLoginFailures, recordLoginFailure, secondsLocked } from "@/lib/fleet/login-throttle";
import { at, email, fail, T0 } from "../support/login-throttle-fixtures";

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
