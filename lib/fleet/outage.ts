import "server-only";

/** What pages, the health endpoint and the collector say while PostgreSQL cannot be reached. */
export const DATABASE_UNREACHABLE = "The console's database is unreachable.";

// Socket errors, PostgreSQL's "cannot connect now" / "admin shutdown" / connection-exception classes, and Prisma's
// "cannot reach the server" codes.
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1002",
  "P1017",
]);
// Prisma's driver adapters describe a lost server by kind, node-postgres by message.
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "postgres_connection_error"]);
const MESSAGES =
  /Connection terminated|connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|connect ECONNREFUSED|Client was closed|Connection refused/i;

/** Whether an error says that PostgreSQL could not be reached (down, restarting, the network), not that a statement failed. */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 5) return false;
  const x = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown; originalCode?: unknown };
  if (typeof x.code === "string" && CODES.has(x.code)) return true;
  if (typeof x.originalCode === "string" && CODES.has(x.originalCode)) return true;
  if (typeof x.kind === "string" && KINDS.has(x.kind)) return true;
  if (typeof x.message === "string" && MESSAGES.test(x.message)) return true;
  // net's AggregateError (one refusal per address tried)
  if (Array.isArray(x.errors) && x.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(x.cause, depth + 1);
}

/** One line for a log or a status: the error's code and first line, at most 200 characters. */
export function shortError(e: unknown): string {
  const x = (e ?? {}) as { code?: unknown; message?: unknown };
  const first = (typeof x.message === "string" ? x.message : String(e)).split("\n").find((l) => l.trim()) ?? "";
  const text = `${typeof x.code === "string" && !first.includes(x.code) ? `${x.code}: ` : ""}${first.trim()}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
