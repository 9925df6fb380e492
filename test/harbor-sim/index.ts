/**
 * The Harbor simulator: many Harbor instances of any supported version in one process, one port each,
 * plus a control API. See README.md in this folder.
 */
import type { AddressInfo } from "node:net";
import { startControl } from "./control";
import { InstanceServer } from "./server";
import { PROJECT_NAME } from "../../lib/harbor/facts";
import { buildState } from "./state";
import { createSimTls } from "./tls";
import type { HarborSim, RecordedExchange, SimFaults, SimInstance, StartSimOptions } from "./types";

export type * from "./types";

export async function startHarborSim(options: StartSimOptions): Promise<HarborSim> {
  const host = options.host ?? "127.0.0.1";
  const ids = new Set<string>();
  for (const spec of options.instances) {
    if (ids.has(spec.id)) throw new Error(`duplicate instance id "${spec.id}"`);
    ids.add(spec.id);
  }
  const now = Date.now();
  // Build every state first: a bad spec fails before any port is opened.
  const states = options.instances.map((spec) => buildState(spec, now));
  const tls = await createSimTls();
  const exchanges: RecordedExchange[] = [];
  const servers = new Map<string, InstanceServer>();
  for (const st of states) servers.set(st.spec.id, new InstanceServer(st, { host, tls, record: options.record ? exchanges : null }));
  const stopAll = () => Promise.all([...servers.values()].map((s) => s.stop()));
  try {
    await Promise.all([...servers.values()].map((s) => s.start()));
  } catch (e) {
    await stopAll();
    throw e;
  }
  const control = await startControl({ caPem: tls.caPem, servers }, host, options.controlPort ?? 0).catch(async (e: unknown) => {
    await stopAll();
    throw e;
  });
  const controlPort = (control.address() as AddressInfo).port;
  const controlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;

  const server = (id: string): InstanceServer => {
    const s = servers.get(id);
    if (!s) throw new Error(`no simulated instance "${id}"`);
    return s;
  };
  const view = (s: InstanceServer): SimInstance => ({ spec: s.st.spec, baseUrl: s.baseUrl, port: s.port });

  return {
    caPem: tls.caPem,
    instances: [...servers.values()].map(view),
    get: (id) => view(server(id)),
    setFaults(id: string, faults: SimFaults) {
      void server(id).setFaults(faults);
    },
    switchVersion(id, version, opts) {
      server(id).switchVersion(version, opts);
    },
    setScanAll(id, running) {
      const s = server(id);
      s.st.spec = { ...s.st.spec, scanAllRunning: running };
    },
    settled: (id) => server(id).settled(),
    addProject(id, p) {
      const st = server(id).st;
      if (!PROJECT_NAME.test(p.name) || st.projects.some((x) => x.name === p.name)) throw new Error(`instance ${id}: cannot add project "${p.name}"`);
      const nextId = Math.max(0, ...st.projects.map((x) => x.id)) + 1;
      st.projects.push({
        id: nextId,
        name: p.name,
        public: Boolean(p.public),
        repoCount: p.repoCount ?? 0,
        members: { ...(p.members ?? {}) },
        ownerId: 1,
        ownerName: "admin",
        created: new Date().toISOString(),
      });
    },
    exchanges,
    controlUrl: `http://${controlHost}:${controlPort}/__sim`,
    async stop() {
      await stopAll();
      await new Promise<void>((resolve) => {
        control.close(() => resolve());
        control.closeAllConnections();
      });
    },
  };
}
