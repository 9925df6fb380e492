import http from "node:http";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";

let sim: HarborSim;
const url = (id: string) => sim.get(id).baseUrl;

/** "ok" when the call succeeds, else the socket-level error code (ECONNREFUSED, …). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string; name?: string } };
    return err.cause?.code ?? err.cause?.name ?? err.name ?? String(e);
  }
}

beforeAll(async () => {
  sim = await startHarborSim({
    record: true,
    instances: [
      { id: "modern", version: "2.15.2" },
      { id: "old", version: "1.10.19" },
      { id: "tls", version: "2.11.2", tls: true },
      { id: "broken-from-start", version: "2.8.6", faults: { serverError: 503 } },
      { id: "down-from-start", version: "2.8.6", faults: { down: true } },
      { id: "slow-login", version: "2.8.6", failedLoginDelayMs: 300 },
      { id: "flappy", version: "2.5.6" },
      { id: "recorded", version: "2.5.6" },
    ],
  });
});
afterAll(() => sim?.stop());

describe("harbor-sim faults", () => {
  it("latencyMs delays every answer", async () => {
    sim.setFaults("modern", { latencyMs: 250 });
    const t0 = Date.now();
    expect((await call(url("modern"), "/api/v2.0/ping")).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    sim.setFaults("modern", {});
    const t1 = Date.now();
    await call(url("modern"), "/api/v2.0/ping");
    expect(Date.now() - t1).toBeLessThan(240);
  });

  it("down refuses connections and reopens on the same port when cleared", async () => {
    const port = sim.get("modern").port;
    sim.setFaults("modern", { down: true });
    await sim.settled?.("modern");
    expect(await outcome(call(url("modern"), "/api/version"))).toBe("ECONNREFUSED");
    sim.setFaults("modern", {});
    await sim.settled?.("modern");
    expect(sim.get("modern").port).toBe(port);
    expect((await call(url("modern"), "/api/version")).status).toBe(200);
    expect(await outcome(call(url("down-from-start"), "/api/version"))).toBe("ECONNREFUSED");
  });

  it("hang accepts and never answers", async () => {
    sim.setFaults("modern", { hang: true });
    const t0 = Date.now();
    expect(await outcome(call(url("modern"), "/api/version", { signal: AbortSignal.timeout(300) }))).toMatch(/TimeoutError|AbortError/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    sim.setFaults("modern", {});
    expect((await call(url("modern"), "/api/version")).status).toBe(200);
  });

  it("serverError answers the status with the version's error body", async () => {
    sim.setFaults("modern", { serverError: 502 });
    const v2 = await call(url("modern"), "/api/v2.0/projects", { auth: ADMIN });
    expect(v2.status).toBe(502);
    expect(v2.json).toEqual({ errors: [{ code: "BAD_GATEWAY", message: expect.any(String) }] });
    expect(v2.headers.get("x-request-id")).toBeTruthy();
    sim.setFaults("modern", {});
    sim.setFaults("old", { serverError: 500 });
    const v1 = await call(url("old"), "/api/projects", { auth: ADMIN });
    expect(v1.status).toBe(500);
    expect(v1.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(JSON.parse(v1.text)).toMatchObject({ code: 500 });
    sim.setFaults("old", {});
    const fromStart = await call(url("broken-from-start"), "/api/v2.0/health");
    expect(fromStart.status).toBe(503);
    expect(fromStart.json).toEqual({ errors: [{ code: "SERVICE_UNAVAILABLE", message: expect.any(String) }] });
  });

  it("invalidJson answers 200 application/json with a body that does not parse", async () => {
    sim.setFaults("modern", { invalidJson: true });
    const r = await call(url("modern"), "/api/v2.0/systeminfo");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(() => JSON.parse(r.text)).toThrow();
    sim.setFaults("modern", {});
  });

  it("truncated announces a longer body than it sends, then closes", async () => {
    sim.setFaults("modern", { truncated: true });
    expect(await outcome(call(url("modern"), "/api/v2.0/systeminfo"))).not.toBe("ok");
    const { announced, received, complete } = await new Promise<{ announced: number; received: number; complete: boolean }>((resolve, reject) => {
      http
        .get(`${url("modern")}/api/v2.0/systeminfo`, (res) => {
          let received = 0;
          res.on("data", (c: Buffer) => (received += c.length));
          res.on("error", () => undefined);
          res.on("close", () => resolve({ announced: Number(res.headers["content-length"]), received, complete: res.complete }));
        })
        .on("error", reject);
    });
    expect(complete).toBe(false);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(announced);
    sim.setFaults("modern", {});
    expect((await call(url("modern"), "/api/v2.0/systeminfo")).status).toBe(200);
  });

  it("flappingPeriodMs alternates between up and down", async () => {
    sim.setFaults("flappy", { flappingPeriodMs: 100 });
    const seen = new Set<string>();
    // Down is a refused connection, or a reset when a request lands as the listener closes (seen in CI).
    const down = (o: string) => (o === "ECONNREFUSED" || o === "ECONNRESET" ? "down" : o);
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      seen.add(down(await outcome(call(url("flappy"), "/api/version"))));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect([...seen].sort()).toEqual(["down", "ok"]);
    sim.setFaults("flappy", {});
    await sim.settled?.("flappy");
    expect((await call(url("flappy"), "/api/version")).status).toBe(200);
  });

  it("failedLoginDelayMs slows down wrong credentials only", async () => {
    const t0 = Date.now();
    expect((await call(url("slow-login"), "/api/v2.0/users/current", { auth: { username: "admin", password: "bad" } })).status).toBe(401);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const t1 = Date.now();
    expect((await call(url("slow-login"), "/api/v2.0/users/current", { auth: ADMIN })).status).toBe(200);
    expect(Date.now() - t1).toBeLessThan(290);
  });
});

describe("harbor-sim TLS", () => {
  it("serves HTTPS that verifies only with the simulator's CA", async () => {
    expect(url("tls")).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ok = await call(url("tls"), "/api/v2.0/systeminfo", { auth: ADMIN, ca: sim.caPem });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ has_ca_root: true });
    expect(await outcome(call(url("tls"), "/api/version"))).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/);
    const byName = await call(`https://localhost:${sim.get("tls").port}`, "/api/version", { ca: sim.caPem });
    expect(byName.status).toBe(200);
    const cert = await call(url("tls"), "/api/v2.0/systeminfo/getcert", { ca: sim.caPem });
    expect(cert.text).toBe(sim.caPem);
    expect(cert.headers.get("content-disposition")).toBe("attachment; filename=ca.crt");
    expect((await call(url("modern"), "/api/v2.0/systeminfo/getcert")).status).toBe(404);
  });
});

describe("harbor-sim control API", () => {
  it("lists instances, serves the CA, sets and clears faults", async () => {
    const list = (await (await fetch(`${sim.controlUrl}/instances`)).json()) as { id: string; version: string; baseUrl: string }[];
    expect(list).toHaveLength(sim.instances.length);
    expect(list.find((i) => i.id === "tls")).toMatchObject({ version: "2.11.2", baseUrl: url("tls") });
    expect(await (await fetch(`${sim.controlUrl}/ca`)).text()).toBe(sim.caPem);

    const put = (id: string, body: unknown) =>
      fetch(`${sim.controlUrl}/instances/${encodeURIComponent(id)}/faults`, {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    const set = await put("modern", { serverError: 500 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ id: "modern", faults: { serverError: 500 } });
    expect((await call(url("modern"), "/api/version")).status).toBe(500);
    expect(await (await fetch(`${sim.controlUrl}/instances/modern/faults`)).json()).toEqual({ serverError: 500 });
    expect((await put("modern", { down: true })).status).toBe(200);
    expect(await outcome(call(url("modern"), "/api/version"))).toBe("ECONNREFUSED");
    expect((await put("modern", {})).status).toBe(200);
    expect((await call(url("modern"), "/api/version")).status).toBe(200);

    expect((await put("modern", { bogus: true })).status).toBe(400);
    expect((await put("modern", { latencyMs: "slow" })).status).toBe(400);
    expect((await put("nope", {})).status).toBe(404);
  });
});

describe("harbor-sim recording", () => {
  it("records every exchange with parsed bodies, and marks faulted ones", async () => {
    const before = sim.exchanges.length;
    await call(url("recorded"), "/api/v2.0/projects?page=1&name=lib", { auth: ADMIN, headers: { "x-request-id": "rec-1" } });
    await call(url("recorded"), "/api/v2.0/projects/1/webhook/policies", {
      auth: ADMIN,
      method: "POST",
      body: { name: "r", enabled: true, event_types: ["PUSH_ARTIFACT"], targets: [{ type: "http", address: "https://r.example.com" }] },
    });
    sim.setFaults("recorded", { invalidJson: true });
    await call(url("recorded"), "/api/v2.0/health");
    sim.setFaults("recorded", {});
    const mine = sim.exchanges.slice(before).filter((e) => e.instanceId === "recorded");
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatchObject({
      version: "2.5.6",
      method: "GET",
      path: "/api/v2.0/projects",
      query: { page: "1", name: "lib" },
      status: 200,
      requestBody: undefined,
    });
    expect(mine[0].requestHeaders["x-request-id"]).toBe("rec-1");
    expect(mine[0].responseHeaders["x-request-id"]).toBe("rec-1");
    expect(mine[0].responseBody).toEqual([expect.objectContaining({ name: "library", project_id: 1 })]);
    expect(mine[1]).toMatchObject({ method: "POST", status: 201, requestBody: { name: "r" }, responseBody: undefined });
    expect(mine[1].responseHeaders.location).toMatch(/\/policies\/\d+$/);
    expect(mine[0].fault).toBeUndefined();
    expect(mine[2]).toMatchObject({ fault: "invalidJson", status: 200 });
    expect(typeof mine[2].responseBody).toBe("string");
  });
});
