import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call } from "@/test/harbor-sim/client";
import { startHarborSim, type HarborSim, type SimProject } from "@/test/harbor-sim";

const DEV = { username: "dev", password: "dev-Passw0rd" };
const OUTSIDER = { username: "outsider", password: "0utsider-pass" };
const BAD = { username: "admin", password: "nope" };

// p01…p25, odd ones public; dev is a member of p02.
const many: SimProject[] = Array.from({ length: 25 }, (_, i): SimProject => ({
  name: `p${String(i + 1).padStart(2, "0")}`,
  public: i % 2 === 0,
  repoCount: i,
  members: i === 1 ? { dev: "developer" } : {},
}));
const users = [{ ...ADMIN, sysadmin: true }, DEV, OUTSIDER];

let sim: HarborSim;
const url = (id: string) => sim.get(id).baseUrl;
const names = (body: unknown) => (body as { name: string }[]).map((p) => p.name);

beforeAll(async () => {
  sim = await startHarborSim({
    instances: [
      { id: "modern", version: "2.15.2", users, projects: many },
      { id: "v25", version: "2.5.6", users, projects: many },
      { id: "legacy", version: "2.0.6", users, projects: many },
      { id: "v1", version: "1.10.19", users, projects: many },
      { id: "named", version: "2.2.3", users, projects: [{ name: "library", public: true }, { name: "2024" }, { name: "secret", members: { dev: "guest" } }] },
    ],
  });
});
afterAll(() => sim?.stop());

describe("harbor-sim: GET /projects pagination", () => {
  it("2.3+: default page size 10, X-Total-Count and go-swagger Link headers", async () => {
    const first = await call(url("modern"), "/api/v2.0/projects", { auth: ADMIN });
    expect(first.status).toBe(200);
    expect(names(first.json)).toEqual(many.slice(0, 10).map((p) => p.name));
    expect(first.headers.get("x-total-count")).toBe("25");
    expect(first.headers.get("link")).toBe('</api/v2.0/projects?page=2&page_size=10>; rel="next"');
    const second = await call(url("modern"), "/api/v2.0/projects?page=2&page_size=10", { auth: ADMIN });
    expect(second.headers.get("link")).toBe('</api/v2.0/projects?page=1&page_size=10>; rel="prev" , </api/v2.0/projects?page=3&page_size=10>; rel="next"');
    const last = await call(url("modern"), "/api/v2.0/projects?page=3", { auth: ADMIN });
    expect(names(last.json)).toEqual(["p21", "p22", "p23", "p24", "p25"]);
    expect(last.headers.get("link")).toBe('</api/v2.0/projects?page=2&page_size=10>; rel="prev"');
  });

  it("2.3+: page_size above 100 is a 422 with the go-swagger message", async () => {
    for (const id of ["modern", "v25"]) {
      const r = await call(url(id), "/api/v2.0/projects?page_size=101", { auth: ADMIN });
      expect(r.status).toBe(422);
      expect(r.json).toEqual({
        errors: [{ code: "UNPROCESSABLE_ENTITY", message: "validation failure list:\npage_size in query should be less than or equal to 100" }],
      });
    }
    expect((await call(url("modern"), "/api/v2.0/projects?page_size=100", { auth: ADMIN })).status).toBe(200);
  });

  it("legacy (1.x, 2.0–2.2): default 500, clamped above 500, beego Link order", async () => {
    for (const [id, base] of [
      ["legacy", "/api/v2.0"],
      ["v1", "/api"],
    ]) {
      const all = await call(url(id), `${base}/projects?page_size=1000`, { auth: ADMIN });
      expect(all.status).toBe(200);
      expect(names(all.json)).toHaveLength(25);
      expect(all.headers.get("link")).toBeNull();
      expect(names((await call(url(id), `${base}/projects`, { auth: ADMIN })).json)).toHaveLength(25);
      const mid = await call(url(id), `${base}/projects?page=2&page_size=10`, { auth: ADMIN });
      expect(mid.headers.get("x-total-count")).toBe("25");
      expect(mid.headers.get("link")).toBe(`<${base}/projects?page=3&page_size=10>; rel="next", <${base}/projects?page=1&page_size=10>; rel="prev"`);
      expect((await call(url(id), `${base}/projects?page=abc`, { auth: ADMIN })).status).toBe(400);
    }
  });
});

describe("harbor-sim: GET /projects filters and visibility", () => {
  it("matches name fuzzily, filters public, keeps other params in Link", async () => {
    const fuzzy = await call(url("modern"), "/api/v2.0/projects?name=p1&page_size=5", { auth: ADMIN });
    expect(fuzzy.headers.get("x-total-count")).toBe("10");
    expect(fuzzy.headers.get("link")).toBe('</api/v2.0/projects?name=p1&page=2&page_size=5>; rel="next"');
    const pub = await call(url("modern"), "/api/v2.0/projects?public=false&page_size=100", { auth: ADMIN });
    expect(names(pub.json)).toHaveLength(12);
    const exact = await call(url("modern"), `/api/v2.0/projects?q=${encodeURIComponent("name=p05")}`, { auth: ADMIN });
    expect(names(exact.json)).toEqual(["p05"]);
  });

  it("shows anonymous and bad-credential callers public projects only; members also see theirs", async () => {
    for (const auth of [undefined, BAD]) {
      const r = await call(url("modern"), "/api/v2.0/projects?page_size=100", { auth });
      expect(r.status).toBe(200);
      expect(r.headers.get("x-total-count")).toBe("13");
      expect((r.json as { metadata: { public: string } }[]).every((p) => p.metadata.public === "true")).toBe(true);
    }
    const dev = await call(url("modern"), "/api/v2.0/projects?page_size=100", { auth: DEV });
    expect(names(dev.json)).toContain("p02");
    expect(dev.headers.get("x-total-count")).toBe("14");
  });

  it("shapes projects per version: int ids, string metadata, chart_count to 2.7, whitelist before 2.1", async () => {
    const modern = (await call(url("modern"), "/api/v2.0/projects?name=p02", { auth: DEV })).json as Record<string, unknown>[];
    expect(modern[0]).toMatchObject({
      project_id: 2,
      name: "p02",
      owner_name: "admin",
      repo_count: 1,
      current_user_role_id: 2,
      current_user_role_ids: [2],
      metadata: { public: "false" },
    });
    expect(modern[0]).not.toHaveProperty("chart_count");
    expect(modern[0]).toHaveProperty("cve_allowlist");
    const v25 = (await call(url("v25"), "/api/v2.0/projects?name=p01", { auth: ADMIN })).json as Record<string, unknown>[];
    expect(v25[0]).toMatchObject({ chart_count: 0, repo_count: 0 });
    const v1 = (await call(url("v1"), "/api/projects?name=p01", { auth: ADMIN })).json as Record<string, unknown>[];
    expect(v1[0]).toHaveProperty("cve_whitelist");
    expect(v1[0]).toMatchObject({ deleted: false, metadata: { public: "true" } });
  });
});

describe("harbor-sim: GET /projects/{id}", () => {
  it("1.x and 2.0–2.1 route numeric ids only", async () => {
    expect((await call(url("v1"), "/api/projects/1", { auth: ADMIN })).json).toMatchObject({ project_id: 1, name: "p01" });
    expect((await call(url("v1"), "/api/projects/p01", { auth: ADMIN })).status).toBe(404);
    expect((await call(url("legacy"), "/api/v2.0/projects/p01", { auth: ADMIN })).status).toBe(404);
    expect((await call(url("legacy"), "/api/v2.0/projects/3", { auth: ADMIN })).status).toBe(200);
  });

  it("2.2+ take a name or an id; X-Is-Resource-Name forces the name", async () => {
    expect((await call(url("named"), "/api/v2.0/projects/library", { auth: ADMIN })).json).toMatchObject({ project_id: 1 });
    expect((await call(url("named"), "/api/v2.0/projects/2024", { auth: ADMIN })).status).toBe(404);
    const byName = await call(url("named"), "/api/v2.0/projects/2024", { auth: ADMIN, headers: { "x-is-resource-name": "true" } });
    expect(byName.json).toMatchObject({ project_id: 2, name: "2024" });
  });

  it("answers 401 anonymous, 403 non-members and missing projects for non-admins, 404 admins", async () => {
    expect((await call(url("named"), "/api/v2.0/projects/1")).status).toBe(200);
    expect((await call(url("named"), "/api/v2.0/projects/3")).status).toBe(401);
    expect((await call(url("named"), "/api/v2.0/projects/3", { auth: DEV })).status).toBe(200);
    expect((await call(url("named"), "/api/v2.0/projects/3", { auth: OUTSIDER })).status).toBe(403);
    expect((await call(url("named"), "/api/v2.0/projects/99", { auth: OUTSIDER })).status).toBe(403);
    const missing = await call(url("named"), "/api/v2.0/projects/99", { auth: ADMIN });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ errors: [{ code: "NOT_FOUND", message: expect.stringContaining("99") }] });
  });

  it("HEAD /projects?project_name= tells whether a name exists", async () => {
    expect((await call(url("modern"), "/api/v2.0/projects?project_name=p07", { method: "HEAD" })).status).toBe(200);
    expect((await call(url("modern"), "/api/v2.0/projects?project_name=nope", { method: "HEAD" })).status).toBe(404);
  });
});
