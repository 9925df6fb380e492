"use server";
import { redeliverWebhookDelivery } from "../fleet/webhooks/redeliver";
import { ZWebhookRedeliverInput } from "../schemas/webhook";
import { action } from "./define";

/** "Redeliver" a failed delivery from the inbox: the console re-POSTs the body Harbor kept (operators and admins; audited). */
export const redeliverWebhookAction = action("redeliverWebhook", "operator", ZWebhookRedeliverInput, (input, { actor, requestId }) =>
  redeliverWebhookDelivery({ input, actor, requestId }),
);
