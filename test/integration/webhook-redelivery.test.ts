/**
 * Redeliver from the failed-delivery inbox (issue #13): the console re-POSTs the body Harbor kept for a failed delivery
 * (docs/harbor/api.md §7.6) to the policy's target, with its auth header, through the test delivery's SSRF guard and
 * allow-list, marked as a redelivery and audited; where Harbor kept nothing it can resend, the inbox row says why.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { getSetting, updateSetting } from "@/lib/fleet/settings";
import { listFailedDeliveries } from "@/lib/fleet/webhooks/failed-deliveries";
import { REDELIVERY_HEADER, redeliverWebhookDelivery } from "@/lib/fleet/webhooks/redeliver";
import { startHarborSim, type HarborSim, type SimInstanceSpec } from "@/test/harbor-sim";
import { registerWebhookFleet } from "@/test/support/webhook-fleet";

const actor = { id: null, email: "webhook-redelivery@example.com" };
const suffix = Math.random().toString(36).slice(2, 7);
const SECRET = "Bearer s3cret-redelivery";

const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ url: req.url ?? "", headers: req.headers, body });
    res.writeHead(202, { "content-type": "text/plain" }).end("got it");
  });
});

let sim: HarborSim;
let hook = "";
const ids: Record<string, string> = {};

function fleet(): SimInstanceSpec[] {
  const http1 = (path: string, extra: Record<string, unknown> = {}) => ({ type: "http" as const, address: `${hook}/${path}`, authHeader: SECRET, ...extra });
  return [
    {
      id: "rd-110",
      version: "1.10.19",
      projects: [{ name: "platform" }],
      policies: [{ project: "platform", name: `ci-${suffix}`, eventTypes: ["pushImage"], targets: [http1("v110")] }],
    },
    {
      id: "rd-206",
      version: "2.0.6",
      projects: [{ name: "legacy" }],
      policies: [{ project: "legacy", name: `old-${suffix}`, eventTypes: ["PUSH_ARTIFACT"], targets: [http1("v206")] }],
    },
    {
      id: "rd-256",
      version: "2.5.6",
      projects: [{ name: "apps" }],
      policies: [
        { project: "apps", name: `ci-${suffix}`, eventTypes: ["PUSH_ARTIFACT"], targets: [http1("v256")] },
        {
          project: "apps",
          name: `chat-${suffix}`,
          eventTypes: ["PUSH_ARTIFACT"],
          targets: [{ type: "slack", address: "https://hooks.slack.com/services/T0/B0/tok" }],
        },
        { project: "apps", name: `twice-${suffix}`, eventTypes: ["PUSH_ARTIFACT"], targets: [http1("a"), http1("b")] },
      ],
    },
    {
      id: "rd-215",
      version: "2.15.2",
      projects: [{ name: "payments" }],
      policies: [
        { project: "payments", name: `ce-${suffix}`, eventTypes: ["PUSH_ARTIFACT"], targets: [http1("v215", { payloadFormat: "CloudEvents" })] },
        { project: "payments", name: `slack-${suffix}`, eventTypes: ["DELETE_ARTIFACT"], targets: [{ type: "slack", address: `${hook}/slack` }] },
      ],
    },
  ];
}

const rowOf = async (name: string) => {
  const rows = (await listFailedDeliveries({ policy: `${name}-${suffix}` }, { viewer: false })).rows;
  expect(rows.length).toBeGreaterThan(0);
  return rows[0];
};
const redeliver = (row: Awaited<ReturnType<typeof rowOf>>) =>
  redeliverWebhookDelivery({
    input: { instanceId: row.instanceId, project: row.projectName, policyId: row.policyId, jobId: row.jobId! },
    actor,
    requestId: "redelivery-test",
  });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );
const allow = async (value: string[]) =>
  updateSetting({
    key: "webhookTestAllowList",
    value,
    expectedUpdatedAt: (await getSetting("webhookTestAllowList")).updatedAt,
    actor,
    requestId: "redelivery-allow",
  });

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const specs = fleet();
  sim = await startHarborSim({ instances: specs });
  Object.assign(ids, await registerWebhookFleet(sim, specs, { prefix: "rd", suffix, actor, requestId: "webhook-redelivery-test", refresh: true }));
}, 60_000);
afterAll(async () => {
  await allow([]);
  await sim?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe("the inbox offers Redeliver where Harbor kept the body, and says why not elsewhere", () => {
  it("http on every generation and Slack from 2.8 are offered; Slack before 2.8 and a policy of two http targets are not", async () => {
    for (const name of ["ci", "old", "ce", "slack"]) expect(await rowOf(name)).toMatchObject({ redeliverBlocker: null, jobId: expect.any(Number) });
    expect((await rowOf("chat")).redeliverBlocker).toMatch(/Before 2\.8 Harbor keeps the event, not the Slack message/);
    expect((await rowOf("twice")).redeliverBlocker).toBe("The policy has 2 http targets and Harbor's record does not say which one this delivery went to.");
  });
});

describe("redeliver", () => {
  it("goes through the SSRF guard: a loopback receiver is refused until an admin allow-lists it", async () => {
    const before = seen.length;
    const r = await redeliver((await listFailedDeliveries({ instance: ids["rd-110"] }, { viewer: false })).rows[0]);
    expect(r).toMatchObject({ ok: false, refused: true, status: null });
    expect(r.error).toContain("Settings → Test deliveries");
    expect(seen.length).toBe(before);
  });

  it("re-POSTs the body Harbor kept, with the auth header and marked as a redelivery, on 1.10, 2.0, 2.5 and 2.15; audited", async () => {
    await allow(["127.0.0.1/32"]);
    const cases = [
      { instance: "rd-110", path: "/hook/v110", type: "application/json", body: { type: "pushImage", operator: "admin" } },
      { instance: "rd-206", path: "/hook/v206", type: "application/json", body: { type: "PUSH_ARTIFACT" } },
      { instance: "rd-256", path: "/hook/v256", type: "application/json", body: { type: "PUSH_ARTIFACT" } },
      {
        instance: "rd-215",
        path: "/hook/v215",
        type: "application/cloudevents+json",
        body: { specversion: "1.0", type: "harbor.artifact.pushed", source: expect.stringMatching(/^\/projects\/\d+\/webhook\/policies\/\d+$/) },
      },
    ];
    for (const c of cases) {
      const row = (
        await listFailedDeliveries(
          { instance: ids[c.instance], policy: `${c.instance === "rd-215" ? "ce" : c.instance === "rd-206" ? "old" : "ci"}-${suffix}` },
          { viewer: false },
        )
      ).rows[0];
      const r = await redeliver(row);
      expect(r, c.instance).toMatchObject({ ok: true, status: 202, excerpt: "got it", refused: false });
      const got = seen.at(-1)!;
      expect(got.url).toBe(c.path);
      expect(got.headers.authorization).toBe(SECRET);
      expect(got.headers["content-type"]).toBe(c.type);
      expect(got.headers[REDELIVERY_HEADER]).toBe(String(row.jobId));
      expect(got.headers["user-agent"]).toBe("harbor-fleet-console (redelivery)");
      expect(JSON.parse(got.body), c.instance).toMatchObject(c.body);
    }
    const audit = await db.auditEvent.findMany({ where: { action: "webhook.redeliver", targetId: { in: Object.values(ids) } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => (a.after as { ok: boolean }).ok)).toEqual([false, true, true, true, true]);
    expect(audit[1].after).toMatchObject({ redelivery: true, target: hook.replace(/^http:\/\/|\/hook$/g, ""), authHeader: "********", status: 202 });
    expect(audit[1].targetName).toBe(`rd-rd-110-${suffix} / platform / ci-${suffix}`);
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("s3cret");
  });

  it("2.8+ Slack: the message Harbor rendered, without an auth header (Harbor sends none to Slack)", async () => {
    const r = await redeliver(await rowOf("slack"));
    expect(r).toMatchObject({ ok: true, status: 202 });
    const got = seen.at(-1)!;
    expect(got.url).toBe("/hook/slack");
    expect(got.headers.authorization).toBeUndefined();
    expect(JSON.parse(got.body).blocks[1].text.text).toBe("*event_type:* DELETE_ARTIFACT");
  });

  it("refuses what cannot be resent, and a record Harbor no longer has, with the reason", async () => {
    const chat = await rowOf("chat");
    const before = seen.length;
    const slack = await refusal(redeliver(chat));
    expect(slack).toMatchObject({ code: "conflict", message: expect.stringMatching(/Before 2\.8/) });
    const twice = await refusal(redeliver(await rowOf("twice")));
    expect(twice?.message).toMatch(/2 http targets/);
    const gone = await refusal(
      redeliverWebhookDelivery({
        input: { instanceId: chat.instanceId, project: "apps", policyId: chat.policyId, jobId: 999_999 },
        actor,
        requestId: "redelivery-test",
      }),
    );
    expect(gone).toMatchObject({ code: "not_found", message: expect.stringContaining("Harbor no longer has delivery 999999") });
    expect(seen.length).toBe(before);
  });
});
