import type { WebhookCapabilities } from "@/lib/schemas/webhook-dto";

/** What this Harbor version's webhooks can and cannot do, in one line each. */
export function VersionNotes({ capabilities: c }: { capabilities: WebhookCapabilities }) {
  const notes = [
    c.onePolicyPerProject ? `${c.versionLabel} allows one policy per project, notifies http targets only, and spells events its own way (pushImage…).` : null,
    c.namesGlobal ? `On ${c.versionLabel} a policy name must be unique across the whole Harbor, not only this project.` : null,
    !c.onePolicyPerProject && !(c.payloadFormats.http?.length > 0) ? `${c.versionLabel} sends the Default payload only (CloudEvents needs Harbor 2.8).` : null,
    c.payloadFormats.http?.length > 0 ? `${c.versionLabel} can send http targets the Default or CloudEvents payload.` : null,
    "Harbor sends a target's auth header verbatim as Authorization; it does not sign payloads.",
  ].filter((n): n is string => Boolean(n));
  return (
    <ul className="mb-4 list-disc space-y-0.5 pl-5 text-sm text-muted" data-testid="version-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
