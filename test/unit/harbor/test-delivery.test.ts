import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundPolicy } from "@/lib/harbor/outbound";
import { samplePayload } from "@/lib/harbor/sample-payload";
import { sendTestDelivery } from "@/lib/harbor/test-delivery";

/** The SSRF guard of test deliveries: what is refused (IPv4, IPv6, names resolving there), redirects, the size cap. */

const strict = (allow: string[] = []) => createOutboundPolicy({ allow, refusePrivate: true });
const payload = samplePayload({
  format: "Default",
  eventType: "PUSH_ARTIFACT",
  project: "library",
  projectId: 1,
  policyId: 2,
  operator: "admin@console",
  now: new Date("2026-01-01T00:00:00Z"),
  id: "t-1",
});

describe("which addresses a test delivery may reach", () => {
  it("IPv4: loopback, private, shared, link-local and metadata refused; public allowed; an admin's CIDR opens only itself", () => {
    const p = strict();
    expect(p.refusal("127.0.0.1")).toBe("a loopback address");
    expect(p.refusal("10.1.2.3")).toBe("a private address");
    expect(p.refusal("172.20.0.1")).toBe("a private address");
    expect(p.refusal("192.168.1.1")).toBe("a private address");
    expect(p.refusal("100.64.0.1")).toBe("a private address");
    expect(p.refusal("169.254.169.254")).toBe("a link-local/metadata address");
    expect(p.refusal("169.254.10.10")).toBe("a link-local address");
    expect(p.refusal("0.0.0.0")).toBe("an unspecified address");
    expect(p.refusal("8.8.8.8")).toBeNull();
    expect(p.refusal("172.32.0.1")).toBeNull();
    const opened = strict(["10.0.0.0/8"]);
    expect(opened.refusal("10.1.2.3")).toBeNull();
    expect(opened.refusal("192.168.1.1")).toBe("a private address");
    expect(strict(["169.254.169.254/32"]).refusal("169.254.169.254")).toBeNull();
  });

  it("IPv6: loopback, unique-local, link-local, metadata, and IPv4 addresses mapped or embedded in IPv6", () => {
    const p = strict();
    expect(p.refusal("::1")).toBe("a loopback address");
    expect(p.refusal("fd12:3456::1")).toBe("a private address");
    expect(p.refusal("fe80::1")).toBe("a link-local address");
    expect(p.refusal("fd00:ec2::254")).toBe("a cloud metadata address");
    expect(p.refusal("::ffff:127.0.0.1")).toBe("a loopback address");
    expect(p.refusal("::ffff:10.0.0.1")).toBe("a private address");
    expect(p.refusal("64:ff9b::a00:1")).toBe("a private address");
    expect(p.refusal("64:ff9b::a9fe:a9fe")).toBe("a link-local/metadata address");
    expect(p.refusal("2001:4860:4860::8888")).toBeNull();
  });

  it("the console's Harbor policy keeps private ranges open (Harbors live there); the test-delivery one does not", () => {
    expect(createOutboundPolicy().refusal("10.1.2.3")).toBeNull();
    expect(strict().refusal("10.1.2.3")).toBe("a private address");
  });

  it("an IP literal in the URL is refused before any connection", async () => {
    const r = await sendTestDelivery({ url: "http://169.254.169.254/latest/meta-data/", payload, outbound: {} });
    expect(r).toMatchObject({ ok: false, refused: true, status: null });
    expect(r.error).toMatch(/^Refused: 169\.254\.169\.254 is a link-local\/metadata address/);
    const v6 = await sendTestDelivery({ url: "http://[::ffff:7f00:1]:9/", payload, outbound: {} });
    expect(v6.refused).toBe(true);
  });

  it("a DNS name resolving to a private address is refused (any of its addresses), naming the name but not the address (review F5)", async () => {
    const internal = await sendTestDelivery({
      url: "https://hooks.corp.example/harbor",
      payload,
      outbound: { resolve: async () => [{ address: "10.0.0.5", family: 4 }] },
    });
    expect(internal.refused).toBe(true);
    expect(internal.error).toBe(
      "Refused: hooks.corp.example resolves to a private address; test deliveries do not go there unless an admin allows it in Settings → Test deliveries.",
    );
    expect(internal.error).not.toContain("10.0.0.5");
    const mixed = await sendTestDelivery({
      url: "https://mixed.example/harbor",
      payload,
      outbound: {
        resolve: async () => [
          { address: "93.184.216.34", family: 4 },
          { address: "fd00::7", family: 6 },
        ],
      },
    });
    expect(mixed.refused).toBe(true);
    const rebound = await sendTestDelivery({
      url: "http://rebind.example/",
      payload,
      outbound: { resolve: async () => [{ address: "127.0.0.1", family: 4 }] },
    });
    expect(rebound.error).toContain("a loopback address");
  });

  it("anything but http(s) is refused", async () => {
    expect((await sendTestDelivery({ url: "file:///etc/passwd", payload, outbound: {} })).refused).toBe(true);
    expect((await sendTestDelivery({ url: "gopher://x.example/", payload, outbound: {} })).refused).toBe(true);
  });
});

describe("a delivery to an allow-listed receiver", () => {
  const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", headers: req.headers, body });
        if (req.url === "/redirect") {
          res.writeHead(302, { location: `${base}/elsewhere` });
          return res.end();
        }
        if (req.url === "/huge") {
          res.writeHead(200, { "content-type": "text/plain" });
          return res.end("x".repeat(1024 * 1024));
        }
        res.writeHead(202, { "content-type": "application/json", "set-cookie": "sid=secret", "x-receiver": "ok" });
        res.end('{"accepted":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const allow = { allow: ["127.0.0.1/32"] };

  it("POSTs the payload with the auth header and reports status, headers (no cookies), an excerpt and the latency", async () => {
    const r = await sendTestDelivery({ url: `${base}/hook`, payload, authHeader: "Bearer t0k", outbound: allow });
    expect(r).toMatchObject({ ok: true, status: 202, excerpt: '{"accepted":true}', truncated: false, error: null, refused: false });
    expect(r.headers["x-receiver"]).toBe("ok");
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    const got = seen.find((s) => s.path === "/hook")!;
    expect(got.headers.authorization).toBe("Bearer t0k");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got.body)).toMatchObject({ type: "PUSH_ARTIFACT", operator: "admin@console" });
  });

  it("a redirect is reported with its target and never followed", async () => {
    const before = seen.length;
    const r = await sendTestDelivery({ url: `${base}/redirect`, payload, outbound: allow });
    expect(r).toMatchObject({ ok: false, status: 302 });
    expect(r.error).toMatch(/redirect \(HTTP 302 to .*\/elsewhere\); the console does not follow redirects/);
    expect(seen.slice(before).map((s) => s.path)).toEqual(["/redirect"]);
  });

  it("the answer is read up to a cap, the excerpt shorter still", async () => {
    const r = await sendTestDelivery({ url: `${base}/huge`, payload, outbound: allow, limits: { maxBodyBytes: 16 * 1024 } });
    expect(r).toMatchObject({ ok: true, status: 200, truncated: true });
    expect(r.excerpt).toHaveLength(2048);
  });

  it("without the allow-list the same loopback receiver is refused", async () => {
    const r = await sendTestDelivery({ url: `${base}/hook`, payload, outbound: {} });
    expect(r.refused).toBe(true);
  });
});

describe("sample payloads", () => {
  const base = {
    eventType: "SCANNING_FAILED",
    project: "payments",
    projectId: 3,
    policyId: 9,
    operator: "ops",
    now: new Date("2026-02-03T04:05:06.789Z"),
    id: "abc",
  };
  it("CloudEvents 1.0 with Harbor's type names and source; Default with occur_at; Slack as Block Kit", () => {
    const ce = samplePayload({ ...base, format: "CloudEvents" });
    expect(ce.contentType).toBe("application/cloudevents+json");
    expect(JSON.parse(ce.body)).toMatchObject({
      specversion: "1.0",
      type: "harbor.scan.failed",
      source: "/projects/3/webhook/policies/9",
      time: "2026-02-03T04:05:06Z",
    });
    expect(JSON.parse(samplePayload({ ...base, format: "Default", eventType: "scanningFailed" }).body)).toMatchObject({
      type: "scanningFailed",
      occur_at: 1770091506,
    });
    expect(JSON.parse(samplePayload({ ...base, format: "Slack" }).body).blocks[0].text.text).toContain("*Harbor webhook events*");
  });
});
