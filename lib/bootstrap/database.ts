import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { maskDatabaseUrl } from "./mask-url";
import { EMBEDDED_PG_MAJOR, StartupError, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  /** what the start log says about the database in use */
  description: string;
  embedded: EmbeddedServer | null;
  /** a second line for the start log when running as root: who runs PostgreSQL, and why its data is not in the project */
  notice?: string;
}

export function rootNotice(embedded: Pick<EmbeddedServer, "dataDir" | "runAs">): string | undefined {
  const r = embedded.runAs;
  if (!r) return undefined;
  const why = r.movedFrom
    ? r.closedDir
      ? `; that user cannot enter ${r.closedDir}, so the data for ${r.movedFrom} is kept in ${embedded.dataDir}`
      : `; the data for ${r.movedFrom} is kept in ${embedded.dataDir}, where an earlier start as root put it`
    : "";
  return `running as root: PostgreSQL runs as the \`${r.user}\` system user from ${r.binDir}${why}`;
}

/** Fails fast, naming the server (password masked), when DATABASE_URL points at something unreachable. */
export async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new StartupError(
      `Cannot reach the database at ${maskDatabaseUrl(url)}: ${err.message || err.code || "connection failed"}.\nCheck DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The embedded server's superuser password: random, kept beside the data folder with mode 0600. A data
 * folder made before passwords were generated keeps the old fixed one. A cluster that root keeps outside the
 * project (root-postgres.ts) always had a generated one: without its file it is refused, not guessed.
 */
function embeddedPassword(consoleDataDir: string, pgDataDir: string, movedFrom?: string): string {
  const file = path.join(consoleDataDir, "postgres.password");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  if (fs.existsSync(path.join(pgDataDir, "PG_VERSION"))) {
    if (!movedFrom) return "postgres";
    throw new StartupError(
      `The embedded database for ${movedFrom} is kept in ${pgDataDir} (as root), but its password file ${file} is gone: restore that file, or delete ${path.dirname(pgDataDir)} to start with an empty database.`,
    );
  }
  fs.mkdirSync(consoleDataDir, { recursive: true });
  const password = crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

/** DATABASE_URL when set (nothing is started), otherwise an embedded PostgreSQL kept in <dataDir>/postgres. */
export async function resolveDatabase(opts: { dataDir: string; port: number; database?: string }): Promise<ResolvedDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await checkReachable(given);
    return { url: given, description: `PostgreSQL at ${maskDatabaseUrl(given)} (DATABASE_URL)`, embedded: null };
  }
  const dataDir = path.join(opts.dataDir, "postgres");
  const embedded = await startEmbeddedPostgres({ dataDir, port: opts.port, password: (p) => embeddedPassword(opts.dataDir, p.dataDir, p.movedFrom) });
  const database = opts.database ?? "console";
  try {
    await embedded.createDatabaseIfMissing(database);
  } catch (e) {
    await embedded.stop();
    throw new StartupError(`The embedded PostgreSQL started but the database "${database}" could not be created: ${(e as Error).message}`);
  }
  return {
    url: embedded.urlFor(database),
    description: `embedded PostgreSQL ${EMBEDDED_PG_MAJOR} on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (${embedded.initialised ? "created" : "reused"}; set DATABASE_URL to use your own server)`,
    notice: rootNotice(embedded),
    embedded,
  };
}
