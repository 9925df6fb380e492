import { describe, expect, it } from "vitest";
import { MockAgent } from "undici";
import { parseHarborMessage } from "@/lib/harbor/status-mapping";
import { serializableError } from "@/lib/harbor/errors";
import { createHarborClient } from "@/lib/harbor/transport";
import { fakeClient, ORIGIN } from "./fake";

async function statusOutcome(status: number, body: unknown = "", headers: Record<string, string> = {}) {
  const { client } = fakeClient(() => ({ status, body, raw: typeof body === "string", headers }), { maxRetries: 0 });
  const r = await client.send({ method: "GET", path: "/api/v2.0/projects/7" });
  if (r.ok) throw new Error("expected a failure");
  return r.error;
}

async function networkOutcome(err: Error & { code?: string; reason?: string }) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get(ORIGIN)
    .intercept({ path: () => true })
    .replyWithError(err)
    .persist();
  const client = createHarborClient({ baseUrl: ORIGIN, dispatcher: agent, maxRetries: 0 });
  const r = await client.send({ method: "GET", path: "/api/version" });
  if (r.ok) throw new Error("expected a failure");
  return r.error;
}

const err = (code: string, message = code, extra: object = {}) => Object.assign(new Error(message), { code }, extra);

describe("HTTP status → kind", () => {
  it.each([
    [400, "unprocessable"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [405, "not_found"],
    [409, "conflict"],
    [412, "precondition"],
    [415, "unprocessable"],
    [422, "unprocessable"],
    [429, "server_error"],
    [500, "server_error"],
    [502, "server_error"],
    [503, "server_error"],
    [504, "server_error"],
    [302, "invalid_response"],
  ])("%i → %s", async (status, kind) => {
    const e = await statusOutcome(status);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.message).toContain("harbor.test:443");
  });

  it("carries Harbor's 2.x message, and maps the legacy 'not belong to project' 400 to not_found", async () => {
    const e = await statusOutcome(409, { errors: [{ code: "CONFLICT", message: "notification policy named x already exists" }] });
    expect(e.harborMessage).toBe("notification policy named x already exists");
    expect(e.message).toContain("already exists");
    const legacy = await statusOutcome(400, { code: 400, message: "policy 3 not belong to project 1" }, { "content-type": "text/plain" });
    expect(legacy.kind).toBe("not_found");
  });

  it("parses the 1.x text/plain {code,message} body", async () => {
    const e = await statusOutcome(400, '{"code":400,"message":"unsupport event type pushimage"}', { "content-type": "text/plain; charset=utf-8" });
    expect(e.kind).toBe("unprocessable");
    expect(e.harborMessage).toBe("unsupport event type pushimage");
  });
});

describe("parseHarborMessage", () => {
  it("joins 2.x errors, reads 1.x, clips long messages", () => {
    expect(parseHarborMessage('{"errors":[{"code":"A","message":"one"},{"code":"B","message":"two"}]}')).toBe("one; two");
    expect(parseHarborMessage('{"code":500,"message":"internal"}')).toBe("internal");
    expect(parseHarborMessage('  {"code":"NOT_FOUND","message":"no such project"}\n')).toBe("no such project");
    expect(parseHarborMessage(JSON.stringify({ errors: [{ code: "X", message: "m".repeat(2000) }] }))!.length).toBeLessThan(600);
  });

  // Issue #14: whatever else answers at the address (a proxy, another service, a metadata endpoint) is never quoted.
  it("quotes nothing that is not in Harbor's error shape", () => {
    for (const body of [
      "validation failure list:\npage_size in query should be less than or equal to 100",
      "<html><body>'_xsrf' argument missing</body></html>",
      "",
      "x".repeat(2000),
      '"a JSON string"',
      '{"message":"no code"}',
      '{"Code":"Success","AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"s3cr3t"}',
      '{"errors":[{"message":"no code"}]}',
      '{"errors":[{"code":"A","message":"one"},"stray"]}',
      '["errors"]',
      "ami-id\nhostname\niam/",
    ]) {
      expect(parseHarborMessage(body), body).toBeUndefined();
    }
  });

  it("a status answer in another shape says its status and content type, never its text", async () => {
    const e = await statusOutcome(500, "ami-id\nhostname\niam/security-credentials/role", { "content-type": "text/plain; charset=utf-8" });
    expect(e.harborMessage).toBeUndefined();
    expect(e.message).toBe(
      "Harbor at harbor.test:443 failed with HTTP 500 for GET /api/v2.0/projects/7 — check Harbor's core logs. The answer (text/plain) is not in Harbor's error format.",
    );
    const json = await statusOutcome(403, { Code: "Success", SecretAccessKey: "s3cr3t" });
    expect(json.message).not.toContain("s3cr3t");
    expect(json.message).toMatch(/\(application\/json\) is not in Harbor's error format/);
    const empty = await statusOutcome(404, "");
    expect(empty.message).toBe("Not found on harbor.test:443: GET /api/v2.0/projects/7 (HTTP 404).");
  });
});

describe("network error → kind", () => {
  it.each([
    ["ENOTFOUND", "unreachable", /could not be resolved \(DNS\)/],
    ["EAI_AGAIN", "unreachable", /DNS lookup .* failed temporarily/],
    ["ECONNREFUSED", "unreachable", /Connection refused by harbor\.test:443 — is Harbor running and the port open\?/],
    ["ECONNRESET", "unreachable", /reset/],
    ["EHOSTUNREACH", "unreachable", /No network route/],
    ["ENETUNREACH", "unreachable", /No network route/],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout", /Could not connect .* within 5 s/],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout", /stopped answering/],
    ["UND_ERR_BODY_TIMEOUT", "timeout", /stopped answering/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls", /self-signed/],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls", /self-signed/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls", /CA the console does not trust/],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "tls", /CA the console does not trust/],
    ["CERT_HAS_EXPIRED", "tls", /expired/],
    ["CERT_NOT_YET_VALID", "tls", /not valid yet/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls", /serving HTTPS/],
    ["CERT_REVOKED", "tls", /rejected \(CERT_REVOKED\)/],
  ])("%s → %s", async (code, kind, message) => {
    const e = await networkOutcome(err(code));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.status).toBeUndefined();
    expect(e.cause).toBeInstanceOf(Error);
  });

  it("names the reason of a host name mismatch", async () => {
    const e = await networkOutcome(
      err("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames", {
        reason: "Host: harbor.test. is not in the cert's altnames: DNS:other.test",
      }),
    );
    expect(e.kind).toBe("tls");
    expect(e.message).toMatch(/does not match the host name harbor\.test .*other\.test/);
  });

  it("reads codes from a wrapped cause (fetch-style errors)", async () => {
    const e = await networkOutcome(Object.assign(new TypeError("fetch failed"), { cause: err("ECONNREFUSED") }));
    expect(e.kind).toBe("unreachable");
    expect(e.message).toMatch(/refused/);
  });

  it("a TLS handshake cut short is a TLS error, not a plain reset", async () => {
    const e = await networkOutcome(err("ECONNRESET", "Client network socket disconnected before secure TLS connection was established"));
    expect(e.kind).toBe("tls");
  });

  it("an AbortSignal timeout is a timeout", async () => {
    const e = await networkOutcome(Object.assign(new DOMException("The operation was aborted due to timeout", "TimeoutError")));
    expect(e.kind).toBe("timeout");
  });

  it("serializableError drops the cause", async () => {
    const e = await networkOutcome(err("ECONNREFUSED"));
    const s = serializableError(e);
    expect("cause" in s).toBe(false);
    expect(JSON.parse(JSON.stringify(s)).kind).toBe("unreachable");
  });
});
