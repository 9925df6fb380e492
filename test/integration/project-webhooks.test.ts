/**
 * Project webhooks through the console's domain (lib/fleet/webhooks) against the simulator, one instance per spec
 * tag: the Projects tab, a project's policies with what its version offers, create / edit / enable-disable / delete
 * with Harbor's refusals at the field, delivery history, and the audit trail (auth header masked). Every request the
 * console made is then checked against the official spec of its version, and none carried a cookie.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProjectWebhook, deleteProjectWebhook, setProjectWebhookEnabled, updateProjectWebhook } from "@/lib/fleet/webhooks/changes";
import { getPolicyHistory } from "@/lib/fleet/webhooks/history";
import { getProjectWebhooks } from "@/lib/fleet/webhooks/policies";
import { listInstanceProjects } from "@/lib/fleet/webhooks/projects";
import { webhookEventTypes } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";
import { EMPTY_TARGET } from "@/lib/schemas/webhook";
import { contractProblems, wireProblems } from "../support/harbor-exchanges";
import { ctx, ids, policyInput, refusal, SECRET, setUpProjectWebhookSim, simExchanges, suffix, VERSIONS } from "../support/project-webhooks-sim";
import { testDeliveryTests } from "./project-webhooks/test-delivery";

setUpProjectWebhookSim();

describe.each(VERSIONS)("Harbor %s", (version) => {
  const v = parseHarborVersion(version)!;
  const v1 = v.major === 1;
  const execs = v.major === 2 && v.minor >= 8;
  const push = v1 ? "pushImage" : "PUSH_ARTIFACT";
  const pull = v1 ? "pullImage" : "PULL_ARTIFACT";

  it("lists projects a page at a time, searchable, with visibility, repositories and webhook counts", async () => {
    const first = await listInstanceProjects({ instanceId: ids[version], params: {} });
    if (!first.ok) expect.fail(first.error);
    expect(first.total).toBe(32);
    expect(first.items).toHaveLength(25);
    expect(first.pageCount).toBe(2);
    const library = first.items.find((p) => p.name === "library")!;
    expect(library).toMatchObject({ public: true, repoCount: 3, webhookCount: 1 });
    expect(first.items.find((p) => p.name === "2024")).toMatchObject({ public: false, repoCount: 7, webhookCount: 0 });
    const second = await listInstanceProjects({ instanceId: ids[version], params: { page: 2 } });
    if (!second.ok) expect.fail(second.error);
    expect(second.items).toHaveLength(7);
    const search = await listInstanceProjects({ instanceId: ids[version], params: { q: "proj-1" } });
    if (!search.ok) expect.fail(search.error);
    expect(search.items.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `proj-1${i}`));
  });

  it("creates, edits, disables and deletes a policy on a project named like a number, audited with the auth header masked", async () => {
    const instanceId = ids[version];
    const page = await getProjectWebhooks({ instanceId, project: "2024" });
    if (!page.ok) expect.fail(page.error);
    const c = page.capabilities;
    expect(c.eventTypes.map((e) => e.name).sort()).toEqual(
      webhookEventTypes(v)
        .filter((e) => !(execs && /CHART/.test(e)))
        .sort(),
    );
    expect(c.notifyTypes).toEqual(v1 ? ["http"] : ["http", "slack"]);
    expect(c.payloadFormats.http).toEqual(execs ? ["Default", "CloudEvents"] : []);
    expect(c.onePolicyPerProject).toBe(v1);
    expect(c.namesGlobal).toBe(version.startsWith("2.0."));
    expect(page.policies).toEqual([]);

    // An event this version lacks: refused at the field, naming the event and the version.
    const missing = v1 ? "PUSH_ARTIFACT" : execs ? "UPLOAD_CHART" : "pushImage";
    const bad = await refusal(createProjectWebhook({ ...ctx, input: policyInput(instanceId, { eventTypes: [missing] }) }));
    expect(bad.fieldErrors?.eventTypes?.[0]).toContain(missing);
    expect(bad.fieldErrors?.eventTypes?.[0]).toContain(`Harbor ${version}`);
    if (!execs && !v1) {
      const ce = await refusal(
        createProjectWebhook({
          ...ctx,
          input: policyInput(instanceId, {
            eventTypes: [push],
            targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", payloadFormat: "CloudEvents" }],
          }),
        }),
      );
      expect(ce.fieldErrors?.["targets.0.payloadFormat"]?.[0]).toMatch(/CloudEvents needs Harbor 2\.8/);
    }

    const auditFrom = await db.auditEvent.count();
    const created = await createProjectWebhook({
      ...ctx,
      input: policyInput(instanceId, {
        eventTypes: [push, pull],
        targets: [{ ...EMPTY_TARGET, address: "https://ci.example.com/hook", authHeader: SECRET, ...(execs ? { payloadFormat: "CloudEvents" as const } : {}) }],
      }),
    });
    expect(created.id).toBeGreaterThan(0);

    // A second one: a duplicate name is a field error from 2.1 (409); 1.x allows one policy per project.
    const dup = await refusal(createProjectWebhook({ ...ctx, input: policyInput(instanceId, { eventTypes: [push] }) }));
    if (v1) expect(dup.message).toMatch(/one webhook policy per project/);
    else expect(dup.fieldErrors?.name?.[0]).toBeTruthy();

    const listed = await getProjectWebhooks({ instanceId, project: "2024" });
    if (!listed.ok) expect.fail(listed.error);
    expect(JSON.stringify(listed)).not.toContain("s3cret");
    const dto = listed.policies.find((p) => p.id === created.id)!;
    expect(dto).toMatchObject({ name: "ci-push", enabled: true, creator: "admin" });
    expect(dto.targets[0]).toMatchObject({ address: "https://ci.example.com/hook", authHeaderSet: true, payloadFormat: execs ? "CloudEvents" : null });

    // The stored auth header never follows the target to a new address: left empty there, the edit is refused at the field.
    const original = { type: "http", address: "https://ci.example.com/hook" };
    const edit = (address: string) => ({
      ...policyInput(instanceId, { eventTypes: [push], description: "edited" }),
      targets: [{ ...EMPTY_TARGET, address, authHeader: "", original }],
      policyId: created.id,
      updateTime: dto.updateTime,
    });
    const moved = await refusal(updateProjectWebhook({ ...ctx, input: edit("https://ci.example.com/hook2") }));
    expect(moved.code).toBe("validation");
    expect(moved.fieldErrors).toEqual({ "targets.0.authHeader": ["The address changed: type the auth header again, or clear it."] });
    // Edit with the auth header left empty at the same address: Harbor keeps it (GET-modify-PUT of the whole policy).
    await updateProjectWebhook({ ...ctx, input: edit("https://ci.example.com/hook") });
    const edited = await getProjectWebhooks({ instanceId, project: "2024" });
    if (!edited.ok) expect.fail(edited.error);
    const e = edited.policies[0];
    expect(e).toMatchObject({ description: "edited", enabled: true, creator: "admin" });
    expect(e.eventTypes.map((x) => x.name)).toEqual([push]);
    expect(e.targets[0]).toMatchObject({ address: "https://ci.example.com/hook", authHeaderSet: true });

    // A change based on an old copy is refused instead of overwriting the newer one.
    if (e.updateTime !== dto.updateTime) {
      const stale = await refusal(
        setProjectWebhookEnabled({ ...ctx, input: { instanceId, project: "2024", policyId: created.id, enabled: false, updateTime: dto.updateTime } }),
      );
      expect(stale.code).toBe("conflict");
    }
    await setProjectWebhookEnabled({ ...ctx, input: { instanceId, project: "2024", policyId: created.id, enabled: false, updateTime: e.updateTime } });
    const disabled = await getProjectWebhooks({ instanceId, project: "2024" });
    expect(disabled.ok && disabled.policies[0].enabled).toBe(false);

    // Delivery history: executions → tasks → log from 2.8, jobs and last triggers before.
    const h = await getPolicyHistory({ instanceId, project: "2024", policyId: created.id });
    if (!h.ok) expect.fail(h.error);
    expect(h.kind).toBe(execs ? "executions" : "jobs");
    expect(h.rows.length).toBeGreaterThan(0);
    expect(h.rows.some((r) => r.ok === false)).toBe(true);
    if (execs) {
      const failed = h.rows.find((r) => r.ok === false)!;
      expect(failed.httpStatus).toBe(503);
      const withTask = await getPolicyHistory({ instanceId, project: "2024", policyId: created.id, execution: failed.id });
      const task = withTask.ok ? withTask.tasks!.rows[0] : expect.fail("no tasks");
      const withLog = await getPolicyHistory({ instanceId, project: "2024", policyId: created.id, execution: failed.id, task: task.id });
      expect(withLog.ok && withLog.log?.text).toMatch(/http status code 503/);
    } else {
      expect(h.lastTriggers.length).toBeGreaterThan(0);
    }

    await deleteProjectWebhook({ ...ctx, input: { instanceId, project: "2024", policyId: created.id, name: "ci-push" } });
    const gone = await getProjectWebhooks({ instanceId, project: "2024" });
    expect(gone.ok && gone.policies).toEqual([]);

    const audit = await db.auditEvent.findMany({ where: { targetType: "webhook", targetId: instanceId }, orderBy: { id: "asc" }, skip: 0 });
    const mine = audit.filter((a) => Number(a.id) > auditFrom);
    expect(mine.map((a) => a.action)).toEqual(["webhook.create", "webhook.update", "webhook.disable", "webhook.delete"]);
    expect(mine[0].targetName).toBe(`wh-${version}-${suffix} / 2024 / ci-push`);
    expect(JSON.stringify(mine.map(({ before, after }) => ({ before, after })))).not.toContain("s3cret");
    expect((mine[1].before as { targets: { authHeader: string }[] }).targets[0].authHeader).toBe("********");
    expect((mine[1].after as { description: string }).description).toBe("edited");
    expect((mine[2].after as { enabled: boolean }).enabled).toBe(false);
  });
});

// One simulator for all the suites: the contract test at the end checks every exchange they caused.
testDeliveryTests();

describe("faults", () => {
  it("a rejected credential is 'authentication failed', never an empty project list", async () => {
    const r = await listInstanceProjects({ instanceId: ids.badcred, params: {} });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Authentication failed/);
  });

  it("a project that does not exist is reported, not shown as having no policies", async () => {
    const r = await getProjectWebhooks({ instanceId: ids["2.15.2"], project: "no-such-project" });
    expect(r.ok).toBe(false);
  });
});

describe("the contract", () => {
  it("every request the console made matches the official spec of its version, and none carried a cookie", async () => {
    const { validated, problems } = await contractProblems(simExchanges());
    expect(problems).toEqual([]);
    expect(validated).toBeGreaterThan(VERSIONS.length * 40);
    expect(wireProblems(simExchanges())).toEqual([]);
    // Numeric-looking project names went out as names (2.3+ webhook routes, 2.2+ project routes), never as ids.
    const byName = simExchanges().filter((e) => /\/projects\/2024(\/|$)/.test(e.path));
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((e) => e.requestHeaders["x-is-resource-name"] === "true")).toBe(true);
  });
});
