import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { DriftDto } from "@/lib/schemas/webhook-template";
import { DriftActions } from "./drift-actions";

/** Managed policies someone changed in Harbor, as the last reconcile found them: the difference, re-apply or adopt. */
export function TemplateDrift({ templateId, version, drift, canAct }: { templateId: string; version: number; drift: DriftDto[]; canAct: boolean }) {
  return (
    <section aria-labelledby="drift-heading" className="mb-8 space-y-2">
      <h2 id="drift-heading" className="text-base font-semibold">
        Drift
      </h2>
      {drift.length === 0 ? (
        <p className="text-sm text-muted" data-testid="no-drift">
          The last reconcile found every managed policy as the template says.
        </p>
      ) : (
        <Table label="Managed policies changed in Harbor">
          <thead>
            <tr>
              <Th>Instance</Th>
              <Th>Project</Th>
              <Th>In Harbor → template</Th>
              <Th>Found</Th>
              {canAct && <Th>Actions</Th>}
            </tr>
          </thead>
          <tbody>
            {drift.map((d) => (
              <tr key={d.id} className="align-top" data-testid={`drift-row-${d.instanceName}-${d.project}`}>
                <Td className="font-medium">{d.instanceName}</Td>
                <Td>{d.project}</Td>
                <Td className="text-xs">
                  <ul className="space-y-0.5">
                    {d.changes.map((c) => (
                      <li key={c.field}>
                        <span className="font-medium">{c.field}</span>: {c.from || "(empty)"} → {c.to || "(empty)"}
                      </li>
                    ))}
                  </ul>
                  {d.adoptedAt && (
                    <Badge tone="neutral" className="mt-1">
                      adopted by {d.adoptedByEmail}
                    </Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-xs text-muted">{d.detectedAt.slice(0, 16).replace("T", " ")} UTC</Td>
                {canAct && <Td>{!d.adoptedAt && <DriftActions templateId={templateId} version={version} drift={d} />}</Td>}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
