import { CheckCircle2, CircleSlash, TriangleAlert, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { ConnectionReportDto } from "@/lib/schemas/connection";

const ICON = {
  ok: <CheckCircle2 className="size-4 text-success" aria-hidden />,
  warning: <TriangleAlert className="size-4 text-warning" aria-hidden />,
  failed: <XCircle className="size-4 text-danger" aria-hidden />,
  skipped: <CircleSlash className="size-4 text-muted" aria-hidden />,
};

export function ConnectionReport({ report }: { report: ConnectionReportDto }) {
  return (
    <div className="space-y-3" data-testid="connection-report">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={report.ok ? "success" : "danger"} data-testid="connection-verdict">
          {report.ok ? "Connected" : "Not working"}
        </Badge>
        {report.harborVersion && <Badge tone="accent">Harbor {report.harborVersion}</Badge>}
        {report.generationLabel && <Badge>API {report.generationLabel}</Badge>}
        {report.latencyMs !== null && <span className="text-muted">{report.latencyMs} ms</span>}
        <span className="text-muted">tested {new Date(report.testedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</span>
      </div>
      <ul className="space-y-1.5 text-sm">
        {report.checks.map((c) => (
          <li key={c.label} className="flex items-start gap-2" data-testid={`check-${c.label.toLowerCase().replace(/[^a-z]+/g, "-")}`} data-status={c.status}>
            <span className="mt-0.5">{ICON[c.status]}</span>
            <span>
              <span className="font-medium">{c.label}:</span> {c.detail}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
