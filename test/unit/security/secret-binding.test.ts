import { describe, expect, it } from "vitest";
import { destinationKey, storedSecretRefusal } from "@/lib/security/secret-binding";

const stored = { baseUrl: "https://harbor.example.com/registry", caBundle: null, skipTlsVerify: false };

describe("a stored secret's binding to where it was saved", () => {
  it("follows the same destination however it is written", () => {
    expect(storedSecretRefusal(stored, { ...stored, baseUrl: "https://HARBOR.example.com:443/registry/" })).toBeNull();
    expect(destinationKey("https://h.example.com/")).toBe(destinationKey("https://h.example.com"));
  });

  it.each([
    ["another host", "https://attacker.example.com/registry"],
    ["another port", "https://harbor.example.com:8443/registry"],
    ["plain http", "http://harbor.example.com/registry"],
    ["another path", "https://harbor.example.com/other"],
    ["a longer path", "https://harbor.example.com/registry/x"],
    ["the path in another case", "https://harbor.example.com/Registry"],
    ["userinfo trick", "https://harbor.example.com@attacker.example.com/registry"],
  ])("does not follow %s", (_what, baseUrl) => {
    expect(storedSecretRefusal(stored, { ...stored, baseUrl })).toMatch(/URL changed/);
  });

  it("does not follow looser TLS trust, but does follow tighter", () => {
    expect(storedSecretRefusal(stored, { ...stored, skipTlsVerify: true })).toMatch(/verification/);
    expect(storedSecretRefusal(stored, { ...stored, caBundle: "-----BEGIN CERTIFICATE-----x" })).toMatch(/CA bundle/);
    const trusting = { ...stored, caBundle: "PEM", skipTlsVerify: true };
    expect(storedSecretRefusal(trusting, { ...trusting, caBundle: null, skipTlsVerify: false })).toBeNull();
    expect(storedSecretRefusal(trusting, { ...trusting, caBundle: " PEM\n" })).toBeNull();
  });
});

describe("the CA bundle check", () => {
  it("takes linear time on whitespace without an end marker (no backtracking blow-up)", async () => {
    const { pemBlocks } = await import("@/lib/schemas/instance");
    const started = performance.now();
    expect(pemBlocks(`-----BEGIN CERTIFICATE-----${" ".repeat(200_000)}`)).toBeNull();
    expect(pemBlocks(`-----BEGIN CERTIFICATE-----\n${" \n".repeat(50_000)}x`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(500);
    expect(pemBlocks("-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----")).toHaveLength(1);
    expect(pemBlocks("-----BEGIN CERTIFICATE-----\n \n-----END CERTIFICATE-----")).toBeNull();
  });
});
