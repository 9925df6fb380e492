import { describe, expect, it } from "vitest";
import type { THarborWebhookPolicy } from "@/lib/harbor";
import { managedPolicyName, maskedBody, planProject, type TemplatePolicy } from "@/lib/harbor/template-plan";
import { parseHarborVersion } from "@/lib/releases";

/** A template's meaning per version: names, event spellings, payload formats, one policy per project on 1.x. */

const v = (s: string) => parseHarborVersion(s)!;
const SECRET = "Bearer tpl-s3cret";
const template = (over: Partial<TemplatePolicy> = {}): TemplatePolicy => ({
  name: "ci-push",
  description: "CI",
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT", "QUOTA_EXCEED"],
  targets: [{ type: "http", address: "https://ci.example.com/hook", authHeader: SECRET, skipCertVerify: false, payloadFormat: "Default" }],
  ...over,
});
const plan = (version: string, policies: THarborWebhookPolicy[] = [], t = template()) =>
  planProject({ template: t, version: v(version), label: `Harbor ${version}`, project: "team-a", policies, creator: "admin" });

function stored(version: string, over: Partial<THarborWebhookPolicy> = {}): THarborWebhookPolicy {
  const p = plan(version);
  if (p.action !== "create") throw new Error("expected a create");
  return {
    id: 7,
    project_id: 3,
    creator: "admin",
    creation_time: "2026-01-01T00:00:00Z",
    update_time: "2026-01-01T00:00:00Z",
    ...p.body,
    ...over,
  } as THarborWebhookPolicy;
}

describe("managed policy names", () => {
  it("are the template's name with a prefix, and carry the project on 2.0 where names are global", () => {
    expect(managedPolicyName("ci-push", "team-a", v("2.15.2"))).toBe("fleet-tpl-ci-push");
    expect(managedPolicyName("ci-push", "team-a", v("1.10.19"))).toBe("fleet-tpl-ci-push");
    expect(managedPolicyName("ci-push", "team-a", v("2.0.6"))).toBe("fleet-tpl-ci-push--team-a");
    expect(managedPolicyName("ci-push", "team-b", v("2.0.6"))).not.toBe(managedPolicyName("ci-push", "team-a", v("2.0.6")));
  });
});

describe("create", () => {
  it("spells events as each version does and sends payload_format only from 2.8", () => {
    const old = plan("1.10.19");
    const mid = plan("2.5.6");
    const now = plan("2.15.2");
    if (old.action !== "create" || mid.action !== "create" || now.action !== "create") throw new Error("expected creates");
    expect(old.body.event_types).toEqual(["pushImage", "projectQuota"]);
    expect(mid.body.event_types).toEqual(["PUSH_ARTIFACT", "QUOTA_EXCEED"]);
    expect(mid.body.targets[0]).not.toHaveProperty("payload_format");
    expect(now.body.targets[0]).toMatchObject({ payload_format: "Default", auth_header: SECRET });
    expect(now.body).toMatchObject({ name: "fleet-tpl-ci-push", enabled: true, creator: "admin" });
    expect(old.body).not.toHaveProperty("creator");
  });

  it("shows the body with the auth header masked", () => {
    const p = plan("2.15.2");
    if (p.action !== "create") throw new Error("expected a create");
    const shown = maskedBody(p.body);
    expect(shown).not.toContain(SECRET);
    expect(JSON.parse(shown).targets[0].auth_header).toBe("[stored]");
  });
});

describe("cannot", () => {
  it("CloudEvents before 2.8", () => {
    const t = template({ targets: [{ ...template().targets[0], payloadFormat: "CloudEvents" }] });
    expect(plan("2.7.4", [], t)).toMatchObject({ action: "cannot", reason: expect.stringMatching(/CloudEvents needs Harbor 2.8.*2\.7\.4/) });
    expect(plan("2.8.6", [], t)).toMatchObject({ action: "create" });
  });

  it("an event the version lacks, named", () => {
    const t = template({ eventTypes: ["PUSH_ARTIFACT", "SCANNING_STOPPED"] });
    expect(plan("2.3.0", [], t)).toMatchObject({ action: "cannot", reason: 'Harbor 2.3.0 has no event "Scanning stopped" (SCANNING_STOPPED).' });
    expect(plan("2.4.0", [], t)).toMatchObject({ action: "create" });
    expect(plan("2.15.2", [], template({ eventTypes: ["UPLOAD_CHART"] }))).toMatchObject({
      action: "cannot",
      reason: expect.stringContaining("Chart uploaded"),
    });
  });

  it("slack on 1.x", () => {
    const t = template({ targets: [{ type: "slack", address: "https://hooks.slack.com/x", authHeader: null }] });
    expect(plan("1.10.19", [], t)).toMatchObject({ action: "cannot", reason: expect.stringContaining('cannot notify "slack"') });
  });

  it("a 1.x project whose one policy is not the template's", () => {
    const other = { ...stored("1.10.19"), name: "policy_1" };
    expect(plan("1.10.19", [other])).toMatchObject({
      action: "cannot",
      reason: expect.stringContaining('one webhook policy per project, and this project already has "policy_1"'),
    });
    // 2.x allows several: the template's is created beside it
    expect(plan("2.15.2", [{ ...stored("2.15.2"), name: "policy_1" }])).toMatchObject({ action: "create" });
  });
});

describe("update or unchanged", () => {
  it.each(["1.10.19", "2.0.6", "2.5.6", "2.15.2"])("%s: what the template would create is unchanged on re-apply", (version) => {
    const cur = { ...stored(version), name: managedPolicyName("ci-push", "team-a", v(version)) };
    expect(plan(version, [cur])).toEqual({ action: "unchanged", policyName: cur.name, policyId: 7 });
  });

  it("a managed policy changed in Harbor is updated with the whole object, the changes listed", () => {
    const cur = stored("2.15.2", { enabled: false, event_types: ["PUSH_ARTIFACT"] });
    const p = plan("2.15.2", [cur]);
    if (p.action !== "update") throw new Error(`expected an update, got ${p.action}`);
    expect(p.policyId).toBe(7);
    expect(p.body).toMatchObject({
      id: 7,
      project_id: 3,
      enabled: true,
      creator: "admin",
      creation_time: "2026-01-01T00:00:00Z",
      event_types: ["PUSH_ARTIFACT", "QUOTA_EXCEED"],
    });
    expect(p.changes.map((c) => c.field)).toEqual(["enabled", "events"]);
  });

  it("a changed auth header is an update that never shows either value", () => {
    const cur = stored("2.15.2");
    cur.targets[0].auth_header = "Bearer old";
    const p = plan("2.15.2", [cur]);
    if (p.action !== "update") throw new Error("expected an update");
    expect(p.changes).toEqual([{ field: "target 1 auth header", from: "stored", to: "a different one" }]);
    expect(JSON.stringify(p.changes)).not.toMatch(/old|s3cret/);
  });

  it("a retargeted policy shows the addresses", () => {
    const cur = stored("2.15.2");
    cur.targets[0].address = "https://elsewhere.example.com/x";
    const p = plan("2.15.2", [cur]);
    expect(p).toMatchObject({
      action: "update",
      changes: [{ field: "target 1", from: "http · https://elsewhere.example.com/x · Default", to: "http · https://ci.example.com/hook · Default" }],
    });
  });
});
