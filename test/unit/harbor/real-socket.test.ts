/** A few real-socket checks on 127.0.0.1: what MockAgent cannot show (refused, hang, truncation, TLS trust). */
import https from "node:https";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "selfsigned";
import { createHarborClient } from "@/lib/harbor/transport";

const servers: { close: () => void }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
}

// These servers listen on loopback, which the transport refuses unless allowed (see outbound.test.ts).
const LOOPBACK = { allow: ["127.0.0.0/8"] };
const client = (url: string, extra: Parameters<typeof createHarborClient>[0] extends infer O ? Partial<O> : never = {}) =>
  createHarborClient({ baseUrl: url, credentials: { username: "admin", password: "x" }, retryDelayMs: 1, outbound: LOOPBACK, ...extra });

describe("plain sockets", () => {
  it("a closed port → unreachable, connection refused", async () => {
    const s = net.createServer();
    const port = await listen(s);
    await new Promise<void>((r) => s.close(() => r()));
    const r = await client(`http://127.0.0.1:${port}`, { maxRetries: 0 }).send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error.kind).toBe("unreachable");
    expect(!r.ok && r.error.message).toBe(`Connection refused by 127.0.0.1:${port} — is Harbor running and the port open?`);
  });

  it("a server that never answers → timeout within the total budget, retries included", async () => {
    const port = await listen(net.createServer(() => {}));
    const started = Date.now();
    const r = await client(`http://127.0.0.1:${port}`, { timeoutMs: 300 }).send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a body cut short → invalid_response", async () => {
    const port = await listen(
      net.createServer((sock) =>
        sock.once("data", () => {
          sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"version":');
          setTimeout(() => sock.destroy(), 20);
        }),
      ),
    );
    const r = await client(`http://127.0.0.1:${port}`, { maxRetries: 0 }).send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error.kind).toBe("invalid_response");
    expect(!r.ok && r.error.message).toMatch(/cut off/);
  });

  it("https:// against a plain-HTTP port → tls, with a hint about the scheme", async () => {
    const port = await listen(net.createServer((sock) => sock.once("data", () => sock.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"))));
    const r = await client(`https://127.0.0.1:${port}`, { maxRetries: 0 }).send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error.kind).toBe("tls");
    expect(!r.ok && r.error.message).toMatch(/HTTPS|http:\/\//);
  });
});

describe("TLS trust is per instance", () => {
  const DAY = 86_400_000;
  const common = { keyType: "ec" as const, curve: "P-256" as const, algorithm: "sha256" };
  let caPem = "";
  const port: Record<string, number> = {};

  async function serve(name: string, cert: string, key: string) {
    const s = https.createServer({ cert, key }, (_req, res) => res.end('{"version":"v2.0"}'));
    port[name] = await listen(s);
  }

  beforeAll(async () => {
    const valid = { notBeforeDate: new Date(Date.now() - DAY), notAfterDate: new Date(Date.now() + 30 * DAY) };
    const ca = await generate([{ name: "commonName", value: "Test CA" }], {
      ...common,
      ...valid,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    caPem = ca.cert;
    const leaf = (altNames: { type: 2 | 7; value?: string; ip?: string }[], dates = valid) =>
      generate([{ name: "commonName", value: "harbor" }], {
        ...common,
        ...dates,
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: "basicConstraints", cA: false },
          { name: "extKeyUsage", serverAuth: true },
          { name: "subjectAltName", altNames },
        ],
      });
    const good = await leaf([{ type: 7, ip: "127.0.0.1" }]);
    const wrongName = await leaf([{ type: 2, value: "harbor.internal" }]);
    const expired = await leaf([{ type: 7, ip: "127.0.0.1" }], { notBeforeDate: new Date(Date.now() - 30 * DAY), notAfterDate: new Date(Date.now() - DAY) });
    const self = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      ...common,
      ...valid,
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    await serve("good", good.cert, good.private);
    await serve("wrongName", wrongName.cert, wrongName.private);
    await serve("expired", expired.cert, expired.private);
    await serve("self", self.cert, self.private);
  }, 30_000);

  const get = (name: string, extra = {}) =>
    client(`https://127.0.0.1:${port[name]}`, { maxRetries: 0, ...extra }).send({ method: "GET", path: "/api/version" });

  it("trusts a private CA only for the instance that carries it", async () => {
    expect((await get("good", { ca: caPem })).ok).toBe(true);
    const without = await get("good");
    expect(!without.ok && without.error.kind).toBe("tls");
    expect(!without.ok && without.error.message).toMatch(/CA the console does not trust/);
  });

  it("reports a host name mismatch, an expired and a self-signed certificate", async () => {
    const mismatch = await get("wrongName", { ca: caPem });
    expect(!mismatch.ok && mismatch.error.message).toMatch(/does not match the host name 127\.0\.0\.1/);
    const expired = await get("expired", { ca: caPem });
    expect(!expired.ok && expired.error.message).toMatch(/expired/);
    const self = await get("self");
    expect(!self.ok && self.error.kind).toBe("tls");
    expect(!self.ok && self.error.message).toMatch(/self-signed/);
  });

  it("skipTlsVerify applies to its own client only, never process-wide", async () => {
    expect((await get("self", { skipTlsVerify: true })).ok).toBe(true);
    const other = await get("self");
    expect(!other.ok && other.error.kind).toBe("tls");
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });
});
