/**
 * Issue #14 finding 5, against the Harbor simulator on 127.0.0.1: the transport refuses loopback unless allowed, the
 * collector and the connection test get the console's policy (CONSOLE_OUTBOUND_ALLOW — loopback in tests — plus the
 * admins' allow-list), and a pool kept between polls never outlives a narrower allow-list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollInstance, type PollTarget } from "@/lib/fleet/collector/poll";
import { testDraftConnection } from "@/lib/fleet/connection";
import { createHarborClient, testConnection } from "@/lib/harbor";
import { startHarborSim } from "../harbor-sim";
import type { HarborSim } from "../harbor-sim/types";

const ADMIN = { username: "admin", password: "Harbor12345" };
const LOOPBACK_REFUSED =
  /^127\.0\.0\.1 is a loopback address; the console does not connect to it unless an admin allows it in Settings → Outbound connections\.$/;
let sim: HarborSim;

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "plain", version: "2.11.2" },
      { id: "tls", version: "2.15.2", tls: true },
    ],
    record: true,
  });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

const requestsTo = (id: string) => sim.exchanges.filter((x) => x.instanceId === id).length;

describe("the transport and the simulator on loopback", () => {
  it.each(["plain", "tls"])("%s: refused without the allow-list (nothing reaches it), connected with it", async (id) => {
    const inst = sim.get(id);
    const ca = inst.spec.tls ? sim.caPem : null;
    const before = requestsTo(id);
    const refused = createHarborClient({ baseUrl: inst.baseUrl, credentials: ADMIN, ca, maxRetries: 2, retryDelayMs: 1 });
    const report = await testConnection({ client: refused });
    await refused.close();
    expect(report).toMatchObject({ ok: false, reachable: false, error: { kind: "unreachable" } });
    expect(report.error?.message).toMatch(LOOPBACK_REFUSED);
    expect(report.lines[0]).toMatch(LOOPBACK_REFUSED);
    expect(requestsTo(id)).toBe(before);

    const allowed = createHarborClient({ baseUrl: inst.baseUrl, credentials: ADMIN, ca, outbound: { allow: ["127.0.0.0/8"] } });
    const ok = await testConnection({ client: allowed });
    await allowed.close();
    expect(ok).toMatchObject({ ok: true, reachable: true, credential: "valid" });
    expect(requestsTo(id)).toBeGreaterThan(before);
  });
});

describe("the collector", () => {
  const target = (baseUrl: string): PollTarget => ({
    id: crypto.randomUUID(),
    baseUrl,
    username: ADMIN.username,
    secret: ADMIN.password,
    caBundle: null,
    skipTlsVerify: false,
    harborVersion: null,
    apiGeneration: null,
    credentialCheckedAt: new Date(),
  });

  it("polls with the console's policy by default (loopback allowed by CONSOLE_OUTBOUND_ALLOW in tests)", async () => {
    const r = await pollInstance(target(sim.get("plain").baseUrl), { timeoutMs: 3_000 });
    expect(r).toMatchObject({ health: "healthy", errorKind: null });
  });

  it("refuses the metadata address whatever the URL says, before any connection", async () => {
    for (const url of ["http://169.254.169.254", "http://[::ffff:a9fe:a9fe]", "http://2852039166"]) {
      const r = await pollInstance(target(url), { timeoutMs: 3_000 });
      expect(r).toMatchObject({ health: "down", errorKind: "unreachable" });
      expect(r.errorMessage).toMatch(/^(169\.254\.169\.254|::ffff:a9fe:a9fe) is a link-local\/metadata address; the console does not connect to it/);
    }
  });

  it("a narrower allow-list applies to the next poll, even over a kept-alive pool", async () => {
    const t = target(sim.get("plain").baseUrl);
    const opts = { timeoutMs: 3_000, intervalSeconds: 60 }; // connections are kept between polls
    expect((await pollInstance(t, { ...opts, outbound: { allow: ["127.0.0.0/8"] } })).health).toBe("healthy");
    const narrowed = await pollInstance(t, { ...opts, outbound: { allow: [] } });
    expect(narrowed).toMatchObject({ health: "down", errorKind: "unreachable" });
    expect(narrowed.errorMessage).toMatch(LOOPBACK_REFUSED);
    expect((await pollInstance(t, { ...opts, outbound: { allow: ["127.0.0.1/32"] } })).health).toBe("healthy");
  });
});

describe("Test connection", () => {
  const actor = { id: null, email: "outbound-test@example.com" };
  const draft = (baseUrl: string) => ({ baseUrl, username: ADMIN.username, secret: ADMIN.password, caBundle: "", skipTlsVerify: false });

  it("gets the console's policy: the simulator (loopback allowed in tests) answers, the metadata address is refused", async () => {
    const ok = await testDraftConnection({ draft: draft(sim.get("plain").baseUrl), actor, requestId: "outbound-1" });
    expect(ok.ok).toBe(true);
    const meta = await testDraftConnection({ draft: draft("http://169.254.169.254"), actor, requestId: "outbound-2" });
    expect(meta.ok).toBe(false);
    expect(meta.checks[0]).toEqual({
      label: "Reachability",
      status: "failed",
      detail:
        "169.254.169.254 is a link-local/metadata address; the console does not connect to it unless an admin allows it in Settings → Outbound connections.",
    });
  });
});
