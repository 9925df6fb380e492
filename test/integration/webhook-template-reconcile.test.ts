/**
 * The reconcile job against real PostgreSQL and simulated Harbors 1.10 and 2.15: it creates the template's policy in
 * projects that appear later (where the template says so), records drift without writing, keeps an adopted policy
 * alone until it changes again, and a re-apply clears the drift. Every request is checked against its version's spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withInstanceClient } from "@/lib/fleet/harbor-session";
import { createInstance } from "@/lib/fleet/instances";
import { adoptTemplateDrift, listTemplateDrift, reconcileTemplates } from "@/lib/fleet/webhooks/template-reconcile";
import { reconcileCron } from "@/lib/fleet/webhooks/template-reconcile-queue";
import { applyTemplateToInstance, dryRunTemplate } from "@/lib/fleet/webhooks/template-run";
import { createTemplate, getTemplate } from "@/lib/fleet/webhooks/templates";
import { listWebhookPolicies, updateWebhookPolicy } from "@/lib/harbor";
import { ZInstanceCreateInput } from "@/lib/schemas/instance";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import type { TTemplateFields } from "@/lib/schemas/webhook-template";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { contractProblems, wireProblems } from "../support/harbor-exchanges";

const actor = { id: null, email: "reconcile@example.com" };
const ctx = { actor, requestId: "template-reconcile-test" };
const suffix = Math.random().toString(36).slice(2, 7);
const SPECS: SimInstanceSpec[] = [
  { id: "r110", version: "1.10.19", projects: [{ name: "team-a" }] },
  { id: "r215", version: "2.15.2", projects: [{ name: "team-a" }] },
];

let sim: HarborSim;
const ids: Record<string, string> = {};
let auto = "";
let manual = "";

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: SPECS });
  for (const s of SPECS) {
    const input = ZInstanceCreateInput.parse({
      name: `rec-${s.id}-${suffix}`,
      environment: "staging",
      labels: `suite=rec-${suffix}`,
      baseUrl: sim.get(s.id).baseUrl,
      username: "admin",
      secret: "Harbor12345",
      caBundle: "",
      deploymentMode: "docker_compose",
    });
    ids[s.id] = (await createInstance({ input, actor, requestId: ctx.requestId })).id;
  }
  const fields = (name: string, autoApply: boolean): TTemplateFields => ({
    name,
    description: "",
    enabled: true,
    eventTypes: ["PUSH_ARTIFACT"],
    targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: "Bearer rec-s3cret" }],
    environments: [],
    labels: [`suite=rec-${suffix}`],
    instancePattern: "*",
    projectPattern: autoApply ? "team-*" : "team-a",
    autoApply,
  });
  auto = (await createTemplate({ ...ctx, input: fields(`auto-${suffix}`, true) })).id;
  manual = (await createTemplate({ ...ctx, input: fields(`manual-${suffix}`, false) })).id;
}, 60_000);
afterAll(() => sim?.stop());

const writes = (from: number) => sim.exchanges.slice(from).filter((e) => e.method !== "GET");
const managed = async (instance: string, project: string, name: string) =>
  withInstanceClient(ids[instance], async (client) => {
    const list = await listWebhookPolicies({ client, project });
    if (!list.ok) throw new Error(list.error.message);
    return list.value.find((p) => p.name === name) ?? null;
  });

describe("reconcile", () => {
  it("runs at the inventory's cadence", () => {
    expect(reconcileCron(15)).toBe("*/15 * * * *");
    expect(reconcileCron(7)).toBe("0 * * * *");
    expect(reconcileCron(1440)).toBe("0 * * * *");
  });

  it("creates the policy where the template applies itself, audited as the system, and not where it does not", async () => {
    await reconcileTemplates();
    expect(await managed("r215", "team-a", `fleet-tpl-auto-${suffix}`)).not.toBeNull();
    expect(await managed("r110", "team-a", `fleet-tpl-auto-${suffix}`)).not.toBeNull();
    expect(await managed("r215", "team-a", `fleet-tpl-manual-${suffix}`)).toBeNull();
    // the other template still waits for someone to apply it
    expect((await dryRunTemplate({ id: manual })).rows.find((r) => r.instanceId === ids.r215 && r.project === "team-a")?.action).toBe("create");
    const audits = await db.auditEvent.findMany({ where: { action: "webhook.template.apply.create", targetName: { contains: `fleet-tpl-auto-${suffix}` } } });
    expect(audits.map((a) => a.actorEmail)).toEqual(["system", "system"]);
  });

  it("a project that appears later gets it on the next run; nothing else is written", async () => {
    sim.addProject!("r215", { name: "team-new" });
    sim.addProject!("r215", { name: "other" });
    const from = sim.exchanges.length;
    await reconcileTemplates();
    expect(writes(from).map((e) => e.method)).toEqual(["POST"]);
    expect(await managed("r215", "team-new", `fleet-tpl-auto-${suffix}`)).not.toBeNull();
  });

  it("a managed policy changed in Harbor is drift: recorded with the difference, never overwritten", async () => {
    const mine = (await managed("r215", "team-a", `fleet-tpl-auto-${suffix}`))!;
    await withInstanceClient(ids.r215, async (client) =>
      expect((await updateWebhookPolicy({ client, project: "team-a", policyId: mine.id, changes: { enabled: false } })).ok).toBe(true),
    );
    const from = sim.exchanges.length;
    await reconcileTemplates();
    expect(writes(from)).toEqual([]);
    const drift = await listTemplateDrift(auto);
    expect(drift).toEqual([
      expect.objectContaining({ instanceId: ids.r215, project: "team-a", changes: [{ field: "enabled", from: "false", to: "true" }], adoptedAt: null }),
    ]);
  });

  it("adopt keeps Harbor's version: the dry run and apply leave it alone until it changes again", async () => {
    const [d] = await listTemplateDrift(auto);
    await adoptTemplateDrift({ ...ctx, id: d.id });
    const rows = (await dryRunTemplate({ id: auto })).rows.filter((r) => r.instanceId === ids.r215 && r.project === "team-a");
    expect(rows).toEqual([expect.objectContaining({ action: "unchanged", reason: expect.stringContaining("Adopted") })]);
    const from = sim.exchanges.length;
    await applyTemplateToInstance({ ...ctx, id: auto, instanceId: ids.r215, version: (await getTemplate(auto))!.version });
    await reconcileTemplates();
    expect(writes(from)).toEqual([]);
    expect((await listTemplateDrift(auto))[0].adoptedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.template.adopt", targetId: ids.r215 } });
    expect(audit.actorEmail).toBe(actor.email);

    // changed again in Harbor: the adoption no longer holds
    const mine = (await managed("r215", "team-a", `fleet-tpl-auto-${suffix}`))!;
    await withInstanceClient(ids.r215, async (client) =>
      expect((await updateWebhookPolicy({ client, project: "team-a", policyId: mine.id, changes: { description: "hand-edited" } })).ok).toBe(true),
    );
    await reconcileTemplates();
    const [again] = await listTemplateDrift(auto);
    expect(again.adoptedAt).toBeNull();
    expect(again.changes.map((c) => c.field)).toEqual(["enabled", "description"]);
  });

  it("re-apply puts the template back and clears the drift", async () => {
    const rows = await applyTemplateToInstance({ ...ctx, id: auto, instanceId: ids.r215, version: (await getTemplate(auto))!.version });
    expect(rows.find((r) => r.project === "team-a")).toMatchObject({ action: "update", applied: { ok: true } });
    expect(await listTemplateDrift(auto)).toEqual([]);
    expect((await managed("r215", "team-a", `fleet-tpl-auto-${suffix}`))!.enabled).toBe(true);
  });

  it("every request matches the official spec of its version, none with a cookie", async () => {
    const { problems, validated } = await contractProblems(sim.exchanges);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(20);
    expect(wireProblems(sim.exchanges)).toEqual([]);
  });
});
