/**
 * A synthetic webhook run (test/harbor-sim/webhook-history.ts) and the body Harbor keeps for it (docs/harbor/api.md §7.6):
 * up to 2.7 the event's Default JSON, from 2.8 the body as sent, in the target's format (Default, CloudEvents, Slack).
 */
import type { PolicyRec } from "./state";

export interface SyntheticRun {
  id: number;
  taskId: number;
  policy: PolicyRec;
  eventType: string;
  notifyType: string;
  ok: boolean;
  start: string;
  end: string;
}

const CLOUD_EVENT_TYPE: Record<string, string> = {
  PUSH_ARTIFACT: "harbor.artifact.pushed",
  PULL_ARTIFACT: "harbor.artifact.pulled",
  DELETE_ARTIFACT: "harbor.artifact.deleted",
};

/** The body of a run as Harbor keeps it: `executions` (2.8+) formatted for its target, else the Default event JSON. */
export function payloadOf(run: SyntheticRun, executions: boolean): string {
  const occurAt = Math.floor(Date.parse(run.start) / 1000);
  const eventData = {
    resources: [{ digest: "sha256:" + "ab".repeat(32), tag: "1.0.0", resource_url: "harbor.example.com/library/app:1.0.0" }],
    repository: { name: "app", namespace: "library", repo_full_name: "library/app", repo_type: "private" },
  };
  const target = run.policy.targets[0];
  if (executions && target?.type === "slack") {
    // src/pkg/notifier/handler/notification/slack_handler.go: a Block Kit message rendered from the event
    const text = (t: string) => ({ type: "section", text: { type: "mrkdwn", text: t } });
    const blocks = [
      text("*Harbor webhook events*"),
      text(`*event_type:* ${run.eventType}`),
      text(`*occur_at:* <!date^${occurAt}^{date} at {time}|${run.start}>`),
      text("*operator:* admin"),
      text("*event_data:*"),
      text("```" + JSON.stringify(eventData, null, "\t") + "```"),
    ];
    return JSON.stringify({ blocks });
  }
  if (executions && target?.payloadFormat === "CloudEvents") {
    // src/pkg/notifier/formats/cloudevents.go
    const source = `/projects/${run.policy.projectId}/webhook/policies/${run.policy.id}`;
    return JSON.stringify({
      specversion: "1.0",
      id: `00000000-0000-4000-8000-${String(run.id).padStart(12, "0")}`,
      requestid: `req-${run.id}`,
      source,
      type: CLOUD_EVENT_TYPE[run.eventType] ?? "harbor.artifact.pushed",
      datacontenttype: "application/json",
      time: run.start.replace(/\.\d{3}Z$/, "Z"),
      data: eventData,
      operator: "admin",
    });
  }
  return JSON.stringify({ type: run.eventType, occur_at: occurAt, operator: "admin", event_data: eventData });
}
