import { describe, expect, it } from "vitest";
import { redeliveryBlocker, redeliveryContentType } from "@/lib/harbor/webhook-redelivery";

describe("which failed deliveries the console can redeliver (docs/harbor/api.md §7.6)", () => {
  const http1 = { targetTypes: ["http"], hasPayload: true };
  it("an http delivery with its body kept, on every generation, to the policy's one http target", () => {
    for (const generation of ["v1", "v2.0", "v2.3", "v2.8", "v2.13"] as const)
      expect(redeliveryBlocker({ generation, notifyType: "http", ...http1 })).toBeNull();
    // 2.8+ executions do not say whether the body was kept: offered, and checked on the record at redelivery
    expect(redeliveryBlocker({ generation: "v2.13", notifyType: "http", targetTypes: ["http"], hasPayload: null })).toBeNull();
  });

  it("Slack only from 2.8: before, Harbor kept the event, not the message it rendered", () => {
    expect(redeliveryBlocker({ generation: "v2.8", notifyType: "slack", targetTypes: ["slack"], hasPayload: true })).toBeNull();
    for (const generation of ["v2.0", "v2.3"] as const)
      expect(redeliveryBlocker({ generation, notifyType: "slack", targetTypes: ["slack"], hasPayload: true })).toMatch(/Before 2\.8.*Slack message/);
  });

  it("says why not: no body, no notify type, no such target, or several that the record cannot tell apart", () => {
    expect(redeliveryBlocker({ generation: "v2.3", notifyType: "http", targetTypes: ["http"], hasPayload: false })).toBe(
      "Harbor's record of this delivery holds no payload.",
    );
    expect(redeliveryBlocker({ generation: "v2.3", notifyType: "", targetTypes: ["http"], hasPayload: true })).toMatch(/does not say which kind of target/);
    expect(redeliveryBlocker({ generation: "v2.13", notifyType: "slack", targetTypes: ["http"], hasPayload: true })).toBe(
      "The policy has no slack target any more.",
    );
    expect(redeliveryBlocker({ generation: "v2.13", notifyType: "http", targetTypes: ["http", "slack", "http"], hasPayload: true })).toBe(
      "The policy has 2 http targets and Harbor's record does not say which one this delivery went to.",
    );
    // one http target beside a Slack one is unambiguous
    expect(redeliveryBlocker({ generation: "v2.13", notifyType: "http", targetTypes: ["slack", "http"], hasPayload: true })).toBeNull();
  });
});

describe("the Content-Type of a kept body", () => {
  it("CloudEvents by its specversion; Default, Slack and anything else as JSON", () => {
    expect(redeliveryContentType(JSON.stringify({ specversion: "1.0", id: "x", type: "harbor.artifact.pushed" }))).toBe("application/cloudevents+json");
    expect(redeliveryContentType(JSON.stringify({ type: "PUSH_ARTIFACT", occur_at: 1 }))).toBe("application/json");
    expect(redeliveryContentType(JSON.stringify({ blocks: [] }))).toBe("application/json");
    expect(redeliveryContentType("not json")).toBe("application/json");
    expect(redeliveryContentType("null")).toBe("application/json");
  });
});
