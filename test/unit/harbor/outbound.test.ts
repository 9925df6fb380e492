/**
 * Issue #14 finding 5: the outbound address policy. The table checks the policy itself; the transport tests show it
 * is applied in the connector, after DNS, on every connection, whatever form the URL writes the address in.
 */
import http from "node:http";
import type { LookupAddress } from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allowListOf, createOutboundPolicy, defaultRefusal, type OutboundResolver } from "@/lib/harbor/outbound";
import { createHarborClient, type CreateHarborClientOptions } from "@/lib/harbor/transport";

const REFUSED: [string, string][] = [
  ["127.0.0.1", "a loopback address"],
  ["127.1.2.3", "a loopback address"],
  ["::1", "a loopback address"],
  ["::ffff:127.0.0.1", "a loopback address"],
  ["::ffff:7f00:1", "a loopback address"],
  ["0:0:0:0:0:ffff:7f00:0001", "a loopback address"],
  ["64:ff9b::7f00:1", "a loopback address"],
  ["169.254.169.254", "a link-local/metadata address"],
  ["::ffff:a9fe:a9fe", "a link-local/metadata address"],
  ["::ffff:169.254.169.254", "a link-local/metadata address"],
  ["64:ff9b::a9fe:a9fe", "a link-local/metadata address"],
  ["169.254.170.2", "a link-local/metadata address"],
  ["100.100.100.200", "a cloud metadata address"],
  ["fd00:ec2::254", "a cloud metadata address"],
  ["169.254.1.1", "a link-local address"],
  ["fe80::1", "a link-local address"],
  ["febf::1", "a link-local address"],
  ["0.0.0.0", "an unspecified address"],
  ["0.1.2.3", "an unspecified address"],
  ["::", "an unspecified address"],
  ["224.0.0.1", "a multicast address"],
  ["239.255.255.250", "a multicast address"],
  ["ff02::1", "a multicast address"],
  ["255.255.255.255", "a broadcast/reserved address"],
  ["240.0.0.1", "a broadcast/reserved address"],
  ["::7f00:1", "an IPv4-compatible IPv6 address"],
];

const ALLOWED = [
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.254",
  "192.168.1.10",
  "100.64.0.1",
  "100.100.100.201",
  "fd12:3456::1",
  "fc00::1",
  "fd00:ec2::253",
  "8.8.8.8",
  "2001:db8::1",
  "::ffff:10.0.0.1",
  "64:ff9b::808:808",
  "169.253.0.1",
];

describe("the default policy", () => {
  it.each(REFUSED)("refuses %s as %s", (address, what) => {
    expect(defaultRefusal(address)).toBe(what);
    expect(createOutboundPolicy().refusal(address)).toBe(what);
  });

  it.each(ALLOWED)("allows %s (private networks are where Harbors live)", (address) => {
    expect(createOutboundPolicy().refusal(address)).toBeNull();
  });

  it("an allow-list opens exactly what it names, IPv4-mapped forms included", () => {
    const p = createOutboundPolicy({ allow: ["127.0.0.0/8"] });
    for (const a of ["127.0.0.1", "127.9.9.9", "::ffff:127.0.0.1", "::ffff:7f00:1"]) expect(p.refusal(a)).toBeNull();
    expect(p.refusal("::1")).toBe("a loopback address");
    expect(p.refusal("169.254.169.254")).toBe("a link-local/metadata address");
    const one = createOutboundPolicy({ allow: ["169.254.169.254", "::1/128"] });
    expect(one.refusal("169.254.169.254")).toBeNull();
    expect(one.refusal("::1")).toBeNull();
    expect(one.refusal("169.254.169.253")).toBe("a link-local address");
  });

  it("an allow-list entry it cannot read is an error, not silently ignored", () => {
    for (const bad of ["localhost", "127.0.0.0/33", "::1/129", "0x7f000001", "127.0.0.1/8/1", "10.0.0.0/x", ""]) expect(() => allowListOf([bad])).toThrow();
  });
});

// -- the transport, against a real server on 127.0.0.1

let server: http.Server;
let port = 0;
let connections = 0;
const servers: net.Server[] = [];

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", connection: "close" });
    res.end('{"version":"v2.0"}');
  });
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => {
  for (const s of servers) s.close();
});
beforeEach(() => {
  connections = 0;
});

async function get(baseUrl: string, extra: Partial<CreateHarborClientOptions> = {}) {
  const client = createHarborClient({
    baseUrl,
    credentials: { username: "admin", password: "x" },
    retryDelayMs: 1,
    connectTimeoutMs: 1_000,
    timeoutMs: 2_000,
    ...extra,
  });
  try {
    return await client.send({ method: "GET", path: "/api/version" });
  } finally {
    await client.close();
  }
}

const addresses = (...a: string[]): LookupAddress[] => a.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));

/** A resolver answering from a table, counting its calls. */
function resolver(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const resolve: OutboundResolver = async (hostname) => {
    calls.push(hostname);
    const v = table[hostname];
    if (!v) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses(...(typeof v === "function" ? v() : v));
  };
  return { resolve, calls };
}

const MESSAGE_TAIL = "; the console does not connect to it unless an admin allows it in Settings → Outbound connections.";

describe("the transport refuses before connecting", () => {
  it.each([
    ["http://127.0.0.1:PORT", "127.0.0.1"],
    ["http://0x7f000001:PORT", "127.0.0.1"],
    ["http://2130706433:PORT", "127.0.0.1"],
    ["http://017700000001:PORT", "127.0.0.1"],
    ["http://0177.0.0.1:PORT", "127.0.0.1"],
    ["http://127.1:PORT", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]:PORT", "::ffff:7f00:1"],
    ["http://[::1]:PORT", "::1"],
    ["http://0.0.0.0:PORT", "0.0.0.0"],
  ])("%s → unreachable, naming %s as loopback/unspecified; nothing reaches the server", async (url, shown) => {
    const r = await get(url.replace("PORT", String(port)), { maxRetries: 2 });
    expect(!r.ok && r.error.kind).toBe("unreachable");
    expect(!r.ok && r.error.message).toMatch(new RegExp(`^${shown.replace(/[.[\]]/g, "\\$&")} is an? (loopback|unspecified) address`));
    expect(!r.ok && r.error.message.endsWith(MESSAGE_TAIL)).toBe(true);
    expect(!r.ok && r.error.status).toBeUndefined();
    expect(connections).toBe(0);
  });

  it.each([
    ["http://169.254.169.254/", "169.254.169.254 is a link-local/metadata address"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe is a link-local/metadata address"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"],
    ["http://100.100.100.200/", "100.100.100.200 is a cloud metadata address"],
    ["https://[fe80::1]/", "fe80::1 is a link-local address"],
  ])("%s → %s", async (url, start) => {
    const r = await get(url);
    expect(!r.ok && r.error.message).toBe(start + MESSAGE_TAIL);
  });

  it("169.254.169.254: the message of the issue, word for word", async () => {
    const r = await get("http://169.254.169.254/latest/meta-data");
    expect(!r.ok && r.error.message).toBe(
      "169.254.169.254 is a link-local/metadata address; the console does not connect to it unless an admin allows it in Settings → Outbound connections.",
    );
  });

  it("is not retried (the refusal is not transient)", async () => {
    const dns = resolver({ "metadata.test": ["169.254.169.254"] });
    const r = await get("http://metadata.test/", { maxRetries: 2, outbound: { resolve: dns.resolve } });
    expect(!r.ok && r.error.kind).toBe("unreachable");
    expect(dns.calls).toEqual(["metadata.test"]);
  });
});

describe("the check runs after DNS", () => {
  it("a name resolving to the metadata address (169.254.169.254.nip.io) is refused, naming both", async () => {
    const dns = resolver({ "169.254.169.254.nip.io": ["169.254.169.254"] });
    const r = await get("http://169.254.169.254.nip.io/", { outbound: { resolve: dns.resolve } });
    expect(!r.ok && r.error.message).toBe(`169.254.169.254.nip.io resolves to 169.254.169.254, a link-local/metadata address${MESSAGE_TAIL}`);
  });

  it("a name resolving to loopback is refused, also over https (the TLS socket uses the same lookup)", async () => {
    const dns = resolver({ "harbor.test": ["127.0.0.1"] });
    for (const scheme of ["http", "https"]) {
      const r = await get(`${scheme}://harbor.test:${port}`, { outbound: { resolve: dns.resolve } });
      expect(!r.ok && r.error.message).toBe(`harbor.test resolves to 127.0.0.1, a loopback address${MESSAGE_TAIL}`);
    }
    expect(connections).toBe(0);
  });

  it("a name with one refused address among allowed ones is refused (whichever the socket would try first)", async () => {
    const dns = resolver({ "mixed.test": ["10.0.0.5", "::ffff:a9fe:a9fe"] });
    const r = await get(`http://mixed.test:${port}`, { outbound: { resolve: dns.resolve } });
    expect(!r.ok && r.error.message).toMatch(/^mixed\.test resolves to ::ffff:a9fe:a9fe, a link-local\/metadata address/);
  });

  it("an allowed name connects; the allow-list applies to the resolved address", async () => {
    const dns = resolver({ "harbor.test": ["127.0.0.1"] });
    const r = await get(`http://harbor.test:${port}`, { outbound: { allow: ["127.0.0.0/8"], resolve: dns.resolve } });
    expect(r.ok).toBe(true);
    expect(connections).toBe(1);
  });

  it("DNS rebinding: every new connection resolves and checks again", async () => {
    let n = 0;
    // allowed the first time, then the same name points at another loopback address that is not allowed
    const dns = resolver({ "rebind.test": () => (n++ === 0 ? ["127.0.0.1"] : ["127.0.0.2"]) });
    const client = createHarborClient({ baseUrl: `http://rebind.test:${port}`, maxRetries: 0, outbound: { allow: ["127.0.0.1/32"], resolve: dns.resolve } });
    try {
      const first = await client.send({ method: "GET", path: "/api/version" });
      expect(first.ok).toBe(true);
      // the server closed the connection ("Connection: close"): the next call needs a new one
      const second = await client.send({ method: "GET", path: "/api/version" });
      expect(!second.ok && second.error.message).toBe(`rebind.test resolves to 127.0.0.2, a loopback address${MESSAGE_TAIL}`);
      expect(dns.calls).toEqual(["rebind.test", "rebind.test"]);
      expect(connections).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("a DNS failure is still reported as one", async () => {
    const dns = resolver({});
    const r = await get("http://nowhere.test/", { outbound: { resolve: dns.resolve } });
    expect(!r.ok && r.error.message).toMatch(/could not be resolved \(DNS\)/);
  });
});

describe("with the allow-list", () => {
  it("the loopback simulator is reachable when 127.0.0.0/8 is allowed, and only then", async () => {
    const url = `http://127.0.0.1:${port}`;
    expect((await get(url)).ok).toBe(false);
    expect((await get(url, { outbound: { allow: ["127.0.0.0/8"] } })).ok).toBe(true);
    expect((await get(url, { outbound: { allow: ["10.0.0.0/8"] } })).ok).toBe(false);
  });
});
