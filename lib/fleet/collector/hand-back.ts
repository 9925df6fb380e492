import type { Semaphore } from "./semaphore";

/** What a poll that never started returns when its replica is stopping: its job goes back to the queue. */
export const HANDED_BACK = Symbol("handed back");

/**
 * Runs `start` in a slot, unless `signal` aborts first: a poll still waiting for a slot when the replica begins to
 * drain does not start, and resolves HANDED_BACK at once. A poll already started runs to its end (bounded by its own
 * timeout) — it is never abandoned half way, so no instance is polled by two replicas at once.
 */
export function pollUnlessDraining<T>(start: () => Promise<T>, slots: Semaphore, signal?: AbortSignal): Promise<T | typeof HANDED_BACK> {
  if (!signal) return slots(start);
  if (signal.aborted) return Promise.resolve(HANDED_BACK);
  return new Promise((resolve, reject) => {
    let started = false;
    const onAbort = () => {
      if (!started) resolve(HANDED_BACK);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    slots<T | typeof HANDED_BACK>(() => {
      if (signal.aborted) return Promise.resolve(HANDED_BACK);
      started = true;
      signal.removeEventListener("abort", onAbort);
      return start();
    }).then(resolve, reject);
  });
}
