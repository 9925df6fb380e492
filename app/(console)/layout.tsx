import { DatabaseUnreachable } from "@/components/layout/database-unreachable";
import { Sidebar } from "@/components/layout/sidebar";
import { UserMenu } from "@/components/layout/user-menu";
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
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col justify-between border-r border-border bg-surface p-3">
        <Sidebar isAdmin={hasRole(user, "admin")} />
        <UserMenu email={user.email} role={user.role} local={user.provider === "local"} />
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
