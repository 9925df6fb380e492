import { describe, expect, it } from "vitest";
import { failingStreak, recentFailures } from "@/lib/fleet/webhooks/delivery-summary";
import { WEBHOOK_FAILURES_KEPT, WEBHOOK_FLAG_STREAK } from "@/lib/schemas/webhook-constants";
import type { DeliveryDto } from "@/lib/schemas/webhook-dto";
import { ZInboxParams } from "@/lib/schemas/webhook";

const d = (n: number, ok: boolean | null): DeliveryDto => ({
  at: `2026-12-0${n}T10:00:00Z`,
  status: ok === true ? "Success" : ok === false ? "Error" : "Running",
  ok,
  eventType: "PUSH_ARTIFACT",
});

describe("the inbox's rows of one policy", () => {
  it("keeps only failures, newest first as read, at most WEBHOOK_FAILURES_KEPT", () => {
    const read = [d(9, false), d(8, true), d(7, false), d(6, null), d(5, false), d(4, false), d(3, false), d(2, false), d(1, false)];
    const kept = recentFailures(read);
    expect(kept).toHaveLength(WEBHOOK_FAILURES_KEPT);
    expect(kept.map((f) => f.at)).toEqual([read[0], read[2], read[4], read[5], read[6]].map((f) => f.at));
    expect(kept.every((f) => f.ok === false)).toBe(true);
  });

  it("no failure, no row; a running delivery is not a failure", () => {
    expect(recentFailures([d(3, true), d(2, null), d(1, true)])).toEqual([]);
  });
});

describe("the flag: the last WEBHOOK_FLAG_STREAK deliveries failed", () => {
  it("counts leading failures only; a success or an unfinished delivery ends the streak", () => {
    expect(WEBHOOK_FLAG_STREAK).toBe(3);
    expect(failingStreak([d(3, false), d(2, false), d(1, false)])).toBe(3);
    expect(failingStreak([d(3, false), d(2, true), d(1, false)])).toBe(1);
    expect(failingStreak([d(3, null), d(2, false), d(1, false)])).toBe(0);
    expect(failingStreak([])).toBe(0);
  });
});

describe("the inbox's URL filters", () => {
  it("accept an instance id, text, an event and a known window; refuse the rest", () => {
    const ok = ZInboxParams.safeParse({
      instance: "7f1c7c1e-4b7a-4a55-9b8e-1d2c3b4a5f60",
      project: " payments ",
      policy: "siem",
      event: "PUSH_ARTIFACT",
      since: "24h",
    });
    expect(ok.success && ok.data.project).toBe("payments");
    expect(ZInboxParams.safeParse({ instance: "not-a-uuid" }).success).toBe(false);
    expect(ZInboxParams.safeParse({ since: "2y" }).success).toBe(false);
    expect(ZInboxParams.safeParse({ project: "x".repeat(101) }).success).toBe(false);
  });
});
