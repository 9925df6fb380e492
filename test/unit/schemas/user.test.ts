import { describe, expect, it } from "vitest";
import * as z from "zod";
import { hasRole, PASSWORD_MIN, ROLES, ZLoginInput, ZPasswordChangeInput, ZUserCreateInput, type TRole } from "@/lib/schemas/user";

function fieldErrors(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) return {} as Record<string, string[] | undefined>;
  return z.flattenError(r.error).fieldErrors as Record<string, string[] | undefined>;
}

describe("ZLoginInput", () => {
  it("trims and lowercases the email", () => {
    expect(ZLoginInput.parse({ email: "  Alice@Example.COM ", password: "pw" }).email).toBe("alice@example.com");
  });

  it("accepts internal hosts such as admin@localhost", () => {
    expect(ZLoginInput.parse({ email: "admin@localhost", password: "pw" }).email).toBe("admin@localhost");
  });

  it("does not trim or alter the password", () => {
    expect(ZLoginInput.parse({ email: "a@b", password: "  Pw  " }).password).toBe("  Pw  ");
  });

  it("rejects malformed emails", () => {
    for (const email of ["alice", "alice@", "@example.com", "a b@example.com", "a@b@c"]) {
      expect(fieldErrors(ZLoginInput, { email, password: "pw" }).email, email).toEqual(["Enter a valid email address"]);
    }
  });

  it("asks for an email and a password when empty", () => {
    const errs = fieldErrors(ZLoginInput, { email: "   ", password: "" });
    expect(errs.email?.[0]).toBe("Enter your email address");
    expect(errs.password).toEqual(["Enter your password"]);
  });

  it("limits email to 254 characters", () => {
    const email = `${"a".repeat(250)}@b.c`; // 254
    expect(ZLoginInput.safeParse({ email, password: "pw" }).success).toBe(true);
    expect(fieldErrors(ZLoginInput, { email: `a${email}`, password: "pw" }).email).toContain("At most 254 characters");
  });
});

describe("ZUserCreateInput", () => {
  it("normalises the email, defaults the name and requires a known role", () => {
    expect(ZUserCreateInput.parse({ email: " Ops@Corp ", role: "operator" })).toEqual({ email: "ops@corp", name: "", role: "operator" });
    expect(fieldErrors(ZUserCreateInput, { email: "ops@corp", role: "root" }).role).toEqual(["Choose a role"]);
  });
});

describe("ZPasswordChangeInput", () => {
  const ok = { current: "old-password-123", next: "new-password-456", confirm: "new-password-456" };

  it("accepts a valid change", () => {
    expect(ZPasswordChangeInput.safeParse(ok).success).toBe(true);
  });

  it(`requires at least ${PASSWORD_MIN} characters for the new password`, () => {
    expect(PASSWORD_MIN).toBe(12);
    const eleven = "a".repeat(11);
    expect(fieldErrors(ZPasswordChangeInput, { ...ok, next: eleven, confirm: eleven }).next).toEqual(["At least 12 characters"]);
    const twelve = "a".repeat(12);
    expect(ZPasswordChangeInput.safeParse({ ...ok, next: twelve, confirm: twelve }).success).toBe(true);
  });

  it("reports a confirm mismatch on the confirm path", () => {
    const errs = fieldErrors(ZPasswordChangeInput, { ...ok, confirm: "new-password-457" });
    expect(errs.confirm).toEqual(["The two passwords differ"]);
    expect(errs.next).toBeUndefined();
  });

  it("reports reusing the current password on the next path", () => {
    const errs = fieldErrors(ZPasswordChangeInput, { current: ok.current, next: ok.current, confirm: ok.current });
    expect(errs.next).toEqual(["Choose a password different from the current one"]);
    expect(errs.confirm).toBeUndefined();
  });

  it("requires the current password", () => {
    expect(fieldErrors(ZPasswordChangeInput, { ...ok, current: "" }).current).toEqual(["Enter your current password"]);
  });

  it("limits the new password to 1024 characters", () => {
    const long = "x".repeat(1025);
    expect(fieldErrors(ZPasswordChangeInput, { ...ok, next: long, confirm: long }).next).toContain("At most 1024 characters");
  });
});

describe("hasRole", () => {
  const table: [TRole, TRole, boolean][] = [
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["admin", "viewer", true],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ];
  it.each(table)("%s needing %s → %s", (role, needed, expected) => {
    expect(hasRole({ role }, needed)).toBe(expected);
  });

  it("lists roles from least to most privileged", () => {
    expect(ROLES).toEqual(["viewer", "operator", "admin"]);
  });
});
