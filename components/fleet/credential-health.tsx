"use client";
import { KeyRound } from "lucide-react";
import { Notice } from "@/components/ui/notice";
import { expiryUrgency } from "@/lib/harbor/robot-expiry";
import type { FleetRow } from "@/lib/queries/fleet";
import { formatUtc } from "./format";
import { useNow } from "./use-now";

const EXPIRED_FIX = "Harbor refuses an expired robot: extend it or create a new one and update this instance's secret.";

/** What kind of account the console uses and, for robots on Harbor 2.2+, when it expires (hourly check). */
export function CredentialHealth({ status }: { status: FleetRow }) {
  const now = useNow();
  const { credentialKind: kind, robotExpiry, robotExpiresAt } = status;
  if (!kind) return null;
  const data = { "data-testid": "credential-health", "data-kind": kind, "data-expiry": robotExpiry ?? "" };
  if (kind === "user") {
    return (
      <p {...data} className="mb-4 flex items-center gap-2 text-sm text-muted">
        <KeyRound className="size-4" aria-hidden /> User account — its password does not expire in Harbor.
      </p>
    );
  }
  if (robotExpiry === "expires" && robotExpiresAt) {
    // Before hydration there is no clock: measure from the last check, so server and client agree.
    const e = expiryUrgency(new Date(robotExpiresAt), new Date(now ?? Date.parse(status.credentialCheckedAt ?? robotExpiresAt)));
    const when = formatUtc(robotExpiresAt);
    if (e.urgency === "expired") {
      return (
        <Notice tone="danger" className="mb-4" {...data} data-urgency={e.urgency}>
          <p className="font-medium">
            Robot account — expired on {when} ({e.relative}).
          </p>
          <p className="mt-1">{EXPIRED_FIX}</p>
        </Notice>
      );
    }
    if (e.urgency === "soon") {
      return (
        <Notice tone="warning" className="mb-4" {...data} data-urgency={e.urgency}>
          <p className="font-medium">
            Robot account — expires on {when} ({e.relative}).
          </p>
          <p className="mt-1">
            Extend it in Harbor (or create a new robot and update this instance&apos;s secret) before then: Harbor refuses an expired robot.
          </p>
        </Notice>
      );
    }
    return (
      <p {...data} data-urgency={e.urgency} className="mb-4 flex items-center gap-2 text-sm text-muted">
        <KeyRound className="size-4" aria-hidden /> Robot account — expires on {when} ({e.relative}).
      </p>
    );
  }
  const text: Record<string, string> = {
    never: "Robot account — never expires.",
    not_visible: "Robot account — expiry not visible to this account (it may not list robots).",
    not_found:
      "Robot account — Harbor lists no system robot by this name, so its expiry is unknown (project robots and custom name prefixes are not looked up).",
    "": "Robot account — this Harbor version does not expose robot expiry (robot accounts v2 arrived in 2.2).",
  };
  return (
    <p {...data} className="mb-4 flex items-center gap-2 text-sm text-muted">
      <KeyRound className="size-4" aria-hidden /> {text[robotExpiry ?? ""]}
    </p>
  );
}
