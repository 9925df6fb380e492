/**
 * `npm run admin -- reset-password <email> | unlock <email>`: the way back into a console whose one-time admin
 * password is lost, or whose admin's email somebody keeps locked by guessing at it (Grafana's reset-admin-password, for
 * this console). The launcher resolves the database as `keys` does — the running console's embedded server when there
 * is one (running-embedded.ts) — and runs lib/fleet/user-admin.ts on a Prisma client of its own, as the system actor.
 */
import { createPrismaClient } from "../db-client";
import { AppError } from "../errors";
import { ZUserEmail } from "../schemas/user";
import type { PasswordReset, Unlock } from "../fleet/user-admin";
import { StartupError } from "./startup-error";

export const ADMIN_USAGE = "usage: npm run admin -- reset-password <email> | unlock <email>";

export type AdminCommand = { command: "reset-password" | "unlock"; email: string };

/** The command, or the reason the arguments are not one (exit code 2). */
export function parseAdminArgs(args: string[]): AdminCommand | { error: string } {
  const [command, ...rest] = args;
  if (command !== "reset-password" && command !== "unlock") return { error: command ? `unknown admin command "${command}"` : "missing admin command" };
  if (rest.length !== 1) return { error: rest.length ? `admin ${command} takes one email, not ${rest.length} arguments` : `admin ${command}: which email?` };
  const email = ZUserEmail.safeParse(rest[0]);
  if (!email.success) return { error: `admin ${command}: "${rest[0]}" is not an email address` };
  return { command, email: email.data };
}

const SYSTEM_ACTOR = { id: null, email: "system" } as const;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const minutes = (seconds: number) => plural(Math.ceil(seconds / 60), "minute");

export function formatReset(r: PasswordReset): string[] {
  return [
    `The password of ${r.email} is reset and every session of theirs has ended.`,
    "",
    `  One-time password: ${r.password}`,
    "",
    "It is shown only now. They sign in with it and must choose their own password at once.",
    ...(r.unlocked ? [`The sign-in lock on ${r.email} is lifted too.`] : []),
    ...(r.disabled ? [`Note: ${r.email} is disabled; an admin must enable it (Users page) before it can sign in.`] : []),
    "Recorded in the audit trail as user.password_reset.",
  ];
}

export function formatUnlock(u: Unlock): string[] {
  const nobody = u.userId ? [] : [`(No account has the email ${u.email}; the sign-in throttle counts guesses at any email.)`];
  if (!u.cleared) return [`${u.email} is not locked and has no failed sign-ins: nothing to do.`, ...nobody];
  const { failures, lockedSeconds } = u.cleared;
  return [
    lockedSeconds > 0
      ? `Unlocked ${u.email}: its lock (${minutes(lockedSeconds)} left) and ${plural(failures, "failed sign-in")} are forgotten.`
      : `${u.email} was not locked; its ${plural(failures, "failed sign-in")} ${failures === 1 ? "is" : "are"} forgotten.`,
    ...nobody,
    "Recorded in the audit trail as user.unlock.",
  ];
}

/** A Prisma or PostgreSQL "no such table": the database was never migrated. */
function missingTables(e: unknown): boolean {
  const x = e as { code?: string; cause?: { originalCode?: string; code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return x.code === "P2021" || x.code === "42P01" || x.cause?.originalCode === "42P01" || x.meta?.driverAdapterError?.cause?.originalCode === "42P01";
}

/** Runs the command against the database; returns the exit code (0 done, 1 refused or failed). */
export async function runAdmin(opts: {
  command: AdminCommand;
  databaseUrl: string;
  out: (line: string) => void;
  err: (line: string) => void;
}): Promise<number> {
  let admin: typeof import("../fleet/user-admin");
  try {
    admin = await import("../fleet/user-admin");
  } catch (e) {
    if (!/Client Component|server-only/i.test((e as Error).message)) throw e;
    throw new StartupError("the admin command needs Node's react-server condition: run it as `npm run admin -- …`.");
  }
  const client = createPrismaClient(opts.databaseUrl, { max: 2 });
  const target = { email: opts.command.email };
  try {
    const lines =
      opts.command.command === "reset-password"
        ? formatReset(await admin.resetUserPassword({ target, actor: SYSTEM_ACTOR, client }))
        : formatUnlock(await admin.unlockUser({ target, actor: SYSTEM_ACTOR, client }));
    for (const line of lines) opts.out(line);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      opts.err(e.message);
      return 1;
    }
    if (missingTables(e)) throw new StartupError("this database has no console tables yet: start the console once (or run `npm run db:deploy`) first.");
    throw e;
  } finally {
    await client.$disconnect();
  }
}
