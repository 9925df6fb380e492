import { describe, expect, it } from "vitest";
import { semaphore } from "@/lib/fleet/collector/semaphore";

describe("collector semaphore", () => {
  it("runs at most n at once, starts waiters in order, and frees a slot when a call fails", async () => {
    const slots = semaphore(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number, fail = false) =>
      slots(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (fail) throw new Error(`task ${i}`);
        return i;
      });
    const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4), task(5)]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await slots(async () => "free again")).toBe("free again");
  });
});
