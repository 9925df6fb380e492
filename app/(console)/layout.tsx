import { ConsoleShell } from "@/components/layout/console-shell";
import { DatabaseUnreachable } from "@/components/layout/database-unreachable";
import { requireUser, type SessionUser } from "@/lib/auth";
import { isDatabaseUnavailable } from "@/lib/fleet/outage";
import { hasRole } from "@/lib/schemas/user";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // requireUser also sends a user with a one-time password to choose their own (actions refuse too).
  let user: SessionUser;
  try {
    user = await requireUser();
  } catch (e) {
    // The layout is above this segment's error boundary: an unreachable database is said here, plainly.
    if (isDatabaseUnavailable(e)) {
      return (
        <main className="min-h-screen px-8 py-8">
          <DatabaseUnreachable />
        </main>
      );
    }
    throw e;
  }
  return (
    <ConsoleShell isAdmin={hasRole(user, "admin")} email={user.email} role={user.role} local={user.provider === "local"}>
      {children}
    </ConsoleShell>
  );
}
