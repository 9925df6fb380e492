import { describe, expect, it } from "vitest";
import { HANDED_BACK, pollUnlessDraining } from "@/lib/fleet/collector/hand-back";
import { semaphore } from "@/lib/fleet/collector/semaphore";

const deferred = () => {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};

describe("pollUnlessDraining: a stopping replica hands back the polls it has not started", () => {
  it("a poll waiting for a slot is handed back the moment the drain starts, without waiting for the slot", async () => {
    const slots = semaphore(1);
    const drain = new AbortController();
    const running = deferred();
    const first = pollUnlessDraining(() => running.promise, slots, drain.signal);
    let secondStarted = false;
    const second = pollUnlessDraining(async () => ((secondStarted = true), "second"), slots, drain.signal);
    drain.abort();
    expect(await second).toBe(HANDED_BACK);
    // The poll already running is not abandoned: it ends with its own result.
    running.resolve("first");
    expect(await first).toBe("first");
    await new Promise((r) => setTimeout(r, 0));
    expect(secondStarted).toBe(false);
  });

  it("after the drain started nothing starts; without a drain signal it is a plain slot", async () => {
    const drain = new AbortController();
    drain.abort();
    let started = false;
    expect(await pollUnlessDraining(async () => ((started = true), "x"), semaphore(2), drain.signal)).toBe(HANDED_BACK);
    expect(started).toBe(false);
    expect(await pollUnlessDraining(async () => "y", semaphore(2))).toBe("y");
  });

  it("a poll that fails still fails (it is not mistaken for a hand-back)", async () => {
    const drain = new AbortController();
    await expect(pollUnlessDraining(async () => Promise.reject(new Error("boom")), semaphore(1), drain.signal)).rejects.toThrow("boom");
  });
});
