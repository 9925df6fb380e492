import { describe, expect, it } from "vitest";
import { getProject, listAllProjects, listProjects } from "@/lib/harbor/projects";
import { clampPageSize } from "@/lib/harbor/paging";
import { fakeClient, known, type FakeRequest } from "./fake";

const project = (id: number, name = `p${id}`) => ({ project_id: id, name, owner_id: 1, metadata: { public: "true" }, some_future_field: { x: 1 } });

describe("paging", () => {
  it("clamps page_size to 1…100 on 2.x and 1…500 on 1.x", () => {
    expect(clampPageSize(500, "v2.8")).toBe(100);
    expect(clampPageSize(500, "v2.0")).toBe(100);
    expect(clampPageSize(500, "v1")).toBe(500);
    expect(clampPageSize(9000, "v1")).toBe(500);
    expect(clampPageSize(0, "v2.8")).toBe(1);
    expect(clampPageSize(-3, "v2.8")).toBe(1);
    expect(clampPageSize(12.7, "v2.8")).toBe(12);
    expect(clampPageSize(undefined, "v2.8")).toBe(10);
    expect(clampPageSize(Number.NaN, "v2.8")).toBe(10);
  });

  it("sends the clamped page_size, the name search and no sort/q", async () => {
    const { client, calls } = fakeClient(() => ({ body: [project(1)], headers: { "x-total-count": "31" } }), { known: known("v2.8", "2.11.2") });
    const r = await listProjects({ client, page: 0, pageSize: 1000, name: "lib" });
    expect(calls[0].path).toBe("/api/v2.0/projects");
    expect(calls[0].query).toEqual({ page: "1", page_size: "100", name: "lib" });
    expect(r.ok && r.value).toMatchObject({ total: 31, page: 1, pageSize: 100 });
    expect(r.ok && r.value.items[0]).toMatchObject({ project_id: 1, name: "p1", some_future_field: { x: 1 } });
  });

  it("uses /api on 1.x", async () => {
    const { client, calls } = fakeClient(() => ({ body: [] }), { known: known("v1", "1.10.19") });
    await listProjects({ client, pageSize: 50, public: true });
    expect(calls[0].path).toBe("/api/projects");
    expect(calls[0].query).toEqual({ page: "1", page_size: "50", public: "true" });
  });
});

describe("listAllProjects", () => {
  it("follows X-Total-Count page by page at the largest page size", async () => {
    const all = Array.from({ length: 230 }, (_, i) => project(i + 1));
    const { client, calls } = fakeClient(
      (req) => {
        const page = Number(req.query.page);
        const size = Number(req.query.page_size);
        return { body: all.slice((page - 1) * size, page * size), headers: { "x-total-count": String(all.length) } };
      },
      { known: known("v2.8", "2.11.2") },
    );
    const r = await listAllProjects({ client });
    expect(r.ok && r.value.items.length).toBe(230);
    expect(r.ok && r.value.truncated).toBe(false);
    expect(calls.map((c) => c.query.page)).toEqual(["1", "2", "3"]);
    expect(calls.every((c) => c.query.page_size === "100")).toBe(true);
  });

  it("stops at maxItems and says so", async () => {
    const { client, calls } = fakeClient(
      (req) => ({ body: Array.from({ length: 100 }, (_, i) => project(Number(req.query.page) * 1000 + i)), headers: { "x-total-count": "100000" } }),
      {
        known: known("v2.8", "2.11.2"),
      },
    );
    const r = await listAllProjects({ client, maxItems: 250 });
    expect(r.ok && r.value).toMatchObject({ truncated: true, total: 100000 });
    expect(r.ok && r.value.items.length).toBe(250);
    expect(calls).toHaveLength(3);
  });

  it("without X-Total-Count stops at the first short page", async () => {
    const { client, calls } = fakeClient((req) => ({ body: req.query.page === "1" ? Array.from({ length: 500 }, (_, i) => project(i + 1)) : [project(999)] }), {
      known: known("v1", "1.9.4"),
    });
    const r = await listAllProjects({ client });
    expect(r.ok && r.value.items.length).toBe(501);
    expect(calls).toHaveLength(2);
  });
});

describe("getProject", () => {
  it("by id: numeric path, no X-Is-Resource-Name", async () => {
    const { client, calls } = fakeClient(() => ({ body: project(7) }), { known: known("v2.3", "2.5.6") });
    const r = await getProject({ client, project: 7 });
    expect(r.ok && r.value.project_id).toBe(7);
    expect(calls[0].path).toBe("/api/v2.0/projects/7");
    expect(calls[0].headers["x-is-resource-name"]).toBeUndefined();
  });

  it("by name on 2.3+: the name in the path and X-Is-Resource-Name: true (a numeric-looking name stays a name)", async () => {
    const { client, calls } = fakeClient(() => ({ body: project(3, "2024") }), { known: known("v2.8", "2.11.2") });
    await getProject({ client, project: "2024" });
    expect(calls[0].path).toBe("/api/v2.0/projects/2024");
    expect(calls[0].headers["x-is-resource-name"]).toBe("true");
  });

  it("by name before 2.3: resolved through the list (exact match over the fuzzy filter), never a name in the path", async () => {
    const { client, calls } = fakeClient(() => ({ body: [project(1, "library-old"), project(2, "library")] }), { known: known("v2.0", "2.0.0") });
    const r = await getProject({ client, project: "library" });
    expect(r.ok && r.value.project_id).toBe(2);
    expect(calls.map((c: FakeRequest) => c.path)).toEqual(["/api/v2.0/projects"]);
    expect(calls[0].query).toMatchObject({ name: "library" });
    expect(calls[0].headers["x-is-resource-name"]).toBeUndefined();
    const missing = await getProject({ client, project: "nope" });
    expect(!missing.ok && missing.error.kind).toBe("not_found");
  });

  it("1.x path is /api/projects/{id}; 403 for a project one may not see", async () => {
    const { client, calls } = fakeClient(() => ({ status: 403, raw: true, body: '{"code":403,"message":"forbidden"}' }), { known: known("v1", "1.10.19") });
    const r = await getProject({ client, project: 9 });
    expect(calls[0].path).toBe("/api/projects/9");
    expect(!r.ok && r.error.kind).toBe("forbidden");
    expect(!r.ok && r.error.harborMessage).toBe("forbidden");
  });

  it("throws on a nonsensical reference (programmer error)", async () => {
    const { client } = fakeClient(() => ({ body: {} }), { known: known("v2.8") });
    await expect(getProject({ client, project: 0 })).rejects.toThrow();
    await expect(getProject({ client, project: "" })).rejects.toThrow();
  });
});

describe("zod boundary", () => {
  it("missing required fields → invalid_response naming the field, not its value", async () => {
    const { client } = fakeClient(() => ({ body: [{ name: "no-id" }] }), { known: known("v2.8") });
    const r = await listProjects({ client });
    expect(!r.ok && r.error.kind).toBe("invalid_response");
    expect(!r.ok && r.error.message).toMatch(/0\.project_id/);
  });

  it("a wrong type → invalid_response; null lists become []", async () => {
    const bad = fakeClient(() => ({ body: { project_id: "7", name: "x" } }), { known: known("v2.8") });
    expect(((await getProject({ client: bad.client, project: 7 })) as { ok: boolean }).ok).toBe(false);
    const nulls = fakeClient(() => ({ body: { project_id: 7, name: "x", current_user_role_ids: null, metadata: null } }), { known: known("v2.8") });
    const r = await getProject({ client: nulls.client, project: 7 });
    expect(r.ok && r.value.current_user_role_ids).toEqual([]);
  });
});
