/** Hop verification (lib/upgrade/verify.ts): verified only on the hop's version with every component healthy. */
import { describe, expect, it } from "vitest";
import { verifyHop, type HopObservation } from "@/lib/upgrade/verify";

const hop = { from: "2.11.2", to: "2.14.4" };
const healthy: HopObservation["health"] = {
  ok: true,
  value: {
    components: [
      { name: "core", status: "healthy" },
      { name: "database", status: "healthy" },
    ],
  },
};
const on = (version: string | null, health = healthy): HopObservation => ({ info: { ok: true, value: { version } }, health });
const badGateway = { ok: false as const, kind: "server_error", message: "Harbor answered 502", status: 502 };

describe("verifyHop", () => {
  it("verifies the hop's version with every component healthy", () => {
    expect(verifyHop(hop, on("2.14.4"))).toEqual({ kind: "verified", message: "Harbor runs 2.14.4 and its 2 components are healthy." });
  });

  it("needs attention on the old version, another version, an unhealthy component, or no version", () => {
    expect(verifyHop(hop, on("2.11.2"))).toMatchObject({ kind: "attention", reason: "old-version", restore: false });
    expect(verifyHop(hop, on("2.13.0"))).toMatchObject({ kind: "attention", reason: "other-version" });
    const sick = verifyHop(hop, on("2.14.4", { ok: true, value: { components: [{ name: "jobservice", status: "unhealthy", error: "redis" }] } }));
    expect(sick).toMatchObject({ kind: "attention", reason: "unhealthy", message: "Harbor runs 2.14.4 but jobservice is unhealthy (redis)." });
    expect(verifyHop(hop, on(null))).toMatchObject({ kind: "attention", reason: "unknown" });
  });

  it("core down behind a living front is the dirty-migration signature and points at the restore runbook", () => {
    const v = verifyHop(hop, { info: badGateway, health: badGateway });
    expect(v).toMatchObject({ kind: "attention", reason: "core-down", restore: true });
    expect(v.message).toMatch(/Dirty database version.*restore runbook/);
  });

  it("an unreachable Harbor needs attention but is not called a dirty migration", () => {
    const down = { ok: false as const, kind: "unreachable", message: "connection refused" };
    expect(verifyHop(hop, { info: down, health: down })).toMatchObject({ kind: "attention", reason: "unreachable", restore: false });
  });
});
