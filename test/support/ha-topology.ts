/**
 * The HA topology the tests save and generate from: the one three-node HA topology (lib/config/example-ha-topology.ts)
 * with the secrets a test looks for — for every test that needs "the 3-node HA topology".
 */
import { exampleHaTopology } from "@/lib/config/example-ha-topology";
import { ZTopology, type TTopology } from "@/lib/schemas/topology";

export interface HaTopologyOptions {
  version?: string;
  /** the secrets a test looks for in the database and the generated files */
  dbPassword?: string;
  s3Secret?: string;
}

export function haTopology(opts: HaTopologyOptions = {}, over: (t: TTopology) => void = () => undefined): TTopology {
  const t = ZTopology.parse(
    exampleHaTopology(opts.version ?? "2.11.2", {
      adminPassword: "Admin-Initial-Pw-1",
      database: { name: "registry", password: opts.dbPassword ?? "pg-Secret-ha" },
      redis: { password: "redis-pw" },
      storage: { s3: { secretKey: opts.s3Secret ?? "s3-Secret-ha" } },
    }),
  );
  over(t);
  return t;
}
