/**
 * A stand-in for lib/auth in integration tests that call server actions: the test decides who is signed in.
 *
 *   vi.mock("@/lib/auth", () => import("../support/mock-auth"));
 *   import { session } from "../support/mock-auth";
 *   session.user = { id, email, role: "operator", mustChangePassword: false };
 *
 * Role checks are the real ones (hasRole) with lib/auth's messages, so a test of "viewers are refused" means it.
 */
import { AppError } from "@/lib/errors";
import { hasRole, type TRole } from "@/lib/schemas/user";

export type TestSessionUser = { id: string; email: string; role: TRole; mustChangePassword: boolean };

export const session: { user: TestSessionUser | null } = { user: null };

export const requestId = async () => "test-request";

export const actorOf = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

export async function requireRole(role: TRole): Promise<TestSessionUser> {
  if (!session.user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (session.user.mustChangePassword) throw new AppError("forbidden", "Choose your own password first (Account → Change password).");
  if (!hasRole(session.user, role)) throw new AppError("forbidden", `This needs the ${role} role; you are a ${session.user.role}.`);
  return session.user;
}

export async function getUser(): Promise<TestSessionUser | null> {
  return session.user;
}
