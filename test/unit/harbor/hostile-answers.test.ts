/**
 * What the client makes of answers that are well-formed HTTP but hostile or nonsense (#16 item 1): nothing Harbor
 * sends reaches the console's database or pages unchecked.
 */
import { describe, expect, it } from "vitest";
import { getHealth, getStatistics, getSystemInfo } from "@/lib/harbor/system";
import { fakeClient, known } from "./fake";

describe("a 2xx answer that is not JSON", () => {
  it("is described by its status and content type, never by the server's own text", async () => {
    const { client } = fakeClient(
      () => ({ status: 200, raw: true, body: "<html>Secret-Token: abc123 please log in</html>", headers: { "content-type": "text/html; charset=utf-8" } }),
      { known: known("v2.8", "2.11.2") },
    );
    const r = await getHealth({ client });
    expect(r.ok).toBe(false);
    const message = !r.ok ? r.error.message : "";
    expect(r.ok || r.error.kind).toBe("invalid_response");
    expect(message).toContain("200");
    expect(message).toContain("text/html");
    expect(message).not.toMatch(/Secret|abc123|html>/);
  });

  it("says when the body was empty", async () => {
    const { client } = fakeClient(() => ({ status: 200, raw: true, body: "" }), { known: known("v2.8", "2.11.2") });
    const r = await getHealth({ client });
    expect(!r.ok && r.error.message).toMatch(/empty/);
  });
});

describe("statistics (int64 in the specs)", () => {
  const stats = (v: number | string) => ({
    private_project_count: 1,
    private_repo_count: 1,
    public_project_count: 1,
    public_repo_count: 1,
    total_project_count: 2,
    total_repo_count: 2,
    total_storage_consumption: v,
  });
  it("takes counts from 0 to 2^53 − 1", async () => {
    const { client } = fakeClient(() => ({ body: stats(Number.MAX_SAFE_INTEGER) }), { known: known("v2.8", "2.11.2") });
    const r = await getStatistics({ client });
    expect(r.ok && r.value.total_storage_consumption).toBe(Number.MAX_SAFE_INTEGER);
  });
  for (const [label, value] of [
    ["negative", -9007199254740991],
    ["beyond 2^53", 9223372036854775807],
    ["fractional", 1.5],
  ] as const) {
    it(`refuses a ${label} count as an invalid answer naming the field`, async () => {
      const { client } = fakeClient(() => ({ body: stats(value) }), { known: known("v2.8", "2.11.2") });
      const r = await getStatistics({ client });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.kind).toBe("invalid_response");
      expect(!r.ok && r.error.message).toContain("total_storage_consumption");
    });
  }
});

describe("strings and words", () => {
  it("strips NUL characters and lone surrogates, and caps long values", async () => {
    const { client } = fakeClient(
      () => ({
        body: {
          harbor_version: "v2.11.2-abc\u0000",
          auth_mode: "db_auth\u0000",
          external_url: `https://h.example/${"x".repeat(100_000)}`,
          registry_storage_provider_name: "s3\ud800",
        },
      }),
      { known: known("v2.8", "2.11.2") },
    );
    const r = await getSystemInfo({ client });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.harbor_version).toBe("v2.11.2-abc");
    expect(r.value.auth_mode).toBe("db_auth");
    expect(r.value.external_url!.length).toBeLessThanOrEqual(2_048);
    expect(r.value.registry_storage_provider_name).toBe("s3\ufffd");
  });

  it("maps an unknown health word to unknown and keeps the word", async () => {
    const { client } = fakeClient(() => ({ body: { status: "on fire\u0000", components: [{ name: "core", status: "healthy" }] } }), {
      known: known("v2.8", "2.11.2"),
    });
    const r = await getHealth({ client });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.state).toBe("unknown");
    expect(r.value.status).toBe("on fire");
  });

  it("knows healthy and unhealthy", async () => {
    for (const word of ["healthy", "unhealthy"]) {
      const { client } = fakeClient(() => ({ body: { status: word, components: [] } }), { known: known("v2.8", "2.11.2") });
      const r = await getHealth({ client });
      expect(r.ok && r.value.state).toBe(word);
    }
  });
});
