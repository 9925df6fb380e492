import { describe, expect, it } from "vitest";
import type { THarborWebhookPolicy } from "@/lib/harbor";
import { planProject, type TemplatePolicy } from "@/lib/harbor/template-plan";
import { parseHarborVersion } from "@/lib/releases";
import { loadSpec, SPEC_FILES, validateRequest, type Exchange } from "../../contract/spec-validator";

/**
 * The bodies a template plans — create and update, as shown in the dry run and sent by apply — against the official
 * spec of every version in test/contract, before any Harbor sees them.
 */

const template: TemplatePolicy = {
  name: "ci-push",
  description: "CI",
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT", "SCANNING_FAILED"],
  targets: [{ type: "http", address: "https://ci.example.com/hook", authHeader: "Bearer x", skipCertVerify: true, payloadFormat: "Default" }],
};
const ex = (over: Partial<Exchange>): Exchange => ({
  method: "GET",
  path: "/",
  query: {},
  requestHeaders: {},
  requestBody: undefined,
  status: 200,
  responseHeaders: {},
  responseBody: undefined,
  ...over,
});

describe.each(Object.keys(SPEC_FILES))("Harbor %s", (tag) => {
  const v = parseHarborVersion(tag)!;
  const base = v.major === 1 ? "/api/projects/3/webhook/policies" : "/api/v2.0/projects/3/webhook/policies";
  const plan = (policies: THarborWebhookPolicy[] = []) =>
    planProject({ template, version: v, label: `Harbor ${tag}`, project: "team-a", policies, creator: "admin" });

  it("the create body and the update body of a drifted policy match the spec", async () => {
    const spec = await loadSpec(tag);
    const created = plan();
    if (created.action !== "create") throw new Error(`expected a create, got ${created.action}`);
    expect(validateRequest(spec, ex({ method: "POST", path: base, requestBody: created.body }))).toEqual([]);
    const drifted = {
      ...created.body,
      id: 7,
      project_id: 3,
      creator: "admin",
      creation_time: "2026-01-01T00:00:00Z",
      update_time: "2026-01-02T00:00:00Z",
      enabled: false,
    } as THarborWebhookPolicy;
    const updated = plan([drifted]);
    if (updated.action !== "update") throw new Error(`expected an update, got ${updated.action}`);
    expect(validateRequest(spec, ex({ method: "PUT", path: `${base}/7`, requestBody: updated.body }))).toEqual([]);
  }, 30_000);
});
