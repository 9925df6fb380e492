/** The Harbor client against the simulator: projects: pagination, addressing by name, permissions and missing projects. Run by harbor-client.test.ts. */
import { describe, expect, it } from "vitest";
import { createWebhookPolicy, detectVersion, getProject, listAllProjects, listProjects, listWebhookPolicies } from "@/lib/harbor";
import { client, DEV, failure, hook, MANY, ok, OUT, projectId, recorded, WRONG } from "../../support/harbor-client-sim";

export function projectTests(): void {
  describe("projects: pagination and addressing", () => {
    it.each([
      { id: "many-2.15", pageSize: "100", requests: 3 },
      { id: "many-2.2", pageSize: "100", requests: 3 },
      { id: "many-1.10", pageSize: "500", requests: 1 },
    ])("$id: listAllProjects over $requests page(s) of page_size $pageSize", async ({ id, pageSize, requests }) => {
      const c = client(id);
      ok("detect", await detectVersion({ client: c }));
      const { value, ex } = await recorded(id, () => listAllProjects({ client: c }));
      const all = ok("listAllProjects", value);
      expect(all.items).toHaveLength(MANY);
      expect(new Set(all.items.map((p) => p.project_id)).size).toBe(MANY);
      expect(all).toMatchObject({ total: MANY, truncated: false });
      expect(ex.map((e) => e.query)).toEqual(Array.from({ length: requests }, (_, i) => ({ page: String(i + 1), page_size: pageSize })));
      expect(ex.every((e) => e.status === 200)).toBe(true);
    });

    it("page sizes above Harbor 2.x's maximum are clamped to 100 (no 422); maxItems bounds listAllProjects", async () => {
      const c = client("many-2.15");
      const { value, ex } = await recorded("many-2.15", () => listProjects({ client: c, page: 2, pageSize: 1000 }));
      expect(ok("page", value)).toMatchObject({ page: 2, pageSize: 100, total: MANY });
      expect(ex.at(-1)!.query).toEqual({ page: "2", page_size: "100" });
      const bounded = ok("bounded", await listAllProjects({ client: c, maxItems: 150 }));
      expect(bounded).toMatchObject({ truncated: true, total: MANY });
      expect(bounded.items).toHaveLength(150);
    });

    it("names are URL-encoded, and a numeric-looking name is addressed as a name", async () => {
      const c = client("2.15.2");
      const search = await recorded("2.15.2", () => listProjects({ client: c, name: "a&b=c d/é" }));
      expect(ok("search", search.value).items).toEqual([]);
      expect(search.ex[search.ex.length - 1].query.name).toBe("a&b=c d/é");
      const byName = await recorded("2.15.2", () => getProject({ client: c, project: "2024" }));
      expect(ok("2024", byName.value)).toMatchObject({ name: "2024", project_id: projectId("2.15.2", "2024") });
      expect(byName.ex[0]).toMatchObject({ path: "/api/v2.0/projects/2024", requestHeaders: expect.objectContaining({ "x-is-resource-name": "true" }) });
      expect(failure(await getProject({ client: c, project: 2024 })).kind).toBe("not_found");
      const slash = await recorded("2.15.2", () => getProject({ client: c, project: "no/such" }));
      expect(failure(slash.value)).toMatchObject({ kind: "not_found", status: 404 });
      expect(slash.ex[0].path).toBe("/api/v2.0/projects/no%2Fsuch");
      const dotted = ok("dotted", await listWebhookPolicies({ client: c, project: "my.team-a_b" }));
      expect(dotted).toEqual([]);
      // 1.x takes ids only: a name is resolved through the name filter first
      const old = await recorded("1.10.19", () => getProject({ client: client("1.10.19"), project: "2024" }));
      expect(ok("1.x 2024", old.value).name).toBe("2024");
      expect(old.ex.find((e) => e.path === "/api/projects")?.query).toMatchObject({ name: "2024" });
    });
  });

  describe("permissions and missing projects", () => {
    it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: a maintainer may list webhooks but not write them (forbidden)", async (version) => {
      const c = client(version, DEV);
      const team = projectId(version, "team");
      expect(ok("list", await listWebhookPolicies({ client: c, project: team }))).toEqual(expect.any(Array));
      const e = failure(await createWebhookPolicy({ client: c, project: team, policy: hook("by-dev") }));
      expect(e).toMatchObject({ kind: "forbidden", status: 403 });
      expect(e.message).toMatch(/lacks the permission/);
    });

    it.each(["1.10.19", "2.0.0", "2.5.6", "2.15.2"])("%s: a missing project is not_found for the admin, forbidden for others", async (version) => {
      expect(failure(await getProject({ client: client(version), project: 999 }))).toMatchObject({ kind: "not_found", status: 404 });
      expect(failure(await listWebhookPolicies({ client: client(version), project: 999 }))).toMatchObject({ kind: "not_found", status: 404 });
      expect(failure(await getProject({ client: client(version, OUT), project: 999 }))).toMatchObject({ kind: "forbidden", status: 403 });
      // a wrong credential on webhooks is a 401
      expect(failure(await listWebhookPolicies({ client: client(version, WRONG), project: 1 }))).toMatchObject({ kind: "unauthorized", status: 401 });
    });
  });
}
