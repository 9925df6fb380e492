"use server";
import { actorOf, requestId, requireRole } from "../auth";
import { redeliverWebhookDelivery } from "../fleet/webhooks/redeliver";
import { ZWebhookRedeliverInput, type TestDeliveryDto } from "../schemas/webhook";
import { runAction, validationResult, type ActionResult } from "./result";

/** "Redeliver" a failed delivery from the inbox: the console re-POSTs the body Harbor kept (operators and admins; audited). */
export async function redeliverWebhookAction(input: unknown): Promise<ActionResult<TestDeliveryDto>> {
  const rid = await requestId();
  return runAction("redeliverWebhook", rid, async () => {
    const user = await requireRole("operator");
    const parsed = ZWebhookRedeliverInput.safeParse(input);
    if (!parsed.success) return validationResult(parsed.error);
    return redeliverWebhookDelivery({ input: parsed.data, actor: actorOf(user), requestId: rid });
  });
}
