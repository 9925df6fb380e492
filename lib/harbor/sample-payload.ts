/**
 * What Harbor POSTs to a webhook target (docs/harbor/api.md §8), as a sample for a test delivery. Pure. The event is the policy's
 * first, spelled as its version spells it; `format`: Default (all versions), CloudEvents (2.8+, http), or a Slack
 * Block Kit message (slack targets).
 */
import { canonicalEventType } from "./event-types";

const CLOUD_EVENT_TYPE: Record<string, string> = {
  PUSH_ARTIFACT: "harbor.artifact.pushed",
  PULL_ARTIFACT: "harbor.artifact.pulled",
  DELETE_ARTIFACT: "harbor.artifact.deleted",
  QUOTA_EXCEED: "harbor.quota.exceeded",
  QUOTA_WARNING: "harbor.quota.warned",
  REPLICATION: "harbor.replication.status.changed",
  SCANNING_FAILED: "harbor.scan.failed",
  SCANNING_COMPLETED: "harbor.scan.completed",
  SCANNING_STOPPED: "harbor.scan.stopped",
  TAG_RETENTION: "harbor.tag_retention.finished",
};

export interface SamplePayload {
  contentType: string;
  body: string;
}

export function samplePayload(o: {
  format: "Default" | "CloudEvents" | "Slack";
  eventType: string;
  project: string;
  projectId: number;
  policyId: number;
  operator: string;
  now: Date;
  id: string;
}): SamplePayload {
  const occurAt = Math.floor(o.now.getTime() / 1000);
  const eventData = {
    resources: [{ digest: `sha256:${"0".repeat(64)}`, tag: "console-test", resource_url: `harbor.example.com/${o.project}/console-test:console-test` }],
    repository: { date_created: occurAt, name: "console-test", namespace: o.project, repo_full_name: `${o.project}/console-test`, repo_type: "private" },
  };
  if (o.format === "CloudEvents") {
    const type = CLOUD_EVENT_TYPE[canonicalEventType(o.eventType)] ?? "harbor.artifact.pushed";
    const body = {
      specversion: "1.0",
      id: o.id,
      requestid: o.id,
      source: `/projects/${o.projectId}/webhook/policies/${o.policyId}`,
      type,
      datacontenttype: "application/json",
      time: o.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      data: eventData,
      operator: o.operator,
    };
    return { contentType: "application/cloudevents+json", body: JSON.stringify(body) };
  }
  const payload = { type: o.eventType, occur_at: occurAt, operator: o.operator, event_data: eventData };
  if (o.format === "Slack") {
    const text = `*Harbor webhook events*\n*event_type:* ${o.eventType}\n*occur_at:* ${o.now.toISOString()}\n*operator:* ${o.operator}\n*event_data:*\n\`\`\`${JSON.stringify(eventData, null, 2)}\`\`\``;
    return { contentType: "application/json", body: JSON.stringify({ blocks: [{ type: "section", text: { type: "mrkdwn", text } }] }) };
  }
  return { contentType: "application/json", body: JSON.stringify(payload) };
}
