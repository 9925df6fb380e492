import { describe, expect, it } from "vitest";
import { maskDatabaseUrl } from "@/lib/bootstrap/mask-url";

describe("maskDatabaseUrl", () => {
  it("replaces the password with ****, keeping user, host, port and database", () => {
    expect(maskDatabaseUrl("postgresql://hfc:Sup3rS3cret@db.internal:5432/console?sslmode=require")).toBe(
      "postgresql://hfc:****@db.internal:5432/console?sslmode=require",
    );
  });

  it("masks percent-encoded passwords and passwords containing @", () => {
    const masked = maskDatabaseUrl("postgres://u:p%40ss%2Fword@host/db");
    expect(masked).toBe("postgres://u:****@host/db");
    const at = maskDatabaseUrl("postgres://u:p@ss@host/db");
    expect(at).not.toContain("p@ss");
    expect(at).not.toMatch(/:p|ss@/);
  });

  it("leaves a URL without a password unchanged", () => {
    for (const url of ["postgresql://hfc@localhost:5432/console", "postgresql://localhost/console", "postgres://db.internal:6543/x?sslmode=disable"]) {
      expect(maskDatabaseUrl(url)).toBe(url);
    }
  });

  it("still masks the password of a string that URL cannot parse", () => {
    const raw = "postgresql://hfc:Sup3rS3cret@db.internal:notaport/console";
    expect(() => new URL(raw)).toThrow();
    expect(maskDatabaseUrl(raw)).toBe("postgresql://hfc:****@db.internal:notaport/console");
  });

  it("does not leak part of an unparsable URL's password that contains @", () => {
    const raw = "postgresql://hfc:pa@ss@db.internal:notaport/console";
    expect(() => new URL(raw)).toThrow();
    const masked = maskDatabaseUrl(raw);
    expect(masked).not.toContain("ss@");
    expect(masked).toBe("postgresql://hfc:****@db.internal:notaport/console");
  });

  it("returns an unparsable string without credentials unchanged", () => {
    expect(maskDatabaseUrl("not a url")).toBe("not a url");
  });
});
