import { describe, expect, it } from "vitest";
import { classifyRobotExpiry, expiryUrgency, storedRobotName } from "@/lib/harbor/robot-expiry";
import { getRobotExpiry } from "@/lib/harbor/robots";
import { fakeClient, known } from "./fake";

const robot = (over: Record<string, unknown> = {}) => ({
  id: 7,
  name: "robot$fleet",
  level: "system",
  editable: true,
  disable: false,
  expires_at: 1_900_000_000,
  duration: 30,
  ...over,
});

describe("robot expiry rules", () => {
  it("expires_at: unix seconds, -1 (or 0) = never; the disable flag is kept", () => {
    expect(classifyRobotExpiry({ expires_at: 1_900_000_000, disable: false })).toEqual({ kind: "expires", at: new Date(1_900_000_000_000), disabled: false });
    expect(classifyRobotExpiry({ expires_at: -1, disable: true })).toEqual({ kind: "never", disabled: true });
    expect(classifyRobotExpiry({ expires_at: 0 })).toEqual({ kind: "never", disabled: false });
  });

  it("the q filter matches the stored name, without the default robot$ prefix", () => {
    expect(storedRobotName("robot$fleet")).toBe("fleet");
    expect(storedRobotName("robot$team+ci")).toBe("team+ci");
    expect(storedRobotName("svc")).toBe("svc");
  });

  it("classifies urgency: expired, within 14 days, later — with days in words", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
    expect(expiryUrgency(at(5), now)).toEqual({ urgency: "soon", days: 5, relative: "in 5 days" });
    expect(expiryUrgency(at(4.999), now)).toMatchObject({ urgency: "soon", relative: "in 5 days" });
    expect(expiryUrgency(at(0.2), now)).toMatchObject({ urgency: "soon", relative: "in less than a day" });
    expect(expiryUrgency(at(13.9), now).urgency).toBe("soon");
    expect(expiryUrgency(at(14), now)).toMatchObject({ urgency: "ok", relative: "in 14 days" });
    expect(expiryUrgency(at(1), now).relative).toBe("in 1 day");
    expect(expiryUrgency(at(-3), now)).toEqual({ urgency: "expired", days: -3, relative: "3 days ago" });
    expect(expiryUrgency(at(-0.1), now)).toMatchObject({ urgency: "expired", relative: "today" });
    expect(expiryUrgency(now, now).urgency).toBe("expired");
  });
});

describe("getRobotExpiry", () => {
  it("asks GET /robots with an exact q on the stored name (no quotes) and parses the robot", async () => {
    const { client, calls } = fakeClient(() => ({ body: [robot()], headers: { "x-total-count": "1" } }), { known: known("v2.8", "2.11.2") });
    const r = await getRobotExpiry({ client, name: "robot$fleet" });
    expect(r.ok && r.value).toEqual({ kind: "expires", at: new Date(1_900_000_000_000), disabled: false });
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe("/api/v2.0/robots");
    // unquoted: Harbor keeps the quotes of an exact term as part of the value
    expect(calls[0].query).toEqual({ q: "name=fleet", page: "1", page_size: "10" });
  });

  it("never, and not found (no robot of that name listed)", async () => {
    const never = fakeClient(() => ({ body: [robot({ expires_at: -1, disable: true })] }), { known: known("v2.13", null) });
    expect(await getRobotExpiry({ client: never.client, name: "robot$fleet" })).toMatchObject({ ok: true, value: { kind: "never", disabled: true } });
    const none = fakeClient(() => ({ body: [] }), { known: known("v2.3", "2.5.6") });
    expect(await getRobotExpiry({ client: none.client, name: "robot$fleet" })).toMatchObject({ ok: true, value: { kind: "not_found" } });
  });

  it("403 → forbidden (the account may not list robots); a malformed robot → invalid_response", async () => {
    const denied = fakeClient(() => ({ status: 403, body: { errors: [{ code: "FORBIDDEN", message: "forbidden" }] } }), { known: known("v2.8", "2.11.2") });
    const r = await getRobotExpiry({ client: denied.client, name: "robot$fleet" });
    expect(!r.ok && r.error).toMatchObject({ kind: "forbidden", status: 403 });
    const bad = fakeClient(() => ({ body: [{ id: 1, name: "robot$fleet", expires_at: "soon" }] }), { known: known("v2.8", "2.11.2") });
    const b = await getRobotExpiry({ client: bad.client, name: "robot$fleet" });
    expect(!b.ok && b.error.kind).toBe("invalid_response");
  });

  it.each([
    ["v1", "1.10.19"],
    ["v2.0", "2.0.6"],
    ["v2.0", "2.1.5"],
  ] as const)("%s %s → unsupported_version without a request", async (g, v) => {
    const { client, calls } = fakeClient(() => ({ body: [] }), { known: known(g, v) });
    const r = await getRobotExpiry({ client, name: "robot$fleet" });
    expect(!r.ok && r.error).toMatchObject({ kind: "unsupported_version", requestId: "" });
    expect(calls).toHaveLength(0);
  });

  it("2.2 (generation v2.0) has robot accounts v2", async () => {
    const { client, calls } = fakeClient(() => ({ body: [robot()] }), { known: known("v2.0", "2.2.3") });
    expect((await getRobotExpiry({ client, name: "robot$fleet" })).ok).toBe(true);
    expect(calls[0].path).toBe("/api/v2.0/robots");
  });
});
