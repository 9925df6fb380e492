import "server-only";
import { db } from "../../db";
import { sendTestDelivery, type TestDeliveryResult } from "../../harbor";
import { recordAudit, type Actor } from "../audit";
import type { SessionInstance } from "../harbor-session";
import { getWebhookTestPolicy } from "../settings";
import { targetHost } from "./delivery-summary";

type Delivery = Omit<Parameters<typeof sendTestDelivery>[0], "outbound">;

/**
 * Sends one delivery the console makes itself (a test delivery, a redelivery) through the test delivery's SSRF guard
 * with its own allow-list (Settings → Test deliveries), not the Harbors', and audits it against the policy with the
 * target's host, whether an auth header went (never its value) and the outcome.
 */
export async function sendAuditedDelivery(
  delivery: Delivery,
  audit: {
    actor: Actor;
    requestId: string;
    action: "webhook.test_delivery" | "webhook.redeliver";
    instance: SessionInstance;
    /** "project / policy" names, for the audit row's target */
    policyName: string;
    /** what else the audit row says of this delivery */
    details: Record<string, string | number | boolean | null>;
  },
): Promise<TestDeliveryResult> {
  const { allow } = await getWebhookTestPolicy();
  const result = await sendTestDelivery({ ...delivery, outbound: { allow } });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: audit.actor,
      action: audit.action,
      targetType: "webhook",
      targetId: audit.instance.id,
      targetName: `${audit.instance.name} / ${audit.policyName}`,
      after: {
        ...audit.details,
        target: targetHost(delivery.url),
        authHeader: delivery.authHeader ? "********" : null,
        status: result.status,
        ok: result.ok,
        refused: result.refused,
        latencyMs: result.latencyMs,
        error: result.error,
      },
      requestId: audit.requestId,
    }),
  );
  return result;
}
