import crypto from "node:crypto";
import { promisify } from "node:util";
import * as z from "zod";
import type { SharedSecrets } from "../config/types";

/**
 * The values every Harbor node (or every chart replica) must share (docs/harbor/config.md §5, docs/harbor/helm.md §3.5), generated once per
 * instance and never re-randomised. Node-only (node:crypto); no "server-only" marker because the CLI imports it.
 *
 * The token key pair is RSA 4096 like Harbor's prepare (`openssl genrsa 4096`, PKCS#1 PEM); the certificate is a
 * self-signed X.509 v3 "CN=harbor-token-ca" valid 10 years, DER-encoded here since node:crypto cannot issue one.
 */

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RSA_BITS = 4096;
const VALID_YEARS = 10;

export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALNUM[crypto.randomInt(ALNUM.length)];
  return out;
}

const alnum = (n: number) => z.string().regex(new RegExp(`^[A-Za-z0-9]{${n}}$`), { error: `Must be exactly ${n} letters or digits` });

/** The stored / loaded form (the CLI's <topology>.secrets.yaml, the console's encrypted row). */
export const ZSharedSecrets = z.object({
  secretKey: alnum(16),
  csrfKey: alnum(32),
  coreSecret: alnum(16),
  jobserviceSecret: alnum(16),
  registrySecret: alnum(16),
  registryPassword: z.string().min(16).max(128),
  tokenKey: z.string().regex(/^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+-----END (RSA )?PRIVATE KEY-----\n?$/, { error: "A PEM private key" }),
  tokenCert: z.string().regex(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/, { error: "A PEM certificate" }),
}) satisfies z.ZodType<SharedSecrets>;

// --- minimal DER for one self-signed certificate ---
function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : (() => {
          const bytes: number[] = [];
          for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
          return Buffer.from([0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...p: Buffer[]) => der(0x30, ...p);
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z"; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2))) : der(0x18, Buffer.from(iso));
}
const SHA256_RSA = seq(oid("1.2.840.113549.1.1.11"), der(0x05));

function selfSignedCert(key: crypto.KeyObject, pub: crypto.KeyObject, commonName: string): string {
  const name = seq(der(0x31, seq(oid("2.5.4.3"), der(0x0c, Buffer.from(commonName)))));
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // positive INTEGER
  const now = new Date();
  const until = new Date(now);
  until.setUTCFullYear(now.getUTCFullYear() + VALID_YEARS);
  const basicConstraints = seq(oid("2.5.29.19"), der(0x01, Buffer.from([0xff])), der(0x04, seq(der(0x01, Buffer.from([0xff])))));
  const keyUsage = seq(oid("2.5.29.15"), der(0x01, Buffer.from([0xff])), der(0x04, der(0x03, Buffer.from([0x01, 0x86])))); // digitalSignature, keyCertSign, cRLSign
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_RSA,
    name,
    seq(time(now), time(until)),
    name,
    pub.export({ type: "spki", format: "der" }),
    der(0xa3, seq(basicConstraints, keyUsage)),
  );
  const signature = crypto.sign("sha256", tbs, key);
  const cert = seq(tbs, SHA256_RSA, der(0x03, Buffer.from([0]), signature));
  const b64 = cert
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

const generateKeyPair = promisify(crypto.generateKeyPair);

export async function generateSharedSecrets(): Promise<SharedSecrets> {
  const { privateKey, publicKey } = await generateKeyPair("rsa", { modulusLength: RSA_BITS });
  return {
    secretKey: randomAlphanumeric(16),
    csrfKey: randomAlphanumeric(32),
    coreSecret: randomAlphanumeric(16),
    jobserviceSecret: randomAlphanumeric(16),
    registrySecret: randomAlphanumeric(16),
    registryPassword: randomAlphanumeric(32),
    tokenKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    tokenCert: selfSignedCert(privateKey, publicKey, "harbor-token-ca"),
  };
}
