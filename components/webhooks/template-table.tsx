import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { EVENT_TYPE_LABEL } from "@/lib/harbor/event-types";
import { addressForViewer } from "@/lib/schemas/webhook";
import type { TemplateDto } from "@/lib/schemas/webhook-template";
import { selectorText } from "./template-summary";

/** Every template: name, events, target hosts (origin only, as for a viewer), what it selects, last change. */
export function TemplateTable({ templates }: { templates: TemplateDto[] }) {
  return (
    <Table label="Webhook templates">
      <thead>
        <tr>
          <Th>Template</Th>
          <Th>Events</Th>
          <Th>Targets</Th>
          <Th>Selects</Th>
          <Th>Changed</Th>
        </tr>
      </thead>
      <tbody>
        {templates.map((t) => (
          <tr key={t.id} data-testid={`template-row-${t.name}`} className="align-top">
            <Td>
              <Link className="font-medium text-accent underline-offset-2 hover:underline" href={`/webhooks/templates/${t.id}`}>
                {t.name}
              </Link>
              {!t.enabled && (
                <Badge tone="neutral" className="ml-1">
                  disabled
                </Badge>
              )}
            </Td>
            <Td className="text-xs">{t.eventTypes.map((e) => EVENT_TYPE_LABEL[e] ?? e).join(", ")}</Td>
            <Td>
              <ul className="space-y-0.5 text-xs">
                {t.targets.map((x, i) => (
                  <li key={i}>
                    <span className="font-mono">{addressForViewer(x.address)}</span>{" "}
                    <span className="text-muted">
                      {x.type}
                      {x.type === "http" ? ` · ${x.payloadFormat}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </Td>
            <Td className="text-xs">{selectorText(t)}</Td>
            <Td className="whitespace-nowrap text-xs text-muted">
              {t.updatedAt.slice(0, 16).replace("T", " ")} UTC · {t.updatedByEmail}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
