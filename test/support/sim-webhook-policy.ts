import { webhookEventTypes } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";

/** A webhook policy as a client POSTs it to the simulator of version `v`: a random name, the version's first event type, one http target. */
export const webhookPolicyBody = (v: string, over: Record<string, unknown> = {}) => ({
  name: `hook-${Math.random().toString(36).slice(2, 8)}`,
  enabled: true,
  event_types: [webhookEventTypes(parseHarborVersion(v)!)[0]],
  targets: [{ type: "http", address: "https://hooks.example.com/harbor", skip_cert_verify: false }],
  ...over,
});
