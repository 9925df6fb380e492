"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { updateSetting, type SettingDto } from "../fleet/settings";
import { ZOutboundSettingsInput } from "../schemas/settings";
import { runAction, type ActionResult } from "./result";

type AllowListKey = "outboundAllowList" | "webhookTestAllowList";
type Admin = Awaited<ReturnType<typeof requireRole>>;

/** Validates the rows (errors by path, "allow.2.value", so the form shows each at its row), saves and audits. */
async function saveAllowList<K extends AllowListKey>(key: K, input: unknown, admin: Admin, rid: string): Promise<SettingDto<K> | ActionResult<SettingDto<K>>> {
  const parsed = ZOutboundSettingsInput.safeParse(input);
  if (!parsed.success) {
    const validationErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (validationErrors[issue.path.join(".") || "allow"] ??= []).push(issue.message);
    return { validationErrors, message: "Some entries need attention." };
  }
  const out = await updateSetting({ key, value: parsed.data.allow.map((a) => a.value), expectedUpdatedAt: parsed.data.expectedUpdatedAt, actor: actorOf(admin), requestId: rid });
  revalidatePath("/settings");
  return out;
}

/** Settings → Outbound connections (admins): the addresses the console may connect to beyond the defaults. */
export async function updateOutboundAllowListAction(input: unknown): Promise<ActionResult<SettingDto<"outboundAllowList">>> {
  const rid = await requestId();
  return runAction<SettingDto<"outboundAllowList">>("updateOutboundAllowList", rid, async () => {
    const admin = await requireRole("admin");
    return saveAllowList("outboundAllowList", input, admin, rid);
  });
}

/** Settings → Test deliveries (admins): private or refused addresses webhook test deliveries may reach. */
export async function updateWebhookTestAllowListAction(input: unknown): Promise<ActionResult<SettingDto<"webhookTestAllowList">>> {
  const rid = await requestId();
  return runAction<SettingDto<"webhookTestAllowList">>("updateWebhookTestAllowList", rid, async () => {
    const admin = await requireRole("admin");
    return saveAllowList("webhookTestAllowList", input, admin, rid);
  });
}
