import { describe, expect, it } from "vitest";
import { dummyHash, generatePassword, hashPassword, verifyPassword } from "@/lib/security/password";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id and verifies the right password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(stored).toContain("m=19456,t=2,p=1");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
  });

  it("salts: the same password hashes differently each time, both verify", async () => {
    const [a, b] = await Promise.all([hashPassword("same-password"), hashPassword("same-password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same-password")).toBe(true);
    expect(await verifyPassword(b, "same-password")).toBe(true);
  });

  it("rejects a wrong password, including a case change or trailing space", async () => {
    const stored = await hashPassword("Secret-Password-1");
    expect(await verifyPassword(stored, "secret-password-1")).toBe(false);
    expect(await verifyPassword(stored, "Secret-Password-1 ")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("returns false (does not throw) for a garbage or empty stored hash", async () => {
    await expect(verifyPassword("not-a-hash", "whatever")).resolves.toBe(false);
    await expect(verifyPassword("", "whatever")).resolves.toBe(false);
    await expect(verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "whatever")).resolves.toBe(false);
  });

  it("dummyHash is an argon2id hash, memoised, and matches no ordinary password", async () => {
    const a = await dummyHash();
    const b = await dummyHash();
    expect(a).toBe(b);
    expect(a.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(a, "")).toBe(false);
    expect(await verifyPassword(a, "password")).toBe(false);
  });
});

describe("generatePassword", () => {
  it("is 20 characters by default and honours a requested length", () => {
    expect(generatePassword()).toHaveLength(20);
    expect(generatePassword(32)).toHaveLength(32);
    expect(generatePassword(1)).toHaveLength(1);
  });

  it("only uses the unambiguous alphabet (no 0, O, 1, l, I)", () => {
    const sample = Array.from({ length: 50 }, () => generatePassword(40)).join("");
    for (const ch of sample) expect(ALPHABET).toContain(ch);
    expect(sample).not.toMatch(/[0O1lI]/);
  });

  it("produces distinct passwords", () => {
    const set = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(set.size).toBe(200);
  });

  it("draws from most of the alphabet over many samples", () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword(50)).join(""));
    expect(seen.size).toBeGreaterThan(ALPHABET.length - 3);
  });
});
