import { describe, expect, it } from "vitest";
import { capabilitiesOf, newest, toPolicyDto } from "@/lib/fleet/webhooks/dto";
import { webhookChangeError } from "@/lib/fleet/webhooks/failure";
import { httpStatusOf } from "@/lib/fleet/webhooks/history";
import { normaliseEventTypes } from "@/lib/harbor/event-types";
import { parseHarborVersion } from "@/lib/releases";
import { addressForViewer, EMPTY_TARGET, ZWebhookPolicyFields, ZWebhookUpdateInput } from "@/lib/schemas/webhook";

const harborError = (kind: string, message: string, status?: number) => ({ kind, message, status, requestId: "r" }) as Parameters<typeof webhookChangeError>[0];

describe("Harbor's refusals at the field they concern", () => {
  it("a duplicate name (409 on 2.1+, the hinted 500 of 1.x/2.0) is an error of the name field with Harbor's message", () => {
    const e = webhookChangeError(
      harborError("conflict", 'Harbor at h reported a conflict (HTTP 409). Harbor says: "notification policy named ci already exists".', 409),
    );
    expect(e.fieldErrors?.name?.[0]).toContain("named ci already exists");
    const legacy = webhookChangeError(
      harborError(
        "server_error",
        "failed with HTTP 500. On Harbor 2.0.6 this is also how a duplicate policy name is reported — the name may already be in use.",
        500,
      ),
    );
    expect(legacy.fieldErrors?.name).toBeDefined();
  });

  it("a conflict without a status (a stale copy, 1.x's one policy per project) stays a form-level conflict", () => {
    const e = webhookChangeError(harborError("conflict", "The webhook policy was changed in Harbor after it was loaded — reload it."));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors).toBeUndefined();
  });

  it("events, payload formats, target types and URLs go to their fields, on the target the message names", () => {
    expect(webhookChangeError(harborError("unprocessable", 'Harbor says: "unsupported event type FOO".', 400)).fieldErrors?.eventTypes).toBeDefined();
    const ce = webhookChangeError(harborError("unsupported_version", "Harbor 2.5.6 sends only the Default payload; CloudEvents needs Harbor 2.8 or later."), [
      "https://a.example",
      "https://b.example",
    ]);
    expect(Object.keys(ce.fieldErrors ?? {})).toEqual(["targets.0.payloadFormat"]);
    const url = webhookChangeError(harborError("unprocessable", '"ftp://b.example" is not a full http:// or https:// URL'), [
      "https://a.example",
      "ftp://b.example",
    ]);
    expect(Object.keys(url.fieldErrors ?? {})).toEqual(["targets.1.address"]);
    expect(Object.keys(webhookChangeError(harborError("unprocessable", 'Harbor 1.10.19 cannot notify "slack" targets')).fieldErrors ?? {})).toEqual([
      "targets.0.type",
    ]);
  });

  it("403, 404, 412 and a rejected credential are form-level errors that keep Harbor's words", () => {
    expect(webhookChangeError(harborError("forbidden", "may not (HTTP 403)", 403))).toMatchObject({ code: "forbidden", message: "may not (HTTP 403)" });
    expect(webhookChangeError(harborError("not_found", "gone (HTTP 404)", 404)).code).toBe("not_found");
    expect(webhookChangeError(harborError("precondition", "precondition failed (HTTP 412)", 412)).code).toBe("conflict");
    expect(webhookChangeError(harborError("unauthorized", "did not accept (HTTP 401)", 401)).message).toMatch(/authentication failed/);
  });
});

describe("what the browser gets of a policy", () => {
  const policy = {
    id: 3,
    project_id: 1,
    name: "p",
    description: "",
    targets: [{ type: "http", address: "https://x.example", auth_header: "Bearer secret-value", skip_cert_verify: true, payload_format: "CloudEvents" }],
    event_types: ["pushImage"],
    creator: "admin",
    creation_time: "0001-01-01T00:00:00Z",
    update_time: "2026-01-01T00:00:00Z",
    enabled: true,
  };

  it("says an auth header is stored, never what it is; Go's zero time is no time; 1.x events get their labels", () => {
    const dto = toPolicyDto(policy, null, null);
    expect(JSON.stringify(dto)).not.toContain("secret-value");
    expect(dto.targets[0]).toEqual({ type: "http", address: "https://x.example", authHeaderSet: true, skipCertVerify: true, payloadFormat: "CloudEvents" });
    expect(dto.creationTime).toBeNull();
    expect(dto.eventTypes).toEqual([{ name: "pushImage", label: "Artifact pushed" }]);
  });

  it("a viewer sees a target's origin only: its path or query may be the secret", () => {
    expect(addressForViewer("https://hooks.slack.com/services/T0/B0/t0ken")).toBe("https://hooks.slack.com/…");
    expect(addressForViewer("https://ci.example.com:8443/?token=x")).toBe("https://ci.example.com:8443/…");
    expect(addressForViewer("https://ci.example.com/")).toBe("https://ci.example.com");
    expect(addressForViewer("nonsense")).toBe("(not a URL)");
  });

  it("the newest delivery of an unordered legacy job list", () => {
    const at = (t: string) => ({ at: t, status: "finished", ok: true, eventType: null });
    expect(newest([at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), at("2026-02-01T00:00:00Z")])?.at).toBe("2026-03-01T00:00:00Z");
    expect(newest([])).toBeNull();
  });

  it("the receiver's HTTP status out of Harbor's status message", () => {
    expect(httpStatusOf("http status code 503, expected 2xx")).toBe(503);
    expect(httpStatusOf("")).toBeNull();
  });
});

describe("what each version's form offers", () => {
  const caps = (version: string, payloadFormats?: { notify_type: string; formats: string[] }[]) => {
    const v = parseHarborVersion(version)!;
    const generation = v.major === 1 ? "v1" : v.minor < 3 ? "v2.0" : v.minor < 8 ? "v2.3" : v.minor < 13 ? "v2.8" : "v2.13";
    const supported = normaliseEventTypes({
      eventTypes: ["PUSH_ARTIFACT"],
      notifyTypes: v.major === 1 ? ["http"] : ["http", "slack"],
      payloadFormats,
      version: v,
      source: "server",
    });
    return capabilitiesOf({ generation, version }, supported);
  };

  it("payload formats only from 2.8 and only for http; one policy per project on 1.x; global names on 2.0 only", () => {
    expect(caps("2.15.2", [{ notify_type: "http", formats: ["Default", "CloudEvents"] }]).payloadFormats).toEqual({
      http: ["Default", "CloudEvents"],
      slack: [],
    });
    expect(caps("2.7.4").payloadFormats).toEqual({ http: [], slack: [] });
    expect(caps("1.10.19")).toMatchObject({ onePolicyPerProject: true, namesGlobal: false, executions: false, notifyTypes: ["http"] });
    expect(caps("2.0.6")).toMatchObject({ onePolicyPerProject: false, namesGlobal: true });
    expect(caps("2.1.0").namesGlobal).toBe(false);
    expect(caps("2.8.6").executions).toBe(true);
  });
});

describe("the policy form's schema", () => {
  const valid = {
    name: "ci",
    description: "",
    enabled: true,
    eventTypes: ["PUSH_ARTIFACT"],
    targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook" }],
  };

  it("wants a name, an event, and full http(s) URLs", () => {
    expect(ZWebhookPolicyFields.safeParse(valid).success).toBe(true);
    const bad = ZWebhookPolicyFields.safeParse({ ...valid, name: " ", eventTypes: [], targets: [{ ...EMPTY_TARGET, address: "hooks.example.com" }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "eventTypes", "targets.0.address"]));
    expect(ZWebhookPolicyFields.safeParse({ ...valid, targets: [{ ...EMPTY_TARGET, address: "ftp://x.example" }] }).success).toBe(false);
  });

  it("an update names the instance, a Harbor project name and a positive policy id", () => {
    const ok = { ...valid, instanceId: "00000000-0000-4000-8000-000000000000", project: "2024", policyId: 7, updateTime: null };
    expect(ZWebhookUpdateInput.safeParse(ok).success).toBe(true);
    expect(ZWebhookUpdateInput.safeParse({ ...ok, project: "../x" }).success).toBe(false);
    expect(ZWebhookUpdateInput.safeParse({ ...ok, policyId: 0 }).success).toBe(false);
  });
});
