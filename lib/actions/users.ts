"use server";
import { revalidatePath } from "next/cache";
import { requestClientAddress } from "../auth";
import { deleteUser, resetUserPassword, unlockUser } from "../fleet/user-admin";
import { changeOwnPassword, createUser, setUserDisabled, setUserRole } from "../fleet/users";
import {
  ZPasswordChangeInput,
  ZUserCreateInput,
  ZUserDeleteInput,
  ZUserDisableInput,
  ZUserPasswordResetInput,
  ZUserRoleInput,
  ZUserUnlockInput,
} from "../schemas/user";
import { action } from "./define";

export const createUserAction = action("createUser", "admin", ZUserCreateInput, async (input, { actor, requestId }) => {
  const out = await createUser({ input, actor, requestId });
  revalidatePath("/users");
  return out;
});

export const setUserRoleAction = action("setUserRole", "admin", ZUserRoleInput, async (input, { actor, requestId }) => {
  const out = await setUserRole({ ...input, actor, requestId });
  revalidatePath("/users");
  return out;
});

export const setUserDisabledAction = action("setUserDisabled", "admin", ZUserDisableInput, async (input, { actor, requestId }) => {
  const out = await setUserDisabled({ ...input, actor, requestId });
  revalidatePath("/users");
  return out;
});

/** A new one-time password for another local user, returned once to show to the admin; their sessions end. */
export const resetUserPasswordAction = action("resetUserPassword", "admin", ZUserPasswordResetInput, async (input, { actor, requestId }) => {
  const out = await resetUserPassword({ target: { id: input.id }, actor, requestId });
  revalidatePath("/users");
  return out;
});

export const unlockUserAction = action("unlockUser", "admin", ZUserUnlockInput, async (input, { actor, requestId }) => {
  const out = await unlockUser({ target: { id: input.id }, actor, requestId });
  revalidatePath("/users");
  return out;
});

export const deleteUserAction = action("deleteUser", "admin", ZUserDeleteInput, async (input, { actor, requestId }) => {
  const out = await deleteUser({ ...input, actor, requestId });
  revalidatePath("/users");
  return out;
});

/** Any signed-in local user may change their own password. */
export const changePasswordAction = action("changePassword", "signed-in", ZPasswordChangeInput, async (input, { user, requestId }) => {
  await changeOwnPassword({ userId: user.id, current: input.current, next: input.next, requestId, address: await requestClientAddress() });
  return { ok: true as const };
});
