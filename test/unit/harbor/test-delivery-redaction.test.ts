/**
 * Security review F2: a receiver that echoes the request must not hand the auth header back to the operator who
 * pressed "Test delivery" — not in the body excerpt, not in the response headers, in no spelling.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactSecret, secretForms } from "@/lib/harbor/redact-secret";
import { samplePayload } from "@/lib/harbor/sample-payload";
import { sendTestDelivery } from "@/lib/harbor/test-delivery";

const payload = samplePayload({
  format: "Default",
  eventType: "PUSH_ARTIFACT",
  project: "library",
  projectId: 1,
  policyId: 2,
  operator: "op@x",
  now: new Date("2026-01-01T00:00:00Z"),
  id: "t",
});
const basic = `Basic ${Buffer.from("ci-user:pa55-w0rd").toString("base64")}`;

describe("the forms of a secret", () => {
  it("Bearer: the header and the token", () => {
    expect(secretForms("Bearer SUPER-SECRET")).toEqual(["Bearer SUPER-SECRET", "SUPER-SECRET"]);
  });
  it("Basic: the header, the base64 credential, user:password and the password", () => {
    expect(secretForms(basic)).toEqual(expect.arrayContaining([basic, basic.slice(6), "ci-user:pa55-w0rd", "pa55-w0rd"]));
  });
  it("a JSON echo's escaping is matched too; nothing for no header", () => {
    expect(secretForms('Bearer a"b\\c')).toContain('a\\"b\\\\c');
    expect(secretForms(null)).toEqual([]);
    expect(secretForms("  ")).toEqual([]);
  });
  it("masks every occurrence and a trailing cut-off start of one", () => {
    const forms = secretForms("Bearer SUPER-SECRET");
    expect(redactSecret("a Bearer SUPER-SECRET b SUPER-SECRET c", forms)).toBe("a [redacted] b [redacted] c");
    expect(redactSecret("cut here: SUPER-SEC", forms, true)).toBe("cut here: [redacted]");
    // a whole answer that merely ends like the start of the secret is left alone
    expect(redactSecret("received by the SUPER", forms)).toBe("received by the SUPER");
    expect(redactSecret("nothing secret", forms)).toBe("nothing secret");
  });
});

describe("an echoing receiver", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/long") return res.end(`${"a".repeat(100)}SUPER-SECRET and more`);
      const auth = String(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json", "x-echo-auth": auth, "x-echo-token": auth.split(" ")[1] ?? "" });
      res.end(JSON.stringify({ headers: req.headers, decoded: auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString() : null }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const outbound = { allow: ["127.0.0.1/32"] };

  it("an answer cut by the size cap in the middle of the secret loses that start too", async () => {
    const r = await sendTestDelivery({ url: `${base}/long`, payload, authHeader: "Bearer SUPER-SECRET", outbound, limits: { maxBodyBytes: 106 } });
    expect(r.truncated).toBe(true);
    expect(r.excerpt).toBe(`${"a".repeat(100)}[redacted]`);
  });

  it.each([
    ["Bearer SUPER-SECRET", ["SUPER-SECRET"]],
    [basic, ["pa55-w0rd", basic.slice(6)]],
  ])("%s comes back masked in excerpt and headers", async (authHeader, parts) => {
    const r = await sendTestDelivery({ url: `${base}/echo`, payload, authHeader, outbound });
    expect(r.ok).toBe(true);
    const shown = JSON.stringify({ excerpt: r.excerpt, headers: r.headers });
    for (const p of parts) expect(shown).not.toContain(p);
    expect(r.headers["x-echo-auth"]).toBe("[redacted]");
    expect(r.headers["x-echo-token"]).toBe("[redacted]");
    expect(r.excerpt).toContain('"authorization":"[redacted]"');
  });
});
