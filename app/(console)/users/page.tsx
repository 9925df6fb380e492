import type { Metadata } from "next";
import { Forbidden } from "@/components/layout/forbidden";
import { CreateUserButton } from "@/components/users/create-user-button";
import { UserTable } from "@/components/users/user-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listUserLocks } from "@/lib/fleet/user-admin";
import { listUsers } from "@/lib/fleet/users";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  if (!hasRole(user, "admin")) return <Forbidden need="admin" />;
  const [users, locks] = await Promise.all([listUsers(), listUserLocks()]);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and with which role. New users, and users whose password an admin resets, get a one-time password and choose their own at the next sign-in."
        actions={<CreateUserButton />}
      />
      <UserTable users={users} locks={locks} currentUserId={user.id} />
    </>
  );
}
