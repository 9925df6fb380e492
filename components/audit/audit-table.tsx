import { Table, Td, Th } from "@/components/ui/table";

interface AuditEvent {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetName: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientRequestId?: string | null;
}

/** Fields whose value differs between before and after (or all of after, for a creation). */
function changes(before: unknown, after: unknown): { key: string; from?: unknown; to?: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) || !before || !after).map((k) => ({ key: k, from: b[k], to: a[k] }));
}

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table data-testid="audit-table" label="Audit events">
      <thead>
        <tr>
          <Th>When (UTC)</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Changes</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</Td>
            <Td>{e.actorEmail}</Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td>
              <span className="text-muted">{e.targetType}</span> {e.targetName ?? e.targetId}
            </Td>
            <Td className="text-xs">
              <ul className="space-y-0.5">
                {changes(e.before, e.after)
                  .slice(0, 8)
                  .map((c) => (
                    <li key={c.key}>
                      <span className="font-medium">{c.key}</span>:{" "}
                      {e.before && e.after ? (
                        <>
                          <span className="text-muted line-through">{show(c.from)}</span> → {show(c.to)}
                        </>
                      ) : (
                        show(e.after ? c.to : c.from)
                      )}
                    </li>
                  ))}
              </ul>
              {e.requestId && (
                <p className="mt-1 text-muted" title={e.requestId}>
                  request {e.requestId.slice(0, 8)}
                  {e.clientRequestId && <span title={e.clientRequestId}> · client id {e.clientRequestId.slice(0, 24)}</span>}
                </p>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
