"use server";
import { revalidatePath } from "next/cache";
import { actorOf, getUser, requestClientAddress, requestId, requireRole } from "../auth";
import { AppError } from "../errors";
import { deleteUser, resetUserPassword, unlockUser, type PasswordReset, type Unlock } from "../fleet/user-admin";
import { changeOwnPassword, createUser, setUserDisabled, setUserRole, type UserDto } from "../fleet/users";
import { ZPasswordChangeInput, ZUserCreateInput, ZUserDeleteInput, ZUserDisableInput, ZUserPasswordResetInput, ZUserRoleInput, ZUserUnlockInput } from "../schemas/user";
import { runAction, validationResult, type ActionResult } from "./result";

export async function createUserAction(input: unknown): Promise<ActionResult<{ user: UserDto; initialPassword: string }>> {
  const rid = await requestId();
  return runAction("createUser", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserCreateInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await createUser({ input: parsed.data, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

export async function setUserRoleAction(input: unknown): Promise<ActionResult<UserDto>> {
  const rid = await requestId();
  return runAction("setUserRole", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserRoleInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await setUserRole({ ...parsed.data, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

export async function setUserDisabledAction(input: unknown): Promise<ActionResult<UserDto>> {
  const rid = await requestId();
  return runAction("setUserDisabled", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserDisableInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await setUserDisabled({ ...parsed.data, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

/** A new one-time password for another local user, returned once to show to the admin; their sessions end. */
export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<PasswordReset>> {
  const rid = await requestId();
  return runAction("resetUserPassword", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserPasswordResetInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await resetUserPassword({ target: { id: parsed.data.id }, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

export async function unlockUserAction(input: unknown): Promise<ActionResult<Unlock>> {
  const rid = await requestId();
  return runAction("unlockUser", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserUnlockInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await unlockUser({ target: { id: parsed.data.id }, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

export async function deleteUserAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const rid = await requestId();
  return runAction("deleteUser", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZUserDeleteInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    const out = await deleteUser({ ...parsed.data, actor: actorOf(admin), requestId: rid });
    revalidatePath("/users");
    return out;
  });
}

/** Any signed-in local user may change their own password. */
export async function changePasswordAction(input: unknown): Promise<ActionResult<{ ok: true }>> {
  const rid = await requestId();
  return runAction("changePassword", rid, async () => {
    const user = await getUser();
    if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    const parsed = ZPasswordChangeInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    await changeOwnPassword({ userId: user.id, current: parsed.data.current, next: parsed.data.next, requestId: rid, address: await requestClientAddress() });
    return { ok: true as const };
  });
}
