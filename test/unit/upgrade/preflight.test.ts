/** Pre-flight verdicts (lib/upgrade/preflight.ts): a refusal or a silence is "cannot-check", never "pass". */
import { describe, expect, it } from "vitest";
import { approvalCheck, evaluatePreflight, waveCheck, type PreflightFacts } from "@/lib/upgrade/preflight";

const healthy: PreflightFacts = {
  expectedVersion: "2.11.2",
  connection: {
    reachable: true,
    latencyMs: 12,
    version: "2.11.2",
    credential: "valid",
    principal: { kind: "user", name: "admin", sysadmin: true },
    readOnly: false,
    error: null,
  },
  health: {
    ok: true,
    value: {
      status: "healthy",
      components: [
        { name: "core", status: "healthy" },
        { name: "redis", status: "healthy" },
      ],
    },
  },
  gc: { ok: true, value: [{ id: 1, status: "Success", since: "2026-12-02T10:00:00Z" }] },
  replication: { ok: true, value: [] },
  volumes: { ok: true, value: [{ total: 500 * 2 ** 30, free: 320 * 2 ** 30 }] },
  scanAll: { ok: true, value: { ongoing: false, total: 40, completed: 40, running: 0, pending: 0, trigger: "Manual" } },
};
const run = (over: (f: PreflightFacts) => PreflightFacts) => {
  const r = evaluatePreflight(over(structuredClone(healthy)), new Date("2026-12-03T10:00:00Z"), 40);
  return { ok: r.ok, by: Object.fromEntries(r.checks.map((c) => [c.id, c])) };
};

describe("evaluatePreflight", () => {
  it("a running GC fails with its id and start; a 403 on the GC history is cannot-check with the reason, and does not block", () => {
    const running = run((f) => ({
      ...f,
      gc: { ok: true, value: [{ id: 7, status: "Running", since: "2026-12-03T09:58:00Z" }, ...(f.gc.ok ? f.gc.value : [])] },
    }));
    expect(running.by.gc).toMatchObject({ status: "fail", evidence: expect.stringMatching(/^GC #7 is running since 2026-12-03T09:58:00Z/) });
    expect(running.ok).toBe(false);
    expect(run((f) => ({ ...f, gc: { ok: true, value: [{ id: 3, status: "pending" }] } })).by.gc.status).toBe("fail");
    const refused = run((f) => ({ ...f, gc: { ok: false, kind: "forbidden", message: "403 Forbidden" } }));
    expect(refused.by.gc).toMatchObject({ status: "cannot-check", evidence: "Harbor refused the GC history call (forbidden): 403 Forbidden" });
    expect(refused.ok).toBe(true);
  });

  it("a replication in progress fails with its execution and policy; a refusal is cannot-check", () => {
    const busy = run((f) => ({ ...f, replication: { ok: true, value: [{ id: 12, policyId: 3, since: "2026-12-03T09:00:00Z" }] } }));
    expect(busy.by.replication).toMatchObject({
      status: "fail",
      evidence: expect.stringMatching(/^In progress: execution #12 of policy 3 since 2026-12-03T09:00:00Z/),
    });
    expect(busy.ok).toBe(false);
    expect(run((f) => ({ ...f, replication: { ok: false, kind: "unauthorized", message: "401" } })).by.replication.status).toBe("cannot-check");
  });

  it("free space: the share of core's disk, failing under 10 %; no size is cannot-check", () => {
    expect(run((f) => f).by.storage.evidence).toMatch(/^320\.0 GiB free of 500\.0 GiB \(64 %\)/);
    const full = run((f) => ({ ...f, volumes: { ok: true, value: [{ total: 100 * 2 ** 30, free: 5 * 2 ** 30 }] } }));
    expect(full.by.storage.status).toBe("fail");
    expect(full.ok).toBe(false);
    expect(run((f) => ({ ...f, volumes: { ok: true, value: [{ total: null, free: null }] } })).by.storage.status).toBe("cannot-check");
  });

  it("passes a healthy Harbor on the plan's version; what the API cannot tell stays cannot-check", () => {
    const r = run((f) => f);
    expect(r.ok).toBe(true);
    expect(Object.values(r.by).map((c) => [c.id, c.status])).toEqual([
      ["reachable", "pass"],
      ["credentials", "pass"],
      ["version", "pass"],
      ["health", "pass"],
      ["read-only", "pass"],
      ["gc", "pass"],
      ["replication", "pass"],
      ["storage", "pass"],
      ["scan-all", "pass"],
    ]);
  });

  it.each(["unauthorized", "forbidden"])("a %s health call is cannot-check with the reason, and blocks", (kind) => {
    const r = run((f) => ({ ...f, health: { ok: false, kind, message: `Harbor answered ${kind === "forbidden" ? 403 : 401}.` } }));
    expect(r.by.health).toMatchObject({ status: "cannot-check", evidence: expect.stringContaining(`refused the health call (${kind})`) });
    expect(r.ok).toBe(false);
  });

  it("an unknown credential (robot or no answer) is never a pass", () => {
    const robot = run((f) => ({ ...f, connection: { ...f.connection, principal: { kind: "robot", name: "robot$ops", sysadmin: false } } }));
    expect(robot.by.credentials.status).toBe("cannot-check");
    expect(robot.ok).toBe(false);
    const unknown = run((f) => ({
      ...f,
      connection: { ...f.connection, credential: "unknown", principal: null, error: { kind: "forbidden", message: "403 on users/current" } },
    }));
    expect(unknown.by.credentials).toMatchObject({ status: "cannot-check", evidence: "403 on users/current" });
  });

  it("fails on a rejected credential, a non-admin, a moved version, an unhealthy component, or read-only already on", () => {
    expect(run((f) => ({ ...f, connection: { ...f.connection, credential: "invalid", principal: null } })).by.credentials.status).toBe("fail");
    expect(run((f) => ({ ...f, connection: { ...f.connection, principal: { kind: "user", name: "dev", sysadmin: false } } })).by.credentials.evidence).toMatch(
      /dev is not a Harbor system administrator/,
    );
    expect(run((f) => ({ ...f, connection: { ...f.connection, version: "2.12.0" } })).by.version.evidence).toMatch(/now runs 2\.12\.0, not 2\.11\.2/);
    const sick = run((f) => ({
      ...f,
      health: { ok: true, value: { status: "unhealthy", components: [{ name: "jobservice", status: "unhealthy", error: "timeout" }] } },
    }));
    expect(sick.by.health).toMatchObject({ status: "fail", evidence: "jobservice: unhealthy (timeout)" });
    expect(sick.ok).toBe(false);
    const ro = run((f) => ({ ...f, connection: { ...f.connection, readOnly: true } }));
    expect(ro.by["read-only"].status).toBe("fail");
    expect(ro.ok).toBe(false);
  });

  it("an unreachable Harbor fails reachability and cannot check the rest", () => {
    const r = run((f) => ({
      ...f,
      connection: {
        ...f.connection,
        reachable: false,
        version: null,
        credential: "unknown",
        principal: null,
        readOnly: null,
        error: { kind: "unreachable", message: "Could not connect to h:443" },
      },
      health: { ok: false, kind: "unreachable", message: "Could not connect to h:443" },
    }));
    expect(r.by.reachable).toMatchObject({ status: "fail", evidence: "Could not connect to h:443" });
    expect([r.by.credentials.status, r.by.version.status, r.by.health.status]).toEqual(["cannot-check", "cannot-check", "cannot-check"]);
    expect(r.ok).toBe(false);
  });

  it("approval: none needed is no check; needed and not given fails; given names the admin and the time in UTC", () => {
    expect(approvalCheck({ required: false, at: null, by: null })).toBeNull();
    expect(approvalCheck({ required: true, at: null, by: null })).toMatchObject({
      id: "approval",
      status: "fail",
      evidence: expect.stringMatching(/nobody approved it before it started/),
    });
    expect(approvalCheck({ required: true, at: "2026-12-03T09:41:12.000Z", by: "ada@example.com" })).toMatchObject({
      status: "pass",
      evidence: "Approved by ada@example.com at 2026-12-03 09:41 UTC.",
    });
  });

  it("scan-all: Harbor's ongoing flag where it has one, otherwise the latest run's counts; 1.9 and refusals are cannot-check", () => {
    expect(run((f) => f).by["scan-all"]).toMatchObject({ status: "pass", evidence: "The latest scan-all has ended (40 of 40 scans done, manual trigger)." });
    const busy = run((f) => ({
      ...f,
      scanAll: { ok: true, value: { ongoing: true, total: 40, completed: 12, running: 3, pending: 25, trigger: "Schedule" } },
    }));
    expect(busy.by["scan-all"]).toMatchObject({
      status: "fail",
      evidence: expect.stringMatching(/^A scan-all is running \(12 of 40 scans done, schedule trigger\)/),
    });
    expect(busy.ok).toBe(false);
    // 1.10/2.0 have no ongoing flag: a running scan, or fewer done than started, is a running scan-all
    expect(
      run((f) => ({ ...f, scanAll: { ok: true, value: { ongoing: null, total: 10, completed: 10, running: 1, pending: 0, trigger: null } } })).by["scan-all"]
        .status,
    ).toBe("fail");
    expect(
      run((f) => ({ ...f, scanAll: { ok: true, value: { ongoing: null, total: 10, completed: 7, running: 0, pending: 0, trigger: null } } })).by["scan-all"]
        .status,
    ).toBe("fail");
    expect(
      run((f) => ({ ...f, scanAll: { ok: true, value: { ongoing: null, total: 0, completed: 0, running: 0, pending: 0, trigger: null } } })).by["scan-all"],
    ).toMatchObject({ status: "pass", evidence: "Harbor reports no scan-all under way." });
    const old = run((f) => ({
      ...f,
      scanAll: {
        ok: false,
        kind: "unsupported_version",
        message: "Harbor 1.9.4 does not expose scan-all progress (GET /scans/all/metrics arrived in Harbor 1.10).",
      },
    }));
    expect(old.by["scan-all"]).toMatchObject({
      status: "cannot-check",
      evidence: expect.stringMatching(/arrived in Harbor 1\.10\)\. Check Interrogation Services/),
    });
    expect(old.ok).toBe(true);
    expect(run((f) => ({ ...f, scanAll: { ok: false, kind: "forbidden", message: "403" } })).by["scan-all"]).toMatchObject({
      status: "cannot-check",
      evidence: "Harbor refused the scan-all metrics call (forbidden): 403",
    });
  });

  it("wave: the canary and plans outside a wave have no check; the next fails until the one before is completed", () => {
    expect(waveCheck(null)).toBeNull();
    const wave = { id: "w", name: "eu", position: 2, size: 3, previous: null };
    expect(waveCheck(wave)).toBeNull();
    const prev = { planId: "p", instanceName: "harbor-canary", state: "needs_attention" as const };
    expect(waveCheck({ ...wave, previous: prev })).toMatchObject({
      id: "wave",
      status: "fail",
      evidence: "harbor-canary (1 of 3 in wave eu) is needs attention, not completed: this instance goes after it is verified.",
    });
    expect(waveCheck({ ...wave, previous: { ...prev, state: "completed" } })).toMatchObject({ status: "pass" });
  });
});
