/**
 * Child process of hostile-input.test.ts: feeds every hostile document to one parser entry point of the console and
 * prints one JSON line per call. Run with a capped heap (--max-old-space-size), so a parser that allocates without
 * bound kills this process, not the test runner — exactly what it would do to next-server, which runs with a
 * 256 MiB cap (lib/bootstrap/cli.ts). A line {"start"} precedes each call, so a hang or a crash names its cause.
 *
 *   node --import tsx --expose-gc --max-old-space-size=… hostile-input-harness.ts <entry point>
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffYaml, InvalidYamlError } from "../../../lib/config/diff";
import { HARBOR_YML_SECRET_KEYS } from "../../../lib/config/secret-keys";
import { inspectHarborYml } from "../../../lib/config/inspect-harbor-yml";
import { maskYamlDoc } from "../../../lib/config/secret-keys";
import { parseTopologyYaml } from "../../../lib/config/topology-yaml";
import { hostileDocuments, type HostileDocument } from "../../support/hostile-documents";

export type Outcome = { outcome: "refused"; message: string } | { outcome: "accepted"; detail: string } | { outcome: "threw"; error: string };

interface EntryPoint {
  format: HostileDocument["format"];
  run(doc: { text: string; file: string }): Promise<Outcome>;
}

const refused = (message: string): Outcome => ({ outcome: "refused", message });
const threw = (e: unknown): Outcome => ({ outcome: "threw", error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e) });
const GENERATED_HARBOR_YML = "hostname: harbor.example.com\nhttp:\n  port: 80\nharbor_admin_password: Harbor12345\n";

/** Every parser of user text, as its caller sees it: the result or the typed error its contract promises. */
export const ENTRY_POINTS: Record<string, EntryPoint> = {
  // The harbor.yml comparison (diffConfigAction → lib/fleet/config.ts): the upload is inspected, then diffed by key.
  inspectHarborYml: {
    format: "yaml",
    async run({ text }) {
      const r = inspectHarborYml(text, "2.15.2");
      return r.ok ? { outcome: "accepted", detail: `${Object.keys(r.doc).length} keys` } : refused(r.error);
    },
  },
  diffYaml: {
    format: "yaml",
    async run({ text }) {
      try {
        return {
          outcome: "accepted",
          detail: `${diffYaml(text, GENERATED_HARBOR_YML, { secretKeys: HARBOR_YML_SECRET_KEYS, blindSecrets: true }).length} entries`,
        };
      } catch (e) {
        return e instanceof InvalidYamlError ? refused(e.message) : threw(e);
      }
    },
  },
  // Topology import: in the browser (topology-yaml-buttons.tsx) and the CLI (lib/cli/config.ts).
  parseTopologyYaml: {
    format: "yaml",
    async run({ text }) {
      const r = parseTopologyYaml(text);
      if (r.ok) return { outcome: "accepted", detail: "a topology" };
      // A refusal must come from reading the YAML, not from the schema meeting whatever the parser made of it.
      const yaml = r.issues.find((i) => i.section === "yaml");
      return yaml ? refused(yaml.message) : { outcome: "accepted", detail: `parsed, then refused by the schema: ${r.issues[0]?.message}` };
    },
  },
  maskYamlDoc: {
    format: "yaml",
    async run({ text }) {
      try {
        return { outcome: "accepted", detail: `${maskYamlDoc(text, HARBOR_YML_SECRET_KEYS).length} characters` };
      } catch (e) {
        return e instanceof Error && e.name === "Error" && /^cannot mask/.test(e.message) ? refused(e.message) : threw(e);
      }
    },
  },
  // The CLI's shared-secrets file (lib/cli/config-secrets.ts).
  loadOrCreateSecrets: {
    format: "yaml",
    async run({ file }) {
      const { loadOrCreateSecrets, SecretsFileError } = await import("../../../lib/cli/config-secrets");
      try {
        await loadOrCreateSecrets(file, () => {});
        return { outcome: "accepted", detail: "secrets loaded" };
      } catch (e) {
        return e instanceof SecretsFileError ? refused(e.message) : threw(e);
      }
    },
  },
  // The instance seed file read at start (CONSOLE_SEED_INSTANCES, lib/bootstrap/seed-instances.ts).
  seedInstances: {
    format: "json",
    async run({ file }) {
      const { seedInstances } = await import("../../../lib/bootstrap/seed-instances");
      const { StartupError } = await import("../../../lib/bootstrap/embedded-postgres");
      try {
        const n = await seedInstances({
          databaseUrl: "postgresql://nobody@127.0.0.1:9/none",
          encryptionKey: crypto.randomBytes(32).toString("base64"),
          file,
          log: () => {},
        });
        return { outcome: "accepted", detail: `${n} instances` };
      } catch (e) {
        return e instanceof StartupError ? refused(e.message) : threw(e);
      }
    },
  },
};

const heapMb = () => Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
const emit = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(name: string) {
  const entry = ENTRY_POINTS[name];
  if (!entry) throw new Error(`unknown entry point ${name}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
  // Load the entry point's modules before measuring, with one harmless call.
  const warm = path.join(dir, "warm");
  fs.writeFileSync(warm, entry.format === "json" ? "{}" : "a: 1\n");
  await entry.run({ text: "a: 1\n", file: warm });
  global.gc?.();
  emit({ baseline: true, heapMb: heapMb() });
  try {
    for (const doc of hostileDocuments().filter((d) => d.format === entry.format)) {
      const file = path.join(dir, `doc-${crypto.randomUUID()}`);
      let made: { text: string; bytes: Buffer } | null = doc.make();
      fs.writeFileSync(file, made.bytes);
      const input = { text: made.text, file };
      made = null;
      emit({ start: true, doc: doc.name });
      // CPU time, not wall time: every entry point runs at once beside the rest of the suite, and on a loaded machine
      // the wall clock measures the neighbours; a parse that does too much work shows in its own CPU time.
      const t0 = process.cpuUsage();
      let outcome: Outcome;
      try {
        outcome = await entry.run(input);
      } catch (e) {
        outcome = threw(e);
      }
      emit({ doc: doc.name, ms: cpuMs(t0), heapMb: heapMb(), ...outcome });
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  global.gc?.();
  emit({ done: true, heapMb: heapMb() });
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(3);
  },
);

/** The CPU time (user + system) this process spent since `since`, in milliseconds. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return Math.round((user + system) / 1_000);
}
