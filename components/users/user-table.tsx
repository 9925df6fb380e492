"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { setUserDisabledAction, setUserRoleAction, unlockUserAction } from "@/lib/actions/users";
import { ROLES, type UserDto } from "@/lib/schemas/user";
import { DeleteUserButton } from "./delete-user-button";
import { ResetPasswordButton } from "./reset-password-button";

type UserRow = Omit<UserDto, "createdAt">;

function UserActions({ user, self, locked }: { user: UserRow; self: boolean; locked: boolean }) {
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
    <div className="flex flex-wrap items-center justify-end gap-2">
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
      {locked && (
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Unlock ${user.email}`}
          disabled={pending}
          onClick={() => run(() => unlockUserAction({ id: user.id }), `Unlocked ${user.email}`)}
        >
          Unlock
        </Button>
      )}
      {!self && user.provider === "local" && <ResetPasswordButton id={user.id} email={user.email} />}
      {!self && <DeleteUserButton id={user.id} email={user.email} sso={user.provider === "oidc"} />}
    </div>
  );
}

/** `locks`: email → seconds its sign-in lock has left, for the users locked now. */
export function UserTable({ users, locks, currentUserId }: { users: UserRow[]; locks: Record<string, number>; currentUserId: string }) {
  return (
    <Table data-testid="users-table" label="Users">
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
              <div className="flex flex-wrap gap-1">
                {u.disabled ? (
                  <Badge tone="danger">disabled</Badge>
                ) : u.mustChangePassword ? (
                  <Badge tone="warning">one-time password</Badge>
                ) : (
                  <Badge tone="success">active</Badge>
                )}
                {locks[u.email] > 0 && (
                  <Badge tone="danger" className="whitespace-nowrap" data-testid="user-lock" title="Too many failed sign-ins for this email">
                    locked for {Math.ceil(locks[u.email] / 60)} min
                  </Badge>
                )}
              </div>
            </Td>
            <Td className="font-mono text-xs">{u.lastLoginAt ? u.lastLoginAt.replace("T", " ").slice(0, 16) : "never"}</Td>
            <Td>
              <UserActions user={u} self={u.id === currentUserId} locked={locks[u.email] > 0} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
