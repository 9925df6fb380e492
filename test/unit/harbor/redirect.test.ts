/**
 * Issue #14 finding 6: a 3xx (or an error body larger than the client reads) must come back as a typed failure
 * without leaving an errored response stream behind: undici's body, destroyed with no 'error' listener, used to
 * surface as `uncaughtException: Request aborted` in the console (and crash `npm run probe`).
 */
import http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarborClient } from "@/lib/harbor/transport";

let server: http.Server;
let origin = "";
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const status = Number(req.url?.match(/^\/(\d{3})/)?.[1] ?? 404);
    if (status === 500) {
      // a big error body with its length declared: more than the client reads of an error answer
      res.writeHead(500, { "content-type": "text/plain", "content-length": String(200 * 1024) });
      res.end("x".repeat(200 * 1024));
      return;
    }
    res.writeHead(status, { location: "https://elsewhere.example/api/version", "content-type": "text/html" });
    res.end(`<html><body>${"moved ".repeat(2000)}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  uncaught.length = 0;
  process.on("uncaughtException", onUncaught);
});
afterEach(() => {
  process.off("uncaughtException", onUncaught);
});

const settle = () => new Promise((r) => setTimeout(r, 150)); // an abort error of a destroyed body would surface here

describe("3xx and oversized error answers leave no stream error behind", () => {
  it.each([301, 302, 307, 308])("HTTP %i → invalid_response, no uncaught exception", async (status) => {
    const client = createHarborClient({ baseUrl: `${origin}/${status}`, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] } });
    const r = await client.send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error).toMatchObject({ kind: "invalid_response", status });
    expect(!r.ok && r.error.message).toMatch(/redirect .*does not follow redirects/);
    // a second call on the same pool still works (the connection was not left in a broken state)
    const again = await client.send({ method: "GET", path: "/api/version" });
    expect(!again.ok && again.error.status).toBe(status);
    await settle();
    expect(uncaught).toEqual([]);
    await client.close();
  });

  it("an error body larger than the client reads → still the status failure, no uncaught exception", async () => {
    const client = createHarborClient({ baseUrl: `${origin}/500`, maxRetries: 0, outbound: { allow: ["127.0.0.0/8"] } });
    const r = await client.send({ method: "GET", path: "/api/version" });
    expect(!r.ok && r.error).toMatchObject({ kind: "server_error", status: 500 });
    await settle();
    expect(uncaught).toEqual([]);
    await client.close();
  });
});
