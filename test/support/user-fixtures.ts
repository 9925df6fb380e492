/** What the user tests create and read: users with a role, their rows, a moment with only some admins active. */
import crypto from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/fleet/users";
import type { TRole } from "@/lib/schemas/user";

export const suffix = () => crypto.randomBytes(4).toString("hex");
export const email = (label: string) => `${label}-${suffix()}@example.com`;
export const system = { id: null, email: "tester@example.com" };

export async function newUser(role: TRole = "viewer", label = "user") {
  const { user, initialPassword } = await createUser({
    input: { email: email(label), name: `Name ${label}`, role },
    actor: system,
    requestId: `req-${suffix()}`,
  });
  return { user, initialPassword };
}

export async function rowOf(id: string) {
  return db.user.findUniqueOrThrow({ where: { id } });
}

/** Runs fn while `keep` are the only active admins, then re-enables the admins it disabled. */
export async function withOnlyActiveAdmins<T>(keep: string[], fn: () => Promise<T>): Promise<T> {
  const others = await db.user.findMany({ where: { role: "admin", disabled: false, id: { notIn: keep } }, select: { id: true } });
  await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
  try {
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(keep.length);
    return await fn();
  } finally {
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
  }
}
