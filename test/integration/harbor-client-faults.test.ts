/**
 * Every fault of the Harbor simulator through the client: each ends as a typed failure of the right kind
 * with a sentence a person can act on, never a throw, and never much later than the client's timeout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarborClient,
  createWebhookPolicy,
  detectVersion,
  getHealth,
  getStatistics,
  getSystemInfo,
  listProjects,
  testConnection,
  type CreateHarborClientOptions,
  type DetectedVersion,
  type HarborClient,
  type HarborErrorKind,
  type HarborResult,
} from "@/lib/harbor";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { contractProblems, exchangesWithRequestId, wireProblems } from "../support/harbor-exchanges";

const ADMIN = { username: "admin", password: "Harbor12345" };
const WRONG = { username: "admin", password: "wrong" };
/** Small budgets keep the suite fast; the assertions check the client keeps them. */
// The simulator listens on loopback, which the transport refuses unless allowed (harbor-outbound.test.ts).
const FAST = { timeoutMs: 1500, connectTimeoutMs: 500, maxRetries: 0, retryDelayMs: 20, outbound: { allow: ["127.0.0.0/8"] } } as const;
/**
 * The call's own deadline and undici's headersTimeout are both timeoutMs (transport.ts), so either may fire
 * first: two wordings, one kind.
 */
const TIMEOUT_MESSAGE = (secs: number) =>
  new RegExp(`did not answer within ${String(secs).replace(".", "\\.")} s|accepted the connection but stopped answering`);
/** How far past its timeout a call may end (scheduling on a loaded 2-core CI box). */
const SLACK_MS = 600;

const INSTANCES: SimInstanceSpec[] = [
  { id: "down", version: "2.11.2" },
  { id: "hang", version: "2.11.2", faults: { hang: true } },
  { id: "slow", version: "2.8.6" },
  { id: "5xx", version: "2.15.2" },
  { id: "5xx-v1", version: "1.10.19", faults: { serverError: 500 } },
  { id: "not-json", version: "2.5.6", faults: { invalidJson: true } },
  { id: "truncated", version: "2.7.4", faults: { truncated: true } },
  { id: "tls", version: "2.11.2", tls: true },
  { id: "flappy", version: "2.5.6" },
  { id: "plain", version: "2.15.2" },
  { id: "old", version: "1.9.4" },
  { id: "legacy", version: "2.0.0" },
];

let sim: HarborSim;
const clients: HarborClient[] = [];

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: INSTANCES });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim?.stop();
});

const KNOWN: Record<string, DetectedVersion> = {
  "2.11.2": { generation: "v2.8", version: "2.11.2" },
  "2.8.6": { generation: "v2.8", version: "2.8.6" },
  "2.15.2": { generation: "v2.13", version: "2.15.2" },
  "1.10.19": { generation: "v1", version: "1.10.19" },
  "2.5.6": { generation: "v2.3", version: "2.5.6" },
  "2.7.4": { generation: "v2.3", version: "2.7.4" },
  "1.9.4": { generation: "v1", version: "1.9.4" },
  "2.0.0": { generation: "v2.0", version: "2.0.0" },
};

/** A client for a sim instance; with `detected: true` it knows its version, so each call is exactly one request. */
function client(id: string, extra: Partial<CreateHarborClientOptions> & { detected?: boolean } = {}): HarborClient {
  const { detected, ...opts } = extra;
  const inst = sim.get(id);
  const c = createHarborClient({ baseUrl: inst.baseUrl, credentials: ADMIN, ...FAST, ...(detected ? { known: KNOWN[inst.spec.version] } : {}), ...opts });
  clients.push(c);
  return c;
}

/** Runs a client call; it must resolve (never throw). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

function failed<T>(r: HarborResult<T>, kind: HarborErrorKind) {
  if (r.ok) expect.fail(`expected ${kind}, got ok: ${JSON.stringify(r.value).slice(0, 200)}`);
  expect(r.error.kind, r.error.message).toBe(kind);
  expect(r.error.message).toMatch(/^\S.{20,}[.?]$/s); // a sentence, not a code
  expect(r.error.message).not.toContain(ADMIN.password);
  return r.error;
}

function ok<T>(r: HarborResult<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
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

describe("unsupported versions", () => {
  it("the simulator itself refuses versions outside 1.9–2.x", async () => {
    await expect(startHarborSim({ instances: [{ id: "x", version: "3.0.0" }] })).rejects.toThrow(/unsupported Harbor version "3\.0\.0"/);
    await expect(startHarborSim({ instances: [{ id: "x", version: "1.8.0" }] })).rejects.toThrow(/unsupported Harbor version "1\.8\.0"/);
  });

  describe("a tiny fake Harbor", () => {
    /** answers per mode: what /api/version and systeminfo say */
    let mode: "api-v3" | "harbor-v3" | "harbor-v1.8" = "api-v3";
    let server: http.Server;
    let base = "";
    const requests: string[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (req.url === "/api/version") {
          if (mode === "harbor-v1.8") return send(404, { code: 404, message: "not found" });
          return send(200, { version: mode === "api-v3" ? "v3.0" : "v2.0" });
        }
        if (req.url === "/api/v2.0/systeminfo" && mode === "harbor-v3") return send(200, { harbor_version: "v3.1.0-abcdef12", auth_mode: "db_auth" });
        if (req.url === "/api/systeminfo" && mode === "harbor-v1.8") return send(200, { harbor_version: "v1.8.6-1f5ae9f0", auth_mode: "db_auth" });
        return send(404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const fake = () => {
      const c = createHarborClient({ baseUrl: base, credentials: ADMIN, ...FAST });
      clients.push(c);
      return c;
    };

    it('/api/version {"version":"v3.0"} → unsupported_version, nothing else asked', async () => {
      mode = "api-v3";
      requests.length = 0;
      const e = failed(await detectVersion({ client: fake() }), "unsupported_version");
      expect(e.message).toMatch(/speaks API v3\.0, which the console does not know/);
      expect(requests).toEqual(["GET /api/version"]);
    });

    it("systeminfo harbor_version v3.1.0-abcdef12 → unsupported_version, for detection, calls and the report", async () => {
      mode = "harbor-v3";
      const e = failed(await detectVersion({ client: fake() }), "unsupported_version");
      expect(e.message).toMatch(/reports version v3\.1\.0-abcdef12, which is not a version the console supports/);
      failed(await getHealth({ client: fake() }), "unsupported_version");
      const report = await testConnection({ client: fake() });
      expect(report).toMatchObject({ ok: false, reachable: true, generation: null, version: null, error: { kind: "unsupported_version" } });
      expect(report.checks.find((c) => c.label === "Version")).toMatchObject({ status: "failed", detail: e.message });
    });

    it("1.x answering harbor_version v1.8.6 → unsupported_version (older than 1.9)", async () => {
      mode = "harbor-v1.8";
      expect(failed(await detectVersion({ client: fake() }), "unsupported_version").message).toMatch(/v1\.8\.6-1f5ae9f0, which is older than 1\.9/);
    });
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
