import { describe, expect, it } from "vitest";
import { checkCredential } from "@/lib/fleet/collector/credential-check";
import { parseQ } from "../../harbor-sim/http";
import { fakeClient, known } from "./fake";

const robot = { id: 7, name: "robot$fleet", level: "system", editable: true, disable: false, expires_at: 1_900_000_000, duration: 30 };

describe("credential check", () => {
  it("a robot on 2.3+ (412) gets its expiry from the robot list", async () => {
    const { client } = fakeClient(
      (r) => (r.path.endsWith("/users/current") ? { status: 412, body: { errors: [{ code: "PRECONDITION", message: "robot" }] } } : { body: [robot] }),
      { known: known("v2.8", "2.11.2") },
    );
    expect(await checkCredential(client, "robot$fleet")).toMatchObject({ kind: "robot", robotExpiry: "expires", robotExpiresAt: new Date(1_900_000_000_000) });
  });

  it("a check that fails on the way still records its time (kind unknown), so it is not repeated every minute", async () => {
    const { client, calls } = fakeClient(() => ({ status: 503, body: { errors: [{ code: "UNKNOWN", message: "down" }] } }), { known: known("v2.8", "2.11.2") });
    const r = await checkCredential(client, "robot$fleet");
    expect(r.kind).toBeNull();
    expect(r.checkedAt).toBeInstanceOf(Date);
    expect(calls.length).toBeGreaterThan(0);
  });

  it("on 2.0–2.2 a 500 means robot only for a robot$ name (a user's 500 is a server fault)", async () => {
    const five = () => ({ status: 500, body: { errors: [{ code: "UNKNOWN", message: "internal" }] } });
    const user = fakeClient(five, { known: known("v2.0", "2.1.6") });
    expect((await checkCredential(user.client, "alice")).kind).toBeNull();
    const bot = fakeClient(five, { known: known("v2.0", "2.1.6") });
    expect((await checkCredential(bot.client, "robot$fleet")).kind).toBe("robot");
  });
});

describe("simulator q parsing, as Harbor's", () => {
  it("keeps the quotes of an exact or fuzzy value (Harbor strips them in ranges and lists only)", () => {
    expect(parseQ('name="fleet"')).toEqual([{ key: "name", kind: "exact", values: ['"fleet"'] }]);
    expect(parseQ("name=fleet")).toEqual([{ key: "name", kind: "exact", values: ["fleet"] }]);
    expect(parseQ('name=~"fl"')?.[0].values).toEqual(['"fl"']);
  });
});
