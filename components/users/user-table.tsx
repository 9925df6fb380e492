"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { setUserDisabledAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLES, type UserDto } from "@/lib/schemas/user";

type UserRow = Omit<UserDto, "createdAt">;

function UserActions({ user, self }: { user: UserRow; self: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const run = (fn: () => Promise<{ data: unknown } | { serverError: string } | { validationErrors: unknown; message?: string }>, ok: string) =>
    start(async () => {
      const res = await fn();
      if ("data" in res) toast.success(ok);
      else toast.error("serverError" in res ? res.serverError : (res.message ?? "Invalid input"));
      router.refresh();
    });
  return (
    <div className="flex items-center justify-end gap-2">
      <Select
        aria-label={`Role of ${user.email}`}
        className="h-8 w-32"
        defaultValue={user.role}
        key={user.role}
        disabled={pending || self}
        onChange={(e) => run(() => setUserRoleAction({ id: user.id, role: e.target.value }), `${user.email} is now ${e.target.value}`)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <Button
        variant="secondary"
        size="sm"
        disabled={pending || self}
        onClick={() => run(() => setUserDisabledAction({ id: user.id, disabled: !user.disabled }), `${user.email} ${user.disabled ? "enabled" : "disabled"}`)}
      >
        {user.disabled ? "Enable" : "Disable"}
      </Button>
    </div>
  );
}

export function UserTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <Table data-testid="users-table">
      <thead>
        <tr>
          <Th>User</Th>
          <Th>Sign-in</Th>
          <Th>Status</Th>
          <Th>Last sign-in (UTC)</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} data-testid={`user-row-${u.email}`}>
            <Td>
              <p className="font-medium">{u.email}</p>
              {u.name && <p className="text-xs text-muted">{u.name}</p>}
            </Td>
            <Td>{u.provider === "oidc" ? "single sign-on" : "password"}</Td>
            <Td>
              {u.disabled ? <Badge tone="danger">disabled</Badge> : u.mustChangePassword ? <Badge tone="warning">one-time password</Badge> : <Badge tone="success">active</Badge>}
            </Td>
            <Td className="font-mono text-xs">{u.lastLoginAt ? u.lastLoginAt.replace("T", " ").slice(0, 16) : "never"}</Td>
            <Td>
              <UserActions user={u} self={u.id === currentUserId} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
