import * as z from "zod";
import { ZUserId } from "./ids";

export const ROLES = ["viewer", "operator", "admin"] as const;
export type TRole = (typeof ROLES)[number];

/** A user as pages and the Users table see it (no password hash, no session version). */
export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: TRole;
  provider: "local" | "oidc";
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}
export const ROLE_RANK: Record<TRole, number> = { viewer: 1, operator: 2, admin: 3 };
export const ROLE_DESCRIPTION: Record<TRole, string> = {
  viewer: "Sees everything except secrets",
  operator: "Also edits topology, schedules upgrades and edits webhooks",
  admin: "Also manages instances, credentials and users",
};

export function hasRole(user: { role: TRole }, needed: TRole): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[needed];
}

// Deliberately loose (name@host): internal directories use hosts like admin@localhost or ops@corp.
const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter your email address" })
  .max(254, { error: "At most 254 characters" })
  .regex(/^[^\s@]+@[^\s@]+$/, { error: "Enter a valid email address" });

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: "Enter your password" }).max(1024),
});

export const ZUserCreateInput = z.object({
  email: ZEmail,
  name: z.string().trim().max(100, { error: "At most 100 characters" }).default(""),
  role: z.enum(ROLES, { error: "Choose a role" }),
});
export type TUserCreateInput = z.input<typeof ZUserCreateInput>;

export const ZUserRoleInput = z.object({ id: ZUserId, role: z.enum(ROLES) });
export const ZUserDisableInput = z.object({ id: ZUserId, disabled: z.boolean() });
export const ZUserPasswordResetInput = z.object({ id: ZUserId });
export const ZUserUnlockInput = z.object({ id: ZUserId });
/** The email is the one the admin confirmed: a deletion of a user whose email is another deletes nothing. */
export const ZUserDeleteInput = z.object({ id: ZUserId, email: ZEmail });
/** An email given on the command line (`npm run admin -- reset-password|unlock <email>`). */
export const ZUserEmail = ZEmail;

export const PASSWORD_MIN = 12;
export const ZPasswordChangeInput = z
  .object({
    current: z.string().min(1, { error: "Enter your current password" }).max(1024, { error: "At most 1024 characters" }),
    next: z
      .string()
      .min(PASSWORD_MIN, { error: `At least ${PASSWORD_MIN} characters` })
      .max(1024, { error: "At most 1024 characters" }),
    confirm: z.string().max(1024, { error: "At most 1024 characters" }),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], error: "The two passwords differ" })
  .refine((v) => v.next !== v.current, { path: ["next"], error: "Choose a password different from the current one" });
export type TPasswordChangeInput = z.input<typeof ZPasswordChangeInput>;
