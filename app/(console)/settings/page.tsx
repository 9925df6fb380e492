import type { Metadata } from "next";
import { Forbidden } from "@/components/layout/forbidden";
import { OutboundSettings } from "@/components/settings/outbound-settings";
import { WebhookTestSettings } from "@/components/settings/webhook-test-settings";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getOutboundSettings, getWebhookTestSettings } from "@/lib/fleet/settings";
import { hasRole } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  if (!hasRole(user, "admin")) return <Forbidden need="admin" />;
  const [outbound, webhookTest] = await Promise.all([getOutboundSettings(), getWebhookTestSettings()]);
  return (
    <>
      <PageHeader title="Settings" description="Console-wide settings. Every change is recorded in the audit trail." />
      <div className="space-y-6">
        <OutboundSettings allow={outbound.value} fromEnv={outbound.fromEnv} updatedAt={outbound.updatedAt} updatedByEmail={outbound.updatedByEmail} />
        <WebhookTestSettings
          allow={webhookTest.value}
          fromEnv={webhookTest.fromEnv}
          updatedAt={webhookTest.updatedAt}
          updatedByEmail={webhookTest.updatedByEmail}
        />
      </div>
    </>
  );
}
