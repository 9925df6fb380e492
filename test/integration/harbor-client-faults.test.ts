/**
 * Every fault of the Harbor simulator through the client: each ends as a typed failure of the right kind
 * with a sentence a person can act on, never a throw, and never much later than the client's timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarborClient,
  type CreateHarborClientOptions,
  createWebhookPolicy,
  detectVersion,
  getHealth,
  getStatistics,
  getSystemInfo,
  type HarborClient,
  listProjects,
  testConnection,
} from "@/lib/harbor";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";
import { ADMIN, failed, FAST, faultClient, INSTANCES, ok, SLACK_MS, timed, TIMEOUT_MESSAGE, WRONG } from "../support/harbor-fault-client";
import { contractProblems, exchangesWithRequestId, wireProblems } from "../support/harbor-exchanges";

let sim: HarborSim;
const clients: HarborClient[] = [];

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: INSTANCES });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim?.stop();
});

/** A client for a sim instance; with `detected: true` it knows its version, so each call is exactly one request. */
function client(id: string, extra: Partial<CreateHarborClientOptions> & { detected?: boolean } = {}): HarborClient {
  const c = faultClient(sim.get(id), extra);
  clients.push(c);
  return c;
}

describe("connection faults", () => {
  it("down → unreachable (connection refused), at once, and the report says so; up again → ok", async () => {
    const port = sim.get("down").port;
    sim.setFaults("down", { down: true });
    await sim.settled?.("down");
    const { value, ms } = await timed(() => getHealth({ client: client("down", { detected: true }) }));
    const e = failed(value, "unreachable");
    expect(e.message).toBe(`Connection refused by 127.0.0.1:${port} — is Harbor running and the port open?`);
    expect(e.status).toBeUndefined();
    expect(ms).toBeLessThan(500);
    const report = await testConnection({ client: client("down") });
    expect(report).toMatchObject({ ok: false, reachable: false, version: null, credential: "unknown", error: { kind: "unreachable" } });
    expect(report.checks).toEqual([{ label: "Reachability", status: "failed", detail: e.message }]);
    // retries do not change the verdict, and stay within the budget
    const retried = await timed(() => getHealth({ client: client("down", { detected: true, maxRetries: 2 }) }));
    failed(retried.value, "unreachable");
    expect(retried.ms).toBeLessThan(FAST.timeoutMs + SLACK_MS);

    sim.setFaults("down", {});
    await sim.settled?.("down");
    expect(ok(await getHealth({ client: client("down", { detected: true }) })).status).toBe("healthy");
  });

  it("hang → timeout after timeoutMs, retries included", async () => {
    for (const maxRetries of [0, 2]) {
      const { value, ms } = await timed(() => getHealth({ client: client("hang", { detected: true, maxRetries }) }));
      const e = failed(value, "timeout");
      expect(e.message).toMatch(TIMEOUT_MESSAGE(1.5));
      expect(ms).toBeGreaterThanOrEqual(FAST.timeoutMs - 50);
      expect(ms).toBeLessThan(FAST.timeoutMs + SLACK_MS);
    }
  });

  it("latency under the timeout → ok; over it → timeout", async () => {
    sim.setFaults("slow", { latencyMs: 200 });
    const under = await timed(() => getHealth({ client: client("slow", { detected: true }) }));
    expect(ok(under.value).status).toBe("healthy");
    expect(under.ms).toBeGreaterThanOrEqual(190);
    sim.setFaults("slow", { latencyMs: 1500 });
    const over = await timed(() => getHealth({ client: client("slow", { detected: true, timeoutMs: 600 }) }));
    expect(failed(over.value, "timeout").message).toMatch(TIMEOUT_MESSAGE(0.6));
    expect(over.ms).toBeLessThan(600 + SLACK_MS);
    sim.setFaults("slow", {});
  });

  it("one dead instance does not slow calls to a healthy one made in parallel", async () => {
    const dead = client("hang", { detected: true });
    const healthy = client("plain", { detected: true });
    const t0 = performance.now();
    let healthyDone = 0;
    const deadCall = getHealth({ client: dead }).then((r) => ({ r, at: performance.now() - t0 }));
    const healthyCalls = Promise.all(Array.from({ length: 10 }, () => getSystemInfo({ client: healthy }))).then((rs) => {
      healthyDone = performance.now() - t0;
      return rs;
    });
    const [d, hs] = await Promise.all([deadCall, healthyCalls]);
    expect(hs.every((r) => r.ok)).toBe(true);
    expect(healthyDone).toBeLessThan(500);
    failed(d.r, "timeout");
    expect(d.at).toBeGreaterThan(healthyDone);
  });

  it("flapping → sometimes unreachable, eventually ok again, nothing else", async () => {
    sim.setFaults("flappy", { flappingPeriodMs: 120 });
    const kinds: string[] = [];
    try {
      const c = client("flappy", { detected: true });
      for (let i = 0; i < 100; i++) {
        const r = await getHealth({ client: c });
        kinds.push(r.ok ? "ok" : r.error.kind);
        if (!r.ok) expect(r.error.message).toMatch(/127\.0\.0\.1:\d+/);
        const firstDown = kinds.indexOf("unreachable");
        if (firstDown >= 0 && kinds.lastIndexOf("ok") > firstDown) break;
        await new Promise((res) => setTimeout(res, 15));
      }
    } finally {
      sim.setFaults("flappy", {});
      await sim.settled?.("flappy");
    }
    expect(new Set(kinds)).toEqual(new Set(["ok", "unreachable"]));
    expect(kinds.lastIndexOf("ok")).toBeGreaterThan(kinds.indexOf("unreachable"));
  });
});

describe("HTTP faults", () => {
  it("serverError 503 → server_error, and a GET is retried (same request id) up to maxRetries", async () => {
    sim.setFaults("5xx", { serverError: 503 });
    for (const maxRetries of [0, 1, 2]) {
      const r = await getHealth({ client: client("5xx", { detected: true, maxRetries }) });
      const e = failed(r, "server_error");
      expect(e).toMatchObject({ status: 503, harborMessage: "simulated 503" });
      expect(e.message).toMatch(/failed with HTTP 503.*Harbor's core logs/);
      const attempts = exchangesWithRequestId(sim.exchanges, e.requestId);
      expect(attempts).toHaveLength(maxRetries + 1);
      expect(attempts.every((x) => x.status === 503 && x.fault === "serverError" && x.path === "/api/v2.0/health")).toBe(true);
    }
    // a POST is never retried
    const post = await createWebhookPolicy({
      client: client("5xx", { detected: true, maxRetries: 2 }),
      project: 1,
      policy: { name: "p", enabled: true, eventTypes: ["PUSH_ARTIFACT"], targets: [{ type: "http", address: "https://h.example.com" }] },
    });
    expect(exchangesWithRequestId(sim.exchanges, failed(post, "server_error").requestId).map((x) => x.method)).toEqual(["POST"]);
    // detection against a failing Harbor: reachable, but not ok
    const report = await testConnection({ client: client("5xx") });
    expect(report).toMatchObject({ ok: false, reachable: true, generation: null, error: { kind: "server_error", status: 503 } });
    sim.setFaults("5xx", {});
  });

  it("serverError 500 → server_error, not retried; Harbor's message read from 2.x JSON and 1.x text/plain bodies", async () => {
    sim.setFaults("5xx", { serverError: 500 });
    const modern = failed(await getHealth({ client: client("5xx", { detected: true, maxRetries: 2 }) }), "server_error");
    expect(modern).toMatchObject({ status: 500, harborMessage: "internal server error" });
    expect(exchangesWithRequestId(sim.exchanges, modern.requestId)).toHaveLength(1);
    sim.setFaults("5xx", {});
    const old = failed(await listProjects({ client: client("5xx-v1", { detected: true, maxRetries: 2 }) }), "server_error");
    expect(old).toMatchObject({ status: 500, harborMessage: "simulated 500" });
    expect(exchangesWithRequestId(sim.exchanges, old.requestId)).toHaveLength(1);
  });

  it("invalidJson → invalid_response naming what came back", async () => {
    const e = failed(await getSystemInfo({ client: client("not-json", { detected: true }) }), "invalid_response");
    expect(e.status).toBe(200);
    expect(e.message).toMatch(/a body that is not JSON \(HTTP 200, Content-Type application\/json\)/);
    expect(e.message).not.toContain("<html>");
    expect(e.message).toMatch(/is the URL pointing at Harbor's API\?/);
    // detection fails the same way, and the report keeps the instance "reachable"
    expect(failed(await detectVersion({ client: client("not-json") }), "invalid_response").message).toMatch(/GET \/api\/version/);
    expect(await testConnection({ client: client("not-json") })).toMatchObject({ ok: false, reachable: true, error: { kind: "invalid_response" } });
  });

  it("truncated → invalid_response (headers arrived, the body was cut off: error-mapping.ts), retried as transient", async () => {
    for (const maxRetries of [0, 1]) {
      const { value, ms } = await timed(() => getSystemInfo({ client: client("truncated", { detected: true, maxRetries }) }));
      const e = failed(value, "invalid_response");
      expect(e.message).toMatch(/was cut off before it was complete/);
      expect(ms).toBeLessThan(FAST.timeoutMs);
      const attempts = exchangesWithRequestId(sim.exchanges, e.requestId);
      expect(attempts.map((x) => x.fault)).toEqual(Array(maxRetries + 1).fill("truncated"));
    }
  });

  it("a credential Harbor rejects → 401 on statistics → unauthorized", async () => {
    for (const id of ["plain", "old", "legacy"]) {
      const e = failed(await getStatistics({ client: client(id, { detected: true, credentials: WRONG }) }), "unauthorized");
      expect(e.status).toBe(401);
      expect(e.message).toMatch(/did not accept the credential .* check the username and secret/);
    }
  });
});

describe("TLS", () => {
  const url = () => sim.get("tls").baseUrl;

  it("without the CA → tls, naming the certificate; with the CA or skipTlsVerify → ok", async () => {
    const e = failed(await detectVersion({ client: client("tls") }), "tls");
    expect(e.message).toBe("The TLS certificate of 127.0.0.1 is signed by a CA the console does not trust — add that CA bundle to this instance.");
    const report = await testConnection({ client: client("tls") });
    expect(report).toMatchObject({ ok: false, reachable: false, error: { kind: "tls" } });

    expect(await testConnection({ client: client("tls", { ca: sim.caPem }) })).toMatchObject({ ok: true, version: "2.11.2", credential: "valid" });
    expect(ok(await getHealth({ client: client("tls", { skipTlsVerify: true }) })).status).toBe("healthy");
    // trust stays per client: a later client without the CA still refuses
    failed(await getHealth({ client: client("tls", { detected: true }) }), "tls");
    expect(url()).toMatch(/^https:/);
  });

  it("the wrong scheme either way is a typed failure with a hint, not a throw", async () => {
    const httpsToPlain = createHarborClient({ baseUrl: sim.get("plain").baseUrl.replace("http:", "https:"), credentials: ADMIN, ...FAST });
    const httpToTls = createHarborClient({ baseUrl: url().replace("https:", "http:"), credentials: ADMIN, ...FAST });
    clients.push(httpsToPlain, httpToTls);
    expect(failed(await detectVersion({ client: httpsToPlain }), "tls").message).toMatch(/HTTPS|http:\/\//);
    // the TLS server drops the plain-HTTP connection: closed (usual) or reset, both "unreachable" in error-mapping.ts
    expect(failed(await detectVersion({ client: httpToTls }), "unreachable").message).toMatch(
      /closed the connection without answering — check the scheme|was reset/,
    );
  });
});

describe("every exchange of this file", () => {
  it("keeps the wire rules; the unfaulted ones match the official specs", async () => {
    expect(wireProblems(sim.exchanges)).toEqual([]);
    const { validated, problems } = await contractProblems(sim.exchanges);
    if (problems.length) console.error(problems.join("\n"));
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(20);
    expect(sim.exchanges.filter((e) => e.fault).length).toBeGreaterThan(10);
  });
});
