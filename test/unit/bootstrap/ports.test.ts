/** portFree / freePort (lib/bootstrap/embedded-postgres.ts): what the console uses to find and check its ports. */
import net from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, portFree } from "@/lib/bootstrap/embedded-postgres";
import { close, listen } from "../../support/embedded-postgres-fakes";

describe("portFree / freePort", () => {
  it("freePort returns a port in the dynamic range that portFree reports as free", async () => {
    const port = await freePort();
    expect(Number.isInteger(port)).toBe(true);
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    expect(await portFree(port)).toBe(true);
  });

  it("a port held by a net server is not free, and is free again once closed", async () => {
    const srv = await listen();
    const { port } = srv.address() as net.AddressInfo;
    expect(await portFree(port)).toBe(false);
    await close(srv);
    expect(await portFree(port)).toBe(true);
  });

  it("portFree releases the port it probed", async () => {
    const port = await freePort();
    expect(await portFree(port)).toBe(true);
    expect(await portFree(port)).toBe(true);
  });
});
