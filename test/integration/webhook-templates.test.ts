/**
 * Fleet webhook templates against real PostgreSQL and simulated Harbors 1.10, 2.0, 2.5 and 2.15 plus a dead one: the
 * selector, the dry run (create / cannot with why, the exact bodies), apply per instance (the dead one skipped with
 * its reason), an idempotent re-apply, drift in Harbor shown and re-applied, the audit trail with auth headers
 * masked, and every request checked against its version's official spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withInstanceClient } from "@/lib/fleet/harbor-session";
import { applyTemplateToInstance, dryRunTemplate } from "@/lib/fleet/webhooks/template-run";
import { createTemplate, getTemplate, listTemplates, updateTemplate } from "@/lib/fleet/webhooks/templates";
import { listWebhookPolicies, updateWebhookPolicy } from "@/lib/harbor";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import type { PlanRowDto } from "@/lib/schemas/webhook-template";
import { startHarborSim, type HarborSim } from "@/test/harbor-sim";
import { contractProblems, wireProblems } from "../support/harbor-exchanges";
import { registerSimInstances } from "../support/sim-instances";
import { actor, auditText, ctx, fields, SECRET, SPECS, suffix } from "../support/webhook-template-fixtures";

let sim: HarborSim;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sim = await startHarborSim({ record: true, instances: SPECS });
  Object.assign(
    ids,
    await registerSimInstances({
      sim,
      specs: SPECS,
      fields: (s) => ({ name: `tpl-${s.id}-${suffix}`, environment: s.env, labels: `suite=tpl-${suffix}`, secret: "Harbor12345" }),
      actor,
      requestId: ctx.requestId,
    }),
  );
}, 60_000);
afterAll(() => sim?.stop());

const byKey = (rows: PlanRowDto[]) => Object.fromEntries(rows.map((r) => [`${SPECS.find((s) => ids[s.id] === r.instanceId)!.id}/${r.project ?? "-"}`, r]));
const writes = (from: number) => sim.exchanges.slice(from).filter((e) => e.method === "POST" || e.method === "PUT" || e.method === "DELETE");
let templateId = "";

describe("a template across four generations", () => {
  it("is stored with its auth header sealed, listed without it, and audited masked", async () => {
    templateId = (await createTemplate({ ...ctx, input: fields() })).id;
    const row = await db.webhookTemplate.findUniqueOrThrow({ where: { id: templateId } });
    expect(row.authCipher).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    const listed = (await listTemplates()).find((t) => t.id === templateId)!;
    expect(listed.targets[0]).toMatchObject({ authHeaderSet: true, address: "https://ci.example.com/hook" });
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.template.create", targetId: templateId } });
    expect(auditText([audit])).not.toContain(SECRET);
    expect((audit.after as { targets: { authHeader: string }[] }).targets[0].authHeader).toBe("********");
  });

  it("a duplicate name is a field error", async () => {
    const e = await createTemplate({ ...ctx, input: fields() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fieldErrors?.name?.[0]).toContain("already exists");
  });

  it("dry run: per instance × project, exactly the body each will receive, nothing written, the dead one said", async () => {
    const from = sim.exchanges.length;
    const { rows } = await dryRunTemplate({ id: templateId });
    const k = byKey(rows);
    expect(Object.keys(k).sort()).toEqual([
      "t110/team-a",
      "t110/team-b",
      "t20/team-a",
      "t20/team-b",
      "t215/team-a",
      "t215/team-b",
      "t25/team-a",
      "t25/team-b",
      "tdown/-",
    ]);
    expect(k["tdown/-"]).toMatchObject({ action: "cannot", reason: expect.stringContaining("Instance unreachable") });
    expect(k["t110/team-a"]).toMatchObject({ action: "create", policyName: `fleet-tpl-ci-${suffix}` });
    expect(k["t110/team-b"]).toMatchObject({ action: "cannot", reason: expect.stringContaining('already has "policy_1"') });
    // 2.0: names are global, so each project's policy carries the project
    expect(k["t20/team-a"].policyName).toBe(`fleet-tpl-ci-${suffix}--team-a`);
    expect(k["t20/team-b"].policyName).toBe(`fleet-tpl-ci-${suffix}--team-b`);
    expect(JSON.parse(k["t110/team-a"].body!).event_types).toEqual(["pushImage", "projectQuota"]);
    expect(JSON.parse(k["t25/team-a"].body!).targets[0]).toEqual({
      type: "http",
      address: "https://ci.example.com/hook",
      skip_cert_verify: false,
      auth_header: "[stored]",
    });
    expect(JSON.parse(k["t215/team-a"].body!).targets[0].payload_format).toBe("Default");
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(writes(from)).toEqual([]);
  });

  it("CloudEvents: only 2.8+ can take it, the others say why", async () => {
    const ce = (
      await createTemplate({
        ...ctx,
        input: fields({ name: `ce-${suffix}`, targets: [{ ...EMPTY_TARGET, address: "https://ce.example.com/", payloadFormat: "CloudEvents" }] }),
      })
    ).id;
    const k = byKey((await dryRunTemplate({ id: ce })).rows);
    expect(k["t215/team-a"].action).toBe("create");
    for (const key of ["t110/team-a", "t20/team-a", "t25/team-a"])
      expect(k[key]).toMatchObject({ action: "cannot", reason: expect.stringContaining("CloudEvents needs Harbor 2.8") });
  });

  it("apply: each instance on its own, the bodies sent are the ones shown, every write audited; the dead one skipped", async () => {
    const { rows: shown } = await dryRunTemplate({ id: templateId });
    const version = (await getTemplate(templateId))!.version;
    const from = sim.exchanges.length;
    const auditFrom = await db.auditEvent.count({ where: { action: "webhook.template.apply.create" } });
    const results = await Promise.all(
      ["t110", "t20", "t25", "t215", "tdown"].map((s) => applyTemplateToInstance({ ...ctx, id: templateId, instanceId: ids[s], version })),
    );
    const k = byKey(results.flat());
    expect(k["tdown/-"]).toMatchObject({ action: "cannot", reason: expect.stringContaining("unreachable") });
    expect(k["t110/team-b"]).toMatchObject({ action: "cannot", applied: null });
    for (const key of ["t110/team-a", "t20/team-a", "t20/team-b", "t25/team-a", "t25/team-b", "t215/team-a", "t215/team-b"])
      expect(k[key]).toMatchObject({ action: "create", applied: { ok: true } });
    const posts = writes(from);
    expect(posts.map((e) => e.method)).toEqual(Array(7).fill("POST"));
    const shownBodies = shown.filter((r) => r.action === "create").map((r) => r.body);
    for (const p of posts) {
      const sent = p.requestBody as { targets: { auth_header?: string }[] };
      expect(sent.targets[0].auth_header).toBe(SECRET);
      const masked = JSON.stringify({ ...sent, targets: sent.targets.map((t) => ({ ...t, auth_header: "[stored]" })) }, null, 2);
      expect(shownBodies).toContain(masked);
    }
    const audits = await db.auditEvent.findMany({
      where: { action: "webhook.template.apply.create", targetType: "webhook", targetName: { contains: `fleet-tpl-ci-${suffix}` } },
    });
    expect(audits).toHaveLength(7);
    expect(await db.auditEvent.count({ where: { action: "webhook.template.apply.create" } })).toBe(auditFrom + 7);
    expect(auditText(audits)).not.toContain(SECRET);
  });

  it("re-apply is idempotent: everything unchanged, no Harbor write", async () => {
    const version = (await getTemplate(templateId))!.version;
    const from = sim.exchanges.length;
    const rows = (
      await Promise.all(["t110", "t20", "t25", "t215"].map((s) => applyTemplateToInstance({ ...ctx, id: templateId, instanceId: ids[s], version })))
    ).flat();
    expect(rows.filter((r) => r.action !== "cannot").every((r) => r.action === "unchanged" && r.applied === null)).toBe(true);
    expect(writes(from)).toEqual([]);
  });

  it("a managed policy changed in Harbor shows as an update with the difference, and re-applying restores it", async () => {
    await withInstanceClient(ids.t215, async (client) => {
      const list = await listWebhookPolicies({ client, project: "team-a" });
      if (!list.ok) expect.fail(list.error.message);
      const mine = list.value.find((p) => p.name === `fleet-tpl-ci-${suffix}`)!;
      const r = await updateWebhookPolicy({ client, project: "team-a", policyId: mine.id, changes: { enabled: false, eventTypes: ["PUSH_ARTIFACT"] } });
      expect(r.ok).toBe(true);
    });
    const k = byKey((await dryRunTemplate({ id: templateId })).rows);
    expect(k["t215/team-a"]).toMatchObject({
      action: "update",
      changes: [
        { field: "enabled", from: "false", to: "true" },
        { field: "events", from: "PUSH_ARTIFACT", to: "PUSH_ARTIFACT, QUOTA_EXCEED" },
      ],
    });
    expect(k["t215/team-b"].action).toBe("unchanged");
    const from = sim.exchanges.length;
    const rows = await applyTemplateToInstance({ ...ctx, id: templateId, instanceId: ids.t215, version: (await getTemplate(templateId))!.version });
    expect(byKey(rows)["t215/team-a"]).toMatchObject({ action: "update", applied: { ok: true } });
    expect(writes(from).map((e) => `${e.method} ${e.path}`)).toEqual([expect.stringMatching(/^PUT \/api\/v2.0\/projects\/\d+\/webhook\/policies\/\d+$/)]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "webhook.template.apply.update", targetName: { contains: "team-a" } },
      orderBy: { at: "desc" },
    });
    expect((audit.before as { enabled: boolean }).enabled).toBe(false);
    expect((audit.after as { enabled: boolean }).enabled).toBe(true);
  });

  it("refuses an apply based on an older version, and an instance the template does not select", async () => {
    const t = (await getTemplate(templateId))!;
    await expect(applyTemplateToInstance({ ...ctx, id: templateId, instanceId: ids.t215, version: t.version + 5 })).rejects.toMatchObject({ code: "conflict" });
    await expect(applyTemplateToInstance({ ...ctx, id: templateId, instanceId: ids.tprod, version: t.version })).rejects.toMatchObject({ code: "validation" });
  });

  it("an edit keeps the stored auth header when left empty, refuses a stale version, and a changed header is an update", async () => {
    const t = (await getTemplate(templateId))!;
    const keep = fields({
      description: "kept",
      targets: [
        { ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: "", original: { type: "http", address: "https://ci.example.com/hook" } },
      ],
    });
    const saved = await updateTemplate({ ...ctx, input: { ...keep, id: templateId, version: t.version } });
    expect(saved.version).toBe(t.version + 1);
    await expect(updateTemplate({ ...ctx, input: { ...keep, id: templateId, version: t.version } })).rejects.toMatchObject({ code: "conflict" });
    const k = byKey((await dryRunTemplate({ id: templateId })).rows);
    expect(k["t215/team-a"]).toMatchObject({ action: "update", changes: [{ field: "description", from: "CI for every team", to: "kept" }] });
    await updateTemplate({
      ...ctx,
      input: {
        ...fields({ targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: "Bearer rotated" }] }),
        id: templateId,
        version: saved.version,
      },
    });
    const k2 = byKey((await dryRunTemplate({ id: templateId })).rows);
    expect(k2["t25/team-a"].changes).toEqual([{ field: "target 1 auth header", from: "stored", to: "a different one" }]);
    const audits = await db.auditEvent.findMany({ where: { action: "webhook.template.update", targetId: templateId } });
    expect(auditText(audits)).not.toMatch(/rotated|tpl-it-s3cret/);
  });
});

describe("the contract", () => {
  it("every request the templates made matches the official spec of its version, and none carried a cookie", async () => {
    const { validated, problems } = await contractProblems(sim.exchanges);
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(50);
    expect(wireProblems(sim.exchanges)).toEqual([]);
  });
});
