"use server";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { updateSetting } from "../fleet/settings";
import { ZOutboundSettingsInput } from "../schemas/settings";
import { action, type ActionContext } from "./define";
import type { ActionResult } from "./result";

type AllowListKey = "outboundAllowList" | "webhookTestAllowList";

/** Errors by path ("allow.2.value"), so the form shows each at its row. */
function byPath(error: z.ZodError): Extract<ActionResult<never>, { validationErrors: unknown }> {
  const validationErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (validationErrors[issue.path.join(".") || "allow"] ??= []).push(issue.message);
  return { validationErrors, message: "Some entries need attention." };
}

async function saveAllowList<K extends AllowListKey>(key: K, input: z.output<typeof ZOutboundSettingsInput>, { actor, requestId }: ActionContext) {
  const out = await updateSetting({ key, value: input.allow.map((a) => a.value), expectedUpdatedAt: input.expectedUpdatedAt, actor, requestId });
  revalidatePath("/settings");
  return out;
}

/** Settings → Outbound connections (admins): the addresses the console may connect to beyond the defaults. */
export const updateOutboundAllowListAction = action(
  "updateOutboundAllowList",
  "admin",
  ZOutboundSettingsInput,
  (input, ctx) => saveAllowList("outboundAllowList", input, ctx),
  { invalid: byPath },
);

/** Settings → Test deliveries (admins): private or refused addresses webhook test deliveries may reach. */
export const updateWebhookTestAllowListAction = action(
  "updateWebhookTestAllowList",
  "admin",
  ZOutboundSettingsInput,
  (input, ctx) => saveAllowList("webhookTestAllowList", input, ctx),
  { invalid: byPath },
);
