/** The words a bundle's kind is said in, and which kind generates the shared keys (lib/config/lifecycle.ts). */
import { describe, expect, it } from "vitest";
import { bundleKindLine, generatesSharedKeys } from "@/lib/config/lifecycle";

describe("lifecycle words", () => {
  it("says which kind of bundle and why, in one line", () => {
    expect(bundleKindLine("running")).toBe("Reconfigure bundle: this instance is running; it keeps the keys on its hosts.");
    expect(bundleKindLine("planned")).toMatch(/^Install bundle: this instance is planned/);
    expect(generatesSharedKeys("running")).toBe(false);
    expect(generatesSharedKeys("planned")).toBe(true);
  });
});
