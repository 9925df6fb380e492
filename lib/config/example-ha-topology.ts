/**
 * The one three-node HA topology: docker-compose nodes harbor-1..3 behind a load balancer, external PostgreSQL,
 * Redis Sentinel and S3. The CLI's example, the demo fleet's compose HA instance and the test fixtures all start
 * here and state only what they change (their addresses, secrets and the values their tests look for).
 */
import type { TTopologyInput } from "../schemas/topology";

/** Each field optional, at every depth; arrays are replaced whole. */
export type HaTopologyChanges<T = TTopologyInput> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: HaTopologyChanges<T[K]> } : T;

/** harbor-1..3 at `${subnet}.11` … `.13`. */
export function haNodes(subnet: string): { name: string; address: string }[] {
  return [1, 2, 3].map((i) => ({ name: `harbor-${i}`, address: `${subnet}.${10 + i}` }));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `base` with `changes` laid over it: objects merge key by key, a key set to undefined is dropped (its default applies). */
function overlay(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = overlay(out[key], value);
    else out[key] = value;
  }
  return out;
}

/** The HA topology of `harborVersion` with `changes` laid over it (secrets are the caller's to give). */
export function exampleHaTopology(harborVersion: string, changes: HaTopologyChanges = {}): TTopologyInput {
  const hostname = "harbor.example.com";
  const base: TTopologyInput = {
    harborVersion,
    deployment: { kind: "compose", nodes: haNodes("10.0.0"), loadBalancer: { kind: "haproxy", address: hostname, healthCheck: true } },
    access: { hostname, tls: "loadBalancer" },
    database: { type: "external", host: "pg.example.com", username: "harbor", postgresMajor: 15 },
    redis: { type: "external", mode: "sentinel", sentinelHosts: "s1:26379,s2:26379,s3:26379", sentinelMasterSet: "mymaster" },
    storage: { type: "s3", s3: { region: "eu-west-1", bucket: "harbor-blobs", accessKey: "AKIAEXAMPLE" } },
    components: { jobservice: { jobLoggers: ["DB", "STD_OUTPUT"] } },
  };
  return overlay(base as Record<string, unknown>, changes as Record<string, unknown>) as TTopologyInput;
}
