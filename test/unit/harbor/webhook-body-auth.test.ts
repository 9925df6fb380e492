/**
 * Security review F1 (the wire layer): an auth header left undefined on update is kept only for the current target
 * with the same type and address — never by position, so neither a retargeted target nor one shifted into a removed
 * target's slot carries another receiver's secret.
 */
import { describe, expect, it } from "vitest";
import { buildUpdateBody } from "@/lib/harbor/webhook-body";
import type { THarborWebhookPolicy } from "@/lib/harbor/schemas";

const version = { major: 2, minor: 11, patch: 0 } as never;
const label = "Harbor 2.11";
const policy = (targets: THarborWebhookPolicy["targets"]) =>
  ({
    id: 7,
    project_id: 1,
    name: "p",
    description: "",
    enabled: true,
    event_types: ["PUSH_ARTIFACT"],
    creator: "admin",
    creation_time: "2026-01-01T00:00:00Z",
    targets,
  }) as THarborWebhookPolicy;

describe("buildUpdateBody and stored auth headers", () => {
  it("a target repointed with the header left undefined goes without it", () => {
    const current = policy([
      { type: "http", address: "https://ci.internal.example/hook", auth_header: "Bearer SUPER-SECRET", skip_cert_verify: false, payload_format: "Default" },
    ]);
    const b = buildUpdateBody({
      current,
      changes: { targets: [{ type: "http", address: "https://attacker.example/steal", authHeader: undefined, skipCertVerify: true }] },
      version,
      label,
    });
    if (!b.ok) expect.fail(b.error.message);
    expect(b.value.targets[0].address).toBe("https://attacker.example/steal");
    expect(b.value.targets[0]).not.toHaveProperty("auth_header");
  });

  it("a repointed target keeps its slot's payload format (no secret, no trust), never its header or skip-verify", () => {
    const current = policy([
      { type: "http", address: "https://ci.internal.example/hook", auth_header: "Bearer SUPER-SECRET", skip_cert_verify: true, payload_format: "CloudEvents" },
    ]);
    const b = buildUpdateBody({ current, changes: { targets: [{ type: "http", address: "https://ci2.internal.example/hook" }] }, version, label });
    if (!b.ok) expect.fail(b.error.message);
    expect(b.value.targets[0]).toMatchObject({ address: "https://ci2.internal.example/hook", payload_format: "CloudEvents", skip_cert_verify: false });
    expect(b.value.targets[0]).not.toHaveProperty("auth_header");
  });

  it("removing the first target does not hand its header to the next one", () => {
    const current = policy([
      { type: "http", address: "https://a.example/", auth_header: "Bearer A-SECRET", skip_cert_verify: false },
      { type: "http", address: "https://b.example/", skip_cert_verify: false },
    ]);
    const b = buildUpdateBody({ current, changes: { targets: [{ type: "http", address: "https://b.example/", authHeader: undefined }] }, version, label });
    if (!b.ok) expect.fail(b.error.message);
    expect(b.value.targets).toHaveLength(1);
    expect(b.value.targets[0]).not.toHaveProperty("auth_header");
  });

  it("the same target at the same address keeps its header, wherever it now stands", () => {
    const current = policy([
      { type: "http", address: "https://a.example/", skip_cert_verify: false },
      { type: "http", address: "https://b.example/", auth_header: "Bearer B-SECRET", skip_cert_verify: false },
    ]);
    const b = buildUpdateBody({
      current,
      changes: {
        targets: [
          { type: "http", address: "https://b.example/" },
          { type: "http", address: "https://a.example/" },
        ],
      },
      version,
      label,
    });
    if (!b.ok) expect.fail(b.error.message);
    expect(b.value.targets.map((t) => t.auth_header)).toEqual(["Bearer B-SECRET", undefined]);
  });

  it("a changed type is a different target", () => {
    const current = policy([{ type: "http", address: "https://hooks.example/x", auth_header: "Bearer X", skip_cert_verify: false }]);
    const b = buildUpdateBody({ current, changes: { targets: [{ type: "slack", address: "https://hooks.example/x" }] }, version, label });
    if (!b.ok) expect.fail(b.error.message);
    expect(b.value.targets[0]).not.toHaveProperty("auth_header");
  });
});
