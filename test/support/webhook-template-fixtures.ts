/**
 * The fleet webhook template tests' world (test/integration/webhook-templates.test.ts): the simulated Harbors with
 * the environment each is registered in, and the template fields they start from.
 */
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import type { TTemplateFields } from "@/lib/schemas/webhook-template";
import type { SimInstanceSpec } from "@/test/harbor-sim";

export const SECRET = "Bearer tpl-it-s3cret";
export const actor = { id: null, email: "templates@example.com" };
export const ctx = { actor, requestId: "webhook-templates-test" };
export const suffix = Math.random().toString(36).slice(2, 7);
const projects = [{ name: "library", public: true }, { name: "team-a" }, { name: "team-b" }];

export const SPECS: (SimInstanceSpec & { env: "staging" | "production" })[] = [
  // team-b's one policy is someone else's: 1.x cannot take a second
  {
    id: "t110",
    version: "1.10.19",
    env: "staging",
    projects,
    policies: [{ project: "team-b", name: "policy_1", eventTypes: ["pushImage"], targets: [{ type: "http", address: "https://other.example.com/x" }] }],
  },
  { id: "t20", version: "2.0.0", env: "staging", projects },
  { id: "t25", version: "2.5.6", env: "staging", projects },
  { id: "t215", version: "2.15.2", env: "staging", projects },
  { id: "tdown", version: "2.5.6", env: "staging", projects, faults: { down: true } },
  // not selected: another environment
  { id: "tprod", version: "2.15.2", env: "production", projects },
];

export const fields = (over: Partial<TTemplateFields> = {}): TTemplateFields => ({
  name: `ci-${suffix}`,
  description: "CI for every team",
  enabled: true,
  eventTypes: ["PUSH_ARTIFACT", "QUOTA_EXCEED"],
  targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: SECRET }],
  environments: ["staging"],
  labels: [`suite=tpl-${suffix}`],
  instancePattern: "*",
  projectPattern: "team-*",
  autoApply: false,
  ...over,
});

export const auditText = (rows: { before: unknown; after: unknown; targetName: string | null }[]) =>
  JSON.stringify(rows.map((r) => [r.before, r.after, r.targetName]));
