/**
 * TLS material, generated once per simulator: a CA and one server certificate for 127.0.0.1/localhost/::1
 * that every TLS instance reuses. EC P-256 keeps generation in the tens of milliseconds. Clients trust it
 * only with the CA (the "self-signed Harbor" case).
 */
import { generate } from "selfsigned";

export interface SimTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY = 86_400_000;

export async function createSimTls(): Promise<SimTls> {
  const notBeforeDate = new Date(Date.now() - DAY);
  const notAfterDate = new Date(Date.now() + 825 * DAY);
  const common = { keyType: "ec" as const, curve: "P-256" as const, algorithm: "sha256", notBeforeDate, notAfterDate };
  const ca = await generate(
    [
      { name: "commonName", value: "Harbor Simulator CA" },
      { name: "organizationName", value: "Harbor Fleet Console tests" },
    ],
    {
      ...common,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
  );
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
