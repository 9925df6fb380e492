/** The Harbor client against the simulator: webhook policies by version: one per project on 1.x, name uniqueness, whole-policy updates, payload formats. Run by harbor-client.test.ts. */
import { describe, expect, it } from "vitest";
import { createWebhookPolicy, getWebhookPolicy, listWebhookPolicies, updateWebhookPolicy } from "@/lib/harbor";
import { client, failure, hook, knownClient, ok, projectId, recorded } from "../../support/harbor-client-sim";

export function webhookPolicyTests(): void {
  describe("webhook policies by version", () => {
    it("1.x allows one policy per project: the client refuses a second one before sending it", async () => {
      const c = client("1.10.19");
      const lonely = projectId("1.10.19", "lonely");
      ok("first", await createWebhookPolicy({ client: c, project: lonely, policy: hook("one") }));
      const { value, ex } = await recorded("1.10.19", () => createWebhookPolicy({ client: c, project: lonely, policy: hook("two") }));
      const e = failure(value);
      expect(e.kind).toBe("conflict");
      expect(e.message).toMatch(/one webhook policy per project.*"one"/);
      expect(ex.map((x) => x.method)).toEqual(["GET"]); // the list, no POST
    });

    it("1.x: two concurrent creates → one policy; the other is a typed failure (client refusal or Harbor's 500)", async () => {
      const c = client("1.9.4");
      const race = projectId("1.9.4", "race");
      const results = await Promise.all([
        createWebhookPolicy({ client: c, project: race, policy: hook("a") }),
        createWebhookPolicy({ client: c, project: race, policy: hook("b") }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const e = failure(results.find((r) => !r.ok)!);
      if (e.kind === "server_error") {
        expect(e.status).toBe(500);
        expect(e.message).toMatch(/duplicate policy name|one webhook policy/i);
      } else {
        expect(e.kind).toBe("conflict");
      }
      expect(ok("list", await listWebhookPolicies({ client: c, project: race }))).toHaveLength(1);
    });

    it("2.0: policy names are unique across projects (Harbor 500, hinted); 2.1+ only within a project", async () => {
      const c = client("2.0.0");
      ok("first", await createWebhookPolicy({ client: c, project: projectId("2.0.0", "library"), policy: hook("global-name") }));
      const e = failure(await createWebhookPolicy({ client: c, project: projectId("2.0.0", "other"), policy: hook("global-name") }));
      expect(e).toMatchObject({ kind: "server_error", status: 500, harborMessage: "internal server error" });
      expect(e.message).toMatch(/duplicate policy name/);
      const d = client("2.5.6");
      ok("2.5 first", await createWebhookPolicy({ client: d, project: "library", policy: hook("global-name") }));
      ok("2.5 other project", await createWebhookPolicy({ client: d, project: "other", policy: hook("global-name") }));
    });

    it.each(["2.2.3", "2.5.6", "2.15.2"])("%s: a duplicate name in a project → conflict with Harbor's message (POST and PUT)", async (version) => {
      const c = client(version);
      const team = projectId(version, "team");
      ok("first", await createWebhookPolicy({ client: c, project: team, policy: hook("dup") }));
      const e = failure(await createWebhookPolicy({ client: c, project: team, policy: hook("dup") }));
      expect(e).toMatchObject({ kind: "conflict", status: 409, harborMessage: "notification policy named dup already exists" });
      expect(e.message).toContain("notification policy named dup already exists");
      const second = ok("second", await createWebhookPolicy({ client: c, project: team, policy: hook("dup-2") }));
      const put = failure(await updateWebhookPolicy({ client: c, project: team, policyId: second.id, changes: { name: "dup" } }));
      expect(put).toMatchObject({ kind: "conflict", status: 409 });
    });

    it.each(["1.10.19", "2.0.0", "2.5.6", "2.8.6", "2.15.2"])(
      "%s: an update is GET → modify → PUT of the whole policy, keeping what it does not change",
      async (version) => {
        const c = client(version);
        const project = projectId(version, "other");
        const { id } = ok("create", await createWebhookPolicy({ client: c, project, policy: hook(`keep-${version}`, { description: "keep me" }) }));
        const before = ok("get", await getWebhookPolicy({ client: c, project, policyId: id }));
        expect(before).toMatchObject({ enabled: true, description: "keep me", creator: "admin" });
        const { value, ex } = await recorded(version, () =>
          updateWebhookPolicy({ client: c, project, policyId: id, changes: { eventTypes: ["PULL_ARTIFACT"] } }),
        );
        ok("update", value);
        const put = ex.find((e) => e.method === "PUT")!;
        expect(put.requestBody).toMatchObject({ enabled: true, creator: "admin", description: "keep me", creation_time: before.creation_time });
        const after = ok("get after", await getWebhookPolicy({ client: c, project, policyId: id }));
        expect(after).toMatchObject({ enabled: true, description: "keep me", creator: "admin", creation_time: before.creation_time, name: `keep-${version}` });
        expect(after.event_types).toEqual([version.startsWith("1.") ? "pullImage" : "PULL_ARTIFACT"]);
        expect(after.targets[0].auth_header).toBe("Bearer s3cret");
        // Disabling changes only `enabled`.
        ok("disable", await updateWebhookPolicy({ client: c, project, policyId: id, changes: { enabled: false } }));
        expect(ok("get disabled", await getWebhookPolicy({ client: c, project, policyId: id }))).toMatchObject({
          enabled: false,
          description: "keep me",
          creator: "admin",
        });
        // An edit based on a stale read is refused without a PUT.
        const stale = await recorded(version, () =>
          updateWebhookPolicy({ client: c, project, policyId: id, changes: { enabled: true }, ifUpdateTime: "2000-01-01T00:00:00Z" }),
        );
        expect(failure(stale.value).kind).toBe("conflict");
        expect(stale.ex.map((e) => e.method)).toEqual(["GET"]);
      },
    );

    it.each(["2.5.6", "2.7.4"])("%s: CloudEvents is refused before anything is sent (Harbor < 2.8 would silently send Default)", async (version) => {
      const c = knownClient(version);
      const cloud = hook("ce", { targets: [{ type: "http", address: "https://hooks.example.com/ce", payloadFormat: "CloudEvents" }] });
      const { value, ex } = await recorded(version, () => createWebhookPolicy({ client: c, project: "team", policy: cloud }));
      expect(failure(value)).toMatchObject({ kind: "unsupported_version", requestId: "", message: expect.stringMatching(/CloudEvents needs Harbor 2\.8/) });
      expect(ex).toEqual([]);
      // Default is accepted, and payload_format is not sent at all.
      const def = await recorded(version, () =>
        createWebhookPolicy({
          client: c,
          project: "team",
          policy: hook("default-fmt", { targets: [{ type: "http", address: "https://hooks.example.com/d", payloadFormat: "Default" }] }),
        }),
      );
      ok("default", def.value);
      const post = def.ex.find((e) => e.method === "POST")!;
      expect((post.requestBody as { targets: object[] }).targets[0]).not.toHaveProperty("payload_format");
    });

    it.each(["2.8.6", "2.15.2"])("%s: CloudEvents is sent, stored, and kept by updates", async (version) => {
      const c = client(version);
      const cloud = hook("ce", { targets: [{ type: "http", address: "https://hooks.example.com/ce", payloadFormat: "CloudEvents" }] });
      const { value, ex } = await recorded(version, () => createWebhookPolicy({ client: c, project: "team", policy: cloud }));
      const { id } = ok("create", value);
      expect((ex.find((e) => e.method === "POST")!.requestBody as { targets: { payload_format?: string }[] }).targets[0].payload_format).toBe("CloudEvents");
      expect(ok("get", await getWebhookPolicy({ client: c, project: "team", policyId: id })).targets[0].payload_format).toBe("CloudEvents");
      ok(
        "update",
        await updateWebhookPolicy({
          client: c,
          project: "team",
          policyId: id,
          changes: { description: "x", targets: [{ type: "http", address: "https://hooks.example.com/ce2" }] },
        }),
      );
      const after = ok("get after", await getWebhookPolicy({ client: c, project: "team", policyId: id }));
      expect(after.targets[0]).toMatchObject({ address: "https://hooks.example.com/ce2", payload_format: "CloudEvents" });
      // an http target created without a format is stored as Default
      const plain = ok("plain", await createWebhookPolicy({ client: c, project: "team", policy: hook("plain") }));
      expect(ok("get plain", await getWebhookPolicy({ client: c, project: "team", policyId: plain.id })).targets[0].payload_format).toBe("Default");
    });

    it("slack targets never carry a payload format; 1.x has no slack at all", async () => {
      const c = knownClient("2.8.6");
      const slackCe = await recorded("2.8.6", () =>
        createWebhookPolicy({
          client: c,
          project: "other",
          policy: hook("slack-ce", { targets: [{ type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "CloudEvents" }] }),
        }),
      );
      expect(failure(slackCe.value)).toMatchObject({
        kind: "unprocessable",
        requestId: "",
        message: expect.stringMatching(/Slack targets have no payload format/),
      });
      expect(slackCe.ex).toEqual([]);
      const slack = await recorded("2.8.6", () =>
        createWebhookPolicy({
          client: c,
          project: "other",
          policy: hook("slack-default", { targets: [{ type: "slack", address: "https://hooks.slack.com/x", payloadFormat: "Default" }] }),
        }),
      );
      const { id } = ok("slack default", slack.value);
      expect((slack.ex.find((e) => e.method === "POST")!.requestBody as { targets: object[] }).targets[0]).not.toHaveProperty("payload_format");
      const got = ok("get slack", await getWebhookPolicy({ client: c, project: "other", policyId: id }));
      expect(got.targets[0]).toMatchObject({ type: "slack" });
      expect(got.targets[0].payload_format ?? null).toBeNull();
      const old = await recorded("1.10.19", () =>
        createWebhookPolicy({
          client: knownClient("1.10.19"),
          project: projectId("1.10.19", "spelling"),
          policy: hook("slack", { targets: [{ type: "slack", address: "https://hooks.slack.com/x" }] }),
        }),
      );
      expect(failure(old.value)).toMatchObject({ kind: "unsupported_version", requestId: "" });
      expect(old.ex).toEqual([]);
    });
  });
}
