import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/security/safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/instances?environment=production", "/instances?environment=production"],
    ["/audit#top", "/audit#top"],
    ["/a/../users", "/users"],
  ])("keeps the on-site path %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each(["//evil.com", "/\\evil.com", "/\\/evil.com", "https://evil.com/x", "javascript:alert(1)", "/%09/evil.com"])(
    "sends %s home instead of off-site",
    (raw) => {
      const out = safeCallbackPath(raw);
      expect(new URL(out, "https://console.example.com").origin).toBe("https://console.example.com");
    },
  );

  it("defaults to / when there is nothing", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });
});
