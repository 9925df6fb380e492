/** A policy as Harbor stores it (with a field this console does not know) and the input that writes it. */
import type { WebhookPolicyInput } from "@/lib/harbor/webhook-body";

export const stored = {
  id: 7,
  project_id: 3,
  name: "ci",
  description: "notify CI",
  targets: [{ type: "http", address: "https://ci.example.com/hook", auth_header: "Bearer s3cret", skip_cert_verify: false }],
  event_types: ["PUSH_ARTIFACT"],
  creator: "alice",
  creation_time: "2024-05-01T10:00:00Z",
  update_time: "2024-05-02T10:00:00Z",
  enabled: true,
  unknown_future_field: 1,
};

export const input: WebhookPolicyInput = {
  name: "ci",
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT"],
  targets: [{ type: "http", address: "https://ci.example.com/hook" }],
};
