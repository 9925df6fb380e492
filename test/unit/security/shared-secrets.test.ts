import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SharedSecrets } from "@/lib/config/types";
import { generateSharedSecrets, ZSharedSecrets } from "@/lib/security/shared-secrets";

let a: SharedSecrets;
let b: SharedSecrets;

beforeAll(async () => {
  [a, b] = await Promise.all([generateSharedSecrets(), generateSharedSecrets()]);
}, 60_000);

describe("generateSharedSecrets", () => {
  it("has the lengths and alphabet Harbor and the chart require", () => {
    expect(a.secretKey).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.csrfKey).toMatch(/^[A-Za-z0-9]{32}$/);
    for (const s of [a.coreSecret, a.jobserviceSecret, a.registrySecret]) expect(s).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.registryPassword.length).toBeGreaterThanOrEqual(16);
    expect(ZSharedSecrets.safeParse(a).success).toBe(true);
  });

  it("issues a self-signed harbor-token-ca certificate for the RSA 4096 token key", () => {
    const cert = new crypto.X509Certificate(a.tokenCert);
    const key = crypto.createPrivateKey(a.tokenKey);
    expect(cert.checkPrivateKey(key)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toBe("CN=harbor-token-ca");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(new Date(cert.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * 24 * 3600 * 1000);
    expect(cert.checkPrivateKey(crypto.createPrivateKey(b.tokenKey))).toBe(false);
  });

  it("differs on every call", () => {
    for (const k of Object.keys(a) as (keyof SharedSecrets)[]) expect(a[k]).not.toBe(b[k]);
  });

  it("the stored form rejects wrong lengths", () => {
    expect(ZSharedSecrets.safeParse({ ...a, csrfKey: "short" }).success).toBe(false);
    expect(ZSharedSecrets.safeParse({ ...a, secretKey: "a".repeat(17) }).success).toBe(false);
    expect(ZSharedSecrets.safeParse({ ...a, tokenCert: "not a pem" }).success).toBe(false);
  });
});
