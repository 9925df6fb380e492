/**
 * Security review F3: viewers read the audit trail and the delivery history; a target's path or query (a Slack
 * token) must reach neither. Audit rows keep origin + a short fingerprint (a change stays visible); the history's
 * messages and logs have their URLs reduced for viewers.
 */
import { describe, expect, it } from "vitest";
import { addressFingerprint, auditPolicy } from "@/lib/fleet/webhooks/dto";
import { historyForViewer, type PolicyHistory } from "@/lib/fleet/webhooks/history";
import { urlsForViewer } from "@/lib/schemas/webhook";

const slack = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
const policy = (address: string) => ({ name: "p", enabled: true, event_types: [], targets: [{ type: "slack", address, auth_header: "Bearer S" }] });

describe("audit rows of webhook policies", () => {
  it("hold the origin and a fingerprint, never the path or query", () => {
    const a = auditPolicy(policy(slack));
    expect(JSON.stringify(a)).not.toContain("XXXXSECRET");
    expect(a.targets[0]).toMatchObject({ address: "https://hooks.slack.com/…", addressSha256: addressFingerprint(slack), authHeader: "********" });
    expect(a.targets[0].addressSha256).toMatch(/^[0-9a-f]{12}$/);
  });

  it("a changed path shows as a changed fingerprint", () => {
    const before = auditPolicy(policy(slack)).targets[0];
    const after = auditPolicy(policy(`${slack}2`)).targets[0];
    expect(after.address).toBe(before.address);
    expect(after.addressSha256).not.toBe(before.addressSha256);
  });
});

describe("delivery history for viewers", () => {
  it("reduces every URL in a text to origin/…", () => {
    expect(urlsForViewer(`Post "${slack}": dial tcp: i/o timeout; retry https://ci.example.com:8443/hook?token=abc.`)).toBe(
      'Post "https://hooks.slack.com/…": dial tcp: i/o timeout; retry https://ci.example.com:8443/….',
    );
    expect(urlsForViewer("http status code 503, expected 2xx")).toBe("http status code 503, expected 2xx");
  });

  const history: PolicyHistory = {
    ok: true,
    instance: { id: "i", name: "h" } as never,
    policy: {
      id: 1,
      name: "p",
      description: "",
      enabled: true,
      eventTypes: [],
      targets: [{ type: "slack", address: slack, authHeaderSet: false, skipCertVerify: false, payloadFormat: null }],
      creator: "",
      creationTime: null,
      updateTime: null,
      lastDelivery: null,
      lastDeliveryError: null,
    },
    kind: "executions",
    rows: [
      { id: 1, status: "Error", ok: false, at: null, endAt: null, eventType: null, message: `Post "${slack}": EOF`, httpStatus: null, notifyType: "slack" },
    ],
    total: 1,
    page: 1,
    pageCount: 1,
    lastTriggers: [],
    tasks: {
      executionId: 1,
      rows: [{ id: 2, status: "Error", ok: false, message: `failed to send to ${slack}`, httpStatus: null, runCount: 1, at: null, endAt: null }],
    },
    log: { executionId: 1, taskId: 2, text: `2026-01-01 POST ${slack}\n`, truncated: false },
    detailError: null,
  };

  it("hides the token in the target, the messages, the tasks and the log", () => {
    const v = historyForViewer(history);
    expect(JSON.stringify(v)).not.toContain("XXXXSECRET");
    expect(v.ok && v.log?.text).toBe("2026-01-01 POST https://hooks.slack.com/…\n");
    expect(JSON.stringify(history)).toContain("XXXXSECRET");
  });
});
