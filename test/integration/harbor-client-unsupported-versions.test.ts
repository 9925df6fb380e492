/**
 * Harbor versions the client does not support: the simulator refuses to play them, and a tiny fake Harbor that
 * claims them gets a typed unsupported_version failure, for detection, calls and the connection report.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarborClient, detectVersion, getHealth, type HarborClient, testConnection } from "@/lib/harbor";
import { startHarborSim } from "@/test/harbor-sim";
import { ADMIN, failed, FAST } from "../support/harbor-fault-client";

const clients: HarborClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

describe("unsupported versions", () => {
  it("the simulator itself refuses versions outside 1.9–2.x", async () => {
    await expect(startHarborSim({ instances: [{ id: "x", version: "3.0.0" }] })).rejects.toThrow(/unsupported Harbor version "3\.0\.0"/);
    await expect(startHarborSim({ instances: [{ id: "x", version: "1.8.0" }] })).rejects.toThrow(/unsupported Harbor version "1\.8\.0"/);
  });

  describe("a tiny fake Harbor", () => {
    /** answers per mode: what /api/version and systeminfo say */
    let mode: "api-v3" | "harbor-v3" | "harbor-v1.8" = "api-v3";
    let server: http.Server;
    let base = "";
    const requests: string[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (req.url === "/api/version") {
          if (mode === "harbor-v1.8") return send(404, { code: 404, message: "not found" });
          return send(200, { version: mode === "api-v3" ? "v3.0" : "v2.0" });
        }
        if (req.url === "/api/v2.0/systeminfo" && mode === "harbor-v3") return send(200, { harbor_version: "v3.1.0-abcdef12", auth_mode: "db_auth" });
        if (req.url === "/api/systeminfo" && mode === "harbor-v1.8") return send(200, { harbor_version: "v1.8.6-1f5ae9f0", auth_mode: "db_auth" });
        return send(404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const fake = () => {
      const c = createHarborClient({ baseUrl: base, credentials: ADMIN, ...FAST });
      clients.push(c);
      return c;
    };

    it('/api/version {"version":"v3.0"} → unsupported_version, nothing else asked', async () => {
      mode = "api-v3";
      requests.length = 0;
      const e = failed(await detectVersion({ client: fake() }), "unsupported_version");
      expect(e.message).toMatch(/speaks API v3\.0, which the console does not know/);
      expect(requests).toEqual(["GET /api/version"]);
    });

    it("systeminfo harbor_version v3.1.0-abcdef12 → unsupported_version, for detection, calls and the report", async () => {
      mode = "harbor-v3";
      const e = failed(await detectVersion({ client: fake() }), "unsupported_version");
      expect(e.message).toMatch(/reports version v3\.1\.0-abcdef12, which is not a version the console supports/);
      failed(await getHealth({ client: fake() }), "unsupported_version");
      const report = await testConnection({ client: fake() });
      expect(report).toMatchObject({ ok: false, reachable: true, generation: null, version: null, error: { kind: "unsupported_version" } });
      expect(report.checks.find((c) => c.label === "Version")).toMatchObject({ status: "failed", detail: e.message });
    });

    it("1.x answering harbor_version v1.8.6 → unsupported_version (older than 1.9)", async () => {
      mode = "harbor-v1.8";
      expect(failed(await detectVersion({ client: fake() }), "unsupported_version").message).toMatch(/v1\.8\.6-1f5ae9f0, which is older than 1\.9/);
    });
  });
});
