/** The Harbor client against the simulator: event types by version: the names each version knows, and the spelling a policy is sent in. Run by harbor-client.test.ts. */
import { describe, expect, it } from "vitest";
import { createWebhookPolicy, getSupportedEventTypes } from "@/lib/harbor";
import { client, failure, hook, ok, projectId, recorded } from "../../support/harbor-client-sim";

export function eventTypeTests(): void {
  describe("event types by version", () => {
    const names = async (version: string) => ok(version, await getSupportedEventTypes({ client: client(version), project: "library" })).eventTypes;

    it("1.x: camelCase names from the client's facts (no /events endpoint), mapped to the 2.x spelling", async () => {
      const { value: v110, ex } = await recorded("1.10.19", () => names("1.10.19"));
      expect(ex.some((e) => e.path.endsWith("/webhook/events"))).toBe(false);
      expect(v110.map((e) => e.name).sort()).toEqual([
        "deleteChart",
        "deleteImage",
        "downloadChart",
        "projectQuota",
        "pullImage",
        "pushImage",
        "scanningCompleted",
        "scanningFailed",
        "uploadChart",
      ]);
      expect(v110.find((e) => e.name === "pushImage")).toEqual({ name: "pushImage", canonical: "PUSH_ARTIFACT", label: "Artifact pushed" });
      expect(v110.find((e) => e.name === "projectQuota")?.canonical).toBe("QUOTA_EXCEED");
      expect((await names("1.9.4")).map((e) => e.name)).not.toContain("projectQuota");
    });

    it("2.x: the server's list, sorted by label; chart events gone from 2.8", async () => {
      const v20 = await names("2.0.0");
      expect(v20).toHaveLength(11);
      expect(v20.map((e) => e.label)).toEqual([...v20.map((e) => e.label)].sort((a, b) => a.localeCompare(b)));
      const v25 = (await names("2.5.6")).map((e) => e.name);
      expect(v25).toEqual(expect.arrayContaining(["UPLOAD_CHART", "TAG_RETENTION", "SCANNING_STOPPED"]));
      expect(v25).toHaveLength(13);
      const v28 = (await names("2.8.6")).map((e) => e.name);
      expect(v28).toHaveLength(10);
      expect(v28.filter((n) => n.includes("CHART"))).toEqual([]);
    });

    it("a policy's event types are sent in the version's spelling, whatever spelling the caller used", async () => {
      const old = await recorded("1.10.19", () =>
        createWebhookPolicy({
          client: client("1.10.19"),
          project: projectId("1.10.19", "spelling"),
          policy: hook("spell", { eventTypes: ["PUSH_ARTIFACT", "QUOTA_EXCEED", "scanningFailed"] }),
        }),
      );
      ok("1.x create", old.value);
      expect((old.ex.find((e) => e.method === "POST")!.requestBody as { event_types: string[] }).event_types).toEqual([
        "pushImage",
        "projectQuota",
        "scanningFailed",
      ]);
      const modern = await recorded("2.15.2", () =>
        createWebhookPolicy({ client: client("2.15.2"), project: "other", policy: hook("spell", { eventTypes: ["pushImage", "PULL_ARTIFACT"] }) }),
      );
      ok("2.x create", modern.value);
      expect((modern.ex.find((e) => e.method === "POST")!.requestBody as { event_types: string[] }).event_types).toEqual(["PUSH_ARTIFACT", "PULL_ARTIFACT"]);
      // a chart event has no 2.8+ counterpart: it is sent as given, Harbor rejects it, the client reports Harbor's reason
      const chart = failure(await createWebhookPolicy({ client: client("2.15.2"), project: "other", policy: hook("chart", { eventTypes: ["uploadChart"] }) }));
      expect(chart).toMatchObject({ kind: "unprocessable", status: 400, harborMessage: "unsupported event type uploadChart" });
      expect(chart.message).toContain('Harbor says: "unsupported event type uploadChart"');
    });
  });
}
