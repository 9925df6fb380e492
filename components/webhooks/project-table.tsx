import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { ProjectRowDto } from "@/lib/schemas/webhook-dto";

/** An instance's projects: visibility, repositories and webhook policies (each name links to its webhooks). */
export function ProjectTable({ instanceId, rows }: { instanceId: string; rows: ProjectRowDto[] }) {
  return (
    <Table label="Projects">
      <thead>
        <tr>
          <Th>Project</Th>
          <Th>Access</Th>
          <Th className="text-right">Repositories</Th>
          <Th className="text-right">Webhooks</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} data-testid={`project-row-${p.name}`}>
            <Td>
              <Link className="font-medium text-accent hover:underline" href={`/instances/${instanceId}/projects/${encodeURIComponent(p.name)}/webhooks`}>
                {p.name}
              </Link>
            </Td>
            <Td>{p.public ? <Badge tone="accent">public</Badge> : <Badge>private</Badge>}</Td>
            <Td className="text-right tabular-nums">{p.repoCount ?? "—"}</Td>
            <Td className="text-right tabular-nums" data-testid="webhook-count">
              {p.webhookCount ?? <span title={p.webhookError ?? undefined}>not readable</span>}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
