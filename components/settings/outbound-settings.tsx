import { Card, CardTitle } from "@/components/ui/card";
import { FromEnv, lastChanged, type AllowListSettingsProps } from "./allow-list-parts";
import { OutboundAllowListForm } from "./outbound-allow-list-form";

const REFUSED = [
  ["Loopback", "127.0.0.0/8, ::1"],
  ["Link-local and cloud metadata", "169.254.0.0/16 (169.254.169.254), fe80::/10, fd00:ec2::254, 100.100.100.200"],
  ["Unspecified", "0.0.0.0/8, ::"],
  ["Multicast and broadcast", "224.0.0.0/4, 240.0.0.0/4, ff00::/8"],
] as const;

/** Settings → Outbound connections: what the console refuses to connect to, and the admins' exceptions. */
export function OutboundSettings({ allow, fromEnv, updatedAt, updatedByEmail }: AllowListSettingsProps) {
  return (
    <Card className="max-w-3xl space-y-4" aria-labelledby="outbound-title">
      <CardTitle id="outbound-title">Outbound connections</CardTitle>
      <p className="text-sm text-muted">
        The console connects to Harbor URLs that people enter, so it refuses addresses that reach the console&apos;s own host or its cloud platform — whatever
        form the URL writes them in, and checked again after every DNS lookup. Private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are allowed.
        Refused unless allowed below:
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {REFUSED.map(([what, ranges]) => (
          <div key={what} className="contents">
            <dt className="font-medium">{what}</dt>
            <dd className="font-mono text-xs leading-5 text-muted">{ranges}</dd>
          </div>
        ))}
      </dl>
      <FromEnv entries={fromEnv} envVar="CONSOLE_OUTBOUND_ALLOW" testId="outbound-from-env" />
      <p className="text-xs text-muted">
        Allow only what a Harbor really uses: an entry that covers 169.254.169.254 lets anyone who may edit an instance URL read the cloud metadata service
        through the console. {lastChanged(updatedAt, updatedByEmail)}
      </p>
      <OutboundAllowListForm allow={allow} updatedAt={updatedAt} />
    </Card>
  );
}
