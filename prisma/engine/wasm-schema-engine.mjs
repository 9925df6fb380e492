// Loads @prisma/schema-engine-wasm and connects it to Postgres through @prisma/adapter-pg.
// Lets Prisma migrations run without the native schema-engine binary (which Prisma downloads from
// outside npm at first CLI use).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

// @prisma/adapter-pg 7.10.x rejects Postgres' internal "char" type (OID 18), which the schema
// engine's catalog queries return (e.g. pg_class.relkind). Report it as text (OID 25).
const origQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  const fix = (res) => {
    for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
  if (cb) return origQuery.call(this, ...args, (err, res) => cb(err, err ? res : fix(res)));
  const ret = origQuery.apply(this, args);
  return ret && typeof ret.then === "function" ? ret.then(fix) : ret;
};

globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: "",
  set_message(m) {
    this.message = m;
  },
};

export async function loadWasm() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bg;
}

export function pgConfig(url) {
  const c = parse(url);
  return {
    cfg: { host: c.host ?? undefined, port: c.port ? Number(c.port) : undefined, user: c.user, password: c.password, database: c.database ?? undefined },
    opts: c.schema ? { schema: c.schema } : undefined,
  };
}

// Own shadow-DB factory. @prisma/adapter-pg 7.10.x connectToShadowDb() has two bugs: with a connectionString
// config the shadow pool silently connects to the MAIN database (pg lets connectionString override
// `database`), and it DROPs the shadow DB before closing its pool ("being accessed by other users").
// @prisma/adapter-pg 7.10.x executeScript() splits a migration on every ";", which breaks any statement
// that holds one (a PL/pgSQL function body, a string literal). Send the script whole, as one simple query,
// the way the native engine does.
function wholeScripts(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

export function adapterFactory(url, shadowUrl) {
  const { cfg, opts } = pgConfig(url);
  const main = new PrismaPg(cfg, opts);
  return bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    async connectToShadowDb() {
      if (shadowUrl) {
        const s = pgConfig(shadowUrl);
        return wholeScripts(await new PrismaPg(s.cfg, s.opts).connect());
      }
      const admin = await main.connect();
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = wholeScripts(await new PrismaPg({ ...cfg, database: name }, opts).connect());
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await disposeShadow();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  });
}

export async function createEngine({ url, shadowUrl, datamodels, log = () => {} }) {
  const bg = await loadWasm();
  return bg.SchemaEngine.new({ datamodels }, log, adapterFactory(url, shadowUrl));
}
