"use server";
import { revalidatePath } from "next/cache";
import { actorOf, requestId, requireRole } from "../auth";
import { updateSetting, type SettingDto } from "../fleet/settings";
import { ZOutboundSettingsInput } from "../schemas/settings";
import { runAction, type ActionResult } from "./result";

/** Settings → Outbound connections (admins): the addresses the console may connect to beyond the defaults. */
export async function updateOutboundAllowListAction(input: unknown): Promise<ActionResult<SettingDto<"outboundAllowList">>> {
  const rid = await requestId();
  return runAction<SettingDto<"outboundAllowList">>("updateOutboundAllowList", rid, async () => {
    const admin = await requireRole("admin");
    const parsed = ZOutboundSettingsInput.safeParse(input);
    if (!parsed.success) {
      // Errors by path ("allow.2.value"), so that the form shows each at its row.
      const validationErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (validationErrors[issue.path.join(".") || "allow"] ??= []).push(issue.message);
      return { validationErrors, message: "Some entries need attention." };
    }
    const out = await updateSetting({
      key: "outboundAllowList",
      value: parsed.data.allow.map((a) => a.value),
      expectedUpdatedAt: parsed.data.expectedUpdatedAt,
      actor: actorOf(admin),
      requestId: rid,
    });
    revalidatePath("/settings");
    return out;
  });
}
