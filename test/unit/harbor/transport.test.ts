import { afterEach, describe, expect, it, vi } from "vitest";
import { MockAgent } from "undici";
import { apiPath, createHarborClient } from "@/lib/harbor/transport";
import { ADMIN, fakeClient, ORIGIN } from "./fake";

const ok = { body: { ok: true } };

describe("URL building", () => {
  it("joins the generation's base path and encodes every segment", () => {
    expect(apiPath("v1", "projects", 7, "webhook", "policies")).toBe("/api/projects/7/webhook/policies");
    expect(apiPath("v2.0", "projects", 7)).toBe("/api/v2.0/projects/7");
    expect(apiPath("v2.8", "projects", "my/pro ject")).toBe("/api/v2.0/projects/my%2Fpro%20ject");
    expect(() => apiPath("v2.8", "projects", "..")).toThrow();
    expect(() => apiPath("v2.8", "projects", "")).toThrow();
  });

  it("keeps a path prefix of the base URL and encodes query values", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    let seen = "";
    agent
      .get(ORIGIN)
      .intercept({ path: () => true })
      .reply((o) => ((seen = o.path), { statusCode: 200, data: "{}" }));
    const client = createHarborClient({ baseUrl: `${ORIGIN}/harbor/`, credentials: ADMIN, dispatcher: agent });
    await client.send({ method: "GET", path: "/api/v2.0/projects", query: { name: "a b&c", page: 2, skip: undefined, status: ["x", "y"] } });
    expect(seen).toBe("/harbor/api/v2.0/projects?name=a%20b%26c&page=2&status=x&status=y");
  });

  it("refuses base URLs with credentials, queries or other schemes (programmer errors throw)", () => {
    expect(() => createHarborClient({ baseUrl: "https://u:p@h.test" })).toThrow();
    expect(() => createHarborClient({ baseUrl: "https://h.test/?x=1" })).toThrow();
    expect(() => createHarborClient({ baseUrl: "ftp://h.test" })).toThrow();
    expect(() => createHarborClient({ baseUrl: "https://h.test", timeoutMs: -1 })).toThrow();
  });
});

describe("headers", () => {
  it("sends Basic auth, a fresh X-Request-Id per call, JSON content type on bodies", async () => {
    const { client, calls } = fakeClient(() => ok);
    const a = await client.send({ method: "GET", path: "/api/v2.0/health" });
    const b = await client.send({ method: "POST", path: "/api/v2.0/x", body: { a: 1 } });
    expect(calls[0].headers.authorization).toBe(`Basic ${Buffer.from("admin:Harbor12345").toString("base64")}`);
    expect(calls[1].headers.authorization).toBe(calls[0].headers.authorization);
    expect(calls[0].headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0].headers["x-request-id"]).not.toBe(calls[1].headers["x-request-id"]);
    expect(a.ok && a.requestId).toBe(calls[0].headers["x-request-id"]);
    expect(b.ok && b.requestId).toBe(calls[1].headers["x-request-id"]);
    expect(calls[1].headers["content-type"]).toBe("application/json");
    expect(calls[1].body).toEqual({ a: 1 });
  });

  it("never sends a Cookie, even after Harbor sets sid and CSRF cookies", async () => {
    const { client, calls } = fakeClient(() => ({ body: {}, headers: { "set-cookie": ["sid=abc; Path=/", "_gorilla_csrf=x"] } }));
    const r = await client.send({ method: "GET", path: "/api/v2.0/projects" });
    await client.send({ method: "POST", path: "/api/v2.0/projects/1/webhook/policies", body: {} });
    await client.send({ method: "PUT", path: "/api/v2.0/projects/1/webhook/policies/1", body: {} });
    expect(calls).toHaveLength(3);
    for (const c of calls) expect(c.headers.cookie).toBeUndefined();
    expect(r.ok && r.value.headers["set-cookie"]).toBeUndefined();
  });

  it("sends X-Is-Resource-Name only when addressing by name", async () => {
    const { client, calls } = fakeClient(() => ok);
    await client.send({ method: "GET", path: "/api/v2.0/projects/2024", byName: true });
    await client.send({ method: "GET", path: "/api/v2.0/projects/7" });
    expect(calls[0].headers["x-is-resource-name"]).toBe("true");
    expect(calls[1].headers["x-is-resource-name"]).toBeUndefined();
  });

  it("without credentials sends no Authorization", async () => {
    const { client, calls } = fakeClient(() => ok, { credentials: null });
    await client.send({ method: "GET", path: "/api/version" });
    expect(calls[0].headers.authorization).toBeUndefined();
  });
});

describe("logging", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("logs the request id at debug level and never the credential", async () => {
    vi.stubEnv("LOG_LEVEL", "debug");
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((l: string) => void out.push(l));
    vi.spyOn(console, "error").mockImplementation((l: string) => void out.push(l));
    const { client, calls } = fakeClient(() => ({ status: 401, body: { errors: [{ code: "UNAUTHORIZED", message: "unauthorized" }] } }));
    await client.send({ method: "GET", path: "/api/v2.0/users/current" });
    const all = out.join("\n");
    expect(all).toContain(calls[0].headers["x-request-id"]);
    expect(all).not.toContain("Harbor12345");
    expect(all).not.toContain(Buffer.from("admin:Harbor12345").toString("base64"));
    expect(all).not.toMatch(/Basic /);
  });
});

describe("retries", () => {
  it("retries a GET on 502/503/504 up to twice, then succeeds", async () => {
    let n = 0;
    const { client, calls } = fakeClient(() => (++n <= 2 ? { status: n === 1 ? 503 : 502, raw: true, body: "busy" } : ok));
    const r = await client.send({ method: "GET", path: "/api/v2.0/health" });
    expect(r.ok).toBe(true);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers["x-request-id"])).size).toBe(1);
  });

  it("gives up after maxRetries and reports the last failure", async () => {
    const { client, calls } = fakeClient(() => ({ status: 504, raw: true, body: "gateway timeout" }));
    const r = await client.send({ method: "GET", path: "/api/v2.0/health" });
    expect(calls).toHaveLength(3);
    expect(!r.ok && r.error.kind).toBe("server_error");
    expect(!r.ok && r.error.status).toBe(504);
  });

  it("honours a configured maxRetries of 0", async () => {
    const { client, calls } = fakeClient(() => ({ status: 503 }), { maxRetries: 0 });
    await client.send({ method: "GET", path: "/api/v2.0/health" });
    expect(calls).toHaveLength(1);
  });

  it("never retries POST, PUT or DELETE, nor a GET answered 500", async () => {
    const { client, calls } = fakeClient(() => ({ status: 503 }));
    await client.send({ method: "POST", path: "/api/v2.0/x", body: {} });
    await client.send({ method: "PUT", path: "/api/v2.0/x", body: {} });
    await client.send({ method: "DELETE", path: "/api/v2.0/x" });
    expect(calls).toHaveLength(3);
    const five = fakeClient(() => ({ status: 500, body: { errors: [{ code: "UNKNOWN", message: "internal server error" }] } }));
    await five.client.send({ method: "GET", path: "/api/v2.0/x" });
    expect(five.calls).toHaveLength(1);
  });

  it("retries a GET after a network error (connection reset) but not a POST", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    pool.intercept({ path: "/api/v2.0/health" }).replyWithError(reset);
    pool.intercept({ path: "/api/v2.0/health" }).reply(200, { status: "healthy", components: [] });
    const client = createHarborClient({ baseUrl: ORIGIN, dispatcher: agent, retryDelayMs: 1 });
    expect((await client.send({ method: "GET", path: "/api/v2.0/health" })).ok).toBe(true);
    pool.intercept({ path: "/api/v2.0/x", method: "POST" }).replyWithError(reset);
    const post = await client.send({ method: "POST", path: "/api/v2.0/x", body: {} });
    expect(!post.ok && post.error.kind).toBe("unreachable");
    agent.assertNoPendingInterceptors();
  });

  it("does not retry a TLS failure or an unknown host", async () => {
    for (const code of ["DEPTH_ZERO_SELF_SIGNED_CERT", "ENOTFOUND"]) {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent
        .get(ORIGIN)
        .intercept({ path: "/api/version" })
        .replyWithError(Object.assign(new Error(code), { code }));
      const client = createHarborClient({ baseUrl: ORIGIN, dispatcher: agent, retryDelayMs: 1 });
      // a second attempt would hit no interceptor: a MockNotMatchedError, which the client rethrows
      const r = await client.send({ method: "GET", path: "/api/version" });
      expect(r.ok).toBe(false);
    }
  });
});

describe("redirects", () => {
  it("treats 3xx as an error and never contacts the Location", async () => {
    const { client, calls } = fakeClient(() => ({ status: 301, headers: { location: "https://evil.test/api/v2.0/projects" } }));
    const r = await client.send({ method: "GET", path: "/api/v2.0/projects" });
    expect(calls).toHaveLength(1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("invalid_response");
      expect(r.error.status).toBe(301);
      expect(r.error.message).toMatch(/does not follow redirects/);
    }
  });
});

describe("response size cap", () => {
  it("rejects a body larger than the cap, declared or streamed", async () => {
    const big = "x".repeat(5000);
    const declared = fakeClient(() => ({ raw: true, body: big, headers: { "content-length": "5000" } }), { maxResponseBytes: 1024 });
    const r1 = await declared.client.send({ method: "GET", path: "/api/v2.0/projects" });
    expect(!r1.ok && r1.error.kind).toBe("invalid_response");
    expect(!r1.ok && r1.error.message).toMatch(/larger than/);
    const streamed = fakeClient(() => ({ raw: true, body: big }), { maxResponseBytes: 1024 });
    const r2 = await streamed.client.send({ method: "GET", path: "/api/v2.0/projects" });
    expect(!r2.ok && r2.error.kind).toBe("invalid_response");
    const small = fakeClient(() => ({ raw: true, body: "x".repeat(1000) }), { maxResponseBytes: 1024 });
    expect((await small.client.send({ method: "GET", path: "/api/v2.0/projects" })).ok).toBe(true);
  });
});

describe("response size cap on a real socket", () => {
  it("abandons an oversized chunked body without an unhandled stream error", async () => {
    const http = await import("node:http");
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // no Content-Length: chunked
      let sent = 0;
      const more = () => {
        if (res.destroyed || sent >= 64) return res.end();
        sent++;
        res.write("x".repeat(1024), () => setImmediate(more));
      };
      more();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const { port } = server.address() as { port: number };
      const client = createHarborClient({ baseUrl: `http://127.0.0.1:${port}`, maxResponseBytes: 4096, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] } });
      const r = await client.send({ method: "GET", path: "/api/v2.0/projects" });
      expect(!r.ok && r.error.kind).toBe("invalid_response");
      expect(!r.ok && r.error.message).toMatch(/larger than/);
      await new Promise((r) => setTimeout(r, 100)); // the abort error of the destroyed body would surface here
      expect(uncaught).toEqual([]);
      await client.close();
    } finally {
      process.off("uncaughtException", onUncaught);
      server.closeAllConnections();
      server.close();
    }
  });
});
