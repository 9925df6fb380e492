import { Card, CardTitle } from "@/components/ui/card";
import { FromEnv, lastChanged, type AllowListSettingsProps } from "./allow-list-parts";
import { OutboundAllowListForm } from "./outbound-allow-list-form";

/** Settings → Test deliveries: where operators' webhook test deliveries may go besides public addresses. */
export function WebhookTestSettings({ allow, fromEnv, updatedAt, updatedByEmail }: AllowListSettingsProps) {
  return (
    <Card className="max-w-3xl space-y-4" aria-labelledby="webhook-test-title">
      <CardTitle id="webhook-test-title">Test deliveries</CardTitle>
      <p className="text-sm text-muted">
        &quot;Test delivery&quot; on a webhook policy lets operators make the console POST to the address they typed. It reaches public addresses only: private
        networks, loopback, link-local and metadata addresses are refused unless listed here. This list is separate from Outbound connections above — allowing a
        Harbor&apos;s address there does not open it to test deliveries.
      </p>
      <FromEnv entries={fromEnv} envVar="CONSOLE_WEBHOOK_TEST_ALLOW" testId="webhook-test-from-env" />
      <p className="text-xs text-muted">
        List only receivers on your own network that operators need to test, as narrowly as you can. {lastChanged(updatedAt, updatedByEmail)}
      </p>
      <OutboundAllowListForm allow={allow} updatedAt={updatedAt} list="webhookTest" />
    </Card>
  );
}
