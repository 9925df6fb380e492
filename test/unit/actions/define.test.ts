/** The one way to write a server action (lib/actions/define.ts): role first, then the input, then the body. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "zod";

vi.mock("@/lib/auth", () => import("../../support/mock-auth"));
import { session } from "../../support/mock-auth";
import { action } from "@/lib/actions/define";
import { AppError } from "@/lib/errors";

const operator = { id: "00000000-0000-4000-8000-000000000001", email: "op@example.com", role: "operator" as const, mustChangePassword: false };

describe("action()", () => {
  const body = vi.fn(async (input: { name: string }, ctx: { actor: { email: string }; requestId: string }) => ({
    saved: input.name,
    by: ctx.actor.email,
    rid: ctx.requestId,
  }));
  const save = action("save", "operator", z.object({ name: z.string().min(1, "Name it") }), body);
  beforeEach(() => {
    body.mockClear();
    session.user = operator;
  });

  it("runs the body with the parsed input, the actor and the request id, and wraps what it returns", async () => {
    expect(await save({ name: "a", extra: "dropped" })).toEqual({ data: { saved: "a", by: "op@example.com", rid: "test-request" } });
    expect(body.mock.calls[0][0]).toEqual({ name: "a" });
  });

  it("refuses a weaker role before it looks at the input, and never runs the body", async () => {
    session.user = { ...operator, role: "viewer" };
    expect(await save({ name: "" })).toEqual({ serverError: "This needs the operator role; you are a viewer.", code: "forbidden" });
    session.user = null;
    expect(await save({ name: "a" })).toMatchObject({ code: "unauthorized" });
    expect(body).not.toHaveBeenCalled();
  });

  it("reports a refused input per field and never runs the body", async () => {
    expect(await save({ name: "" })).toEqual({ validationErrors: { name: ["Name it"] }, message: "Some fields need attention." });
    expect(body).not.toHaveBeenCalled();
  });

  it("takes a report of its own for a refused input", async () => {
    const custom = action("custom", "operator", z.object({ rows: z.array(z.string().min(2, "Too short")) }), async () => 1, {
      invalid: (e) => ({ validationErrors: Object.fromEntries(e.issues.map((i) => [i.path.join("."), [i.message]])) }),
    });
    expect(await custom({ rows: ["ok", "x"] })).toEqual({ validationErrors: { "rows.1": ["Too short"] } });
  });

  it("turns an AppError into its message and anything else into a generic error naming the request", async () => {
    const refused = action("refused", "operator", null, async () => {
      throw new AppError("conflict", "Someone changed this meanwhile.");
    });
    expect(await refused()).toEqual({ serverError: "Someone changed this meanwhile.", code: "conflict" });
    const broken = action("broken", "operator", null, async () => {
      throw new Error("db password is hunter2");
    });
    const out = await broken();
    expect(out).toMatchObject({ code: "internal" });
    expect(JSON.stringify(out)).not.toContain("hunter2");
    expect(JSON.stringify(out)).toContain("test-request");
  });

  it('"signed-in" admits any user, also one who must still choose a password, and no one signed out', async () => {
    const mine = action("mine", "signed-in", null, async (_, { user }) => user.email);
    session.user = { ...operator, role: "viewer", mustChangePassword: true };
    expect(await mine()).toEqual({ data: "op@example.com" });
    session.user = null;
    expect(await mine()).toMatchObject({ code: "unauthorized" });
  });

  it("refuses a user who must still choose a password for a role action", async () => {
    session.user = { ...operator, mustChangePassword: true };
    expect(await save({ name: "a" })).toMatchObject({ code: "forbidden" });
    expect(body).not.toHaveBeenCalled();
  });
});
