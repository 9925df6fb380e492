"use client";
import { Download, FileLock2, FileText } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { cn } from "@/lib/cn";
import type { ConfigFile } from "@/lib/config/types";
import type { ConfigIssue } from "@/lib/schemas/config-issue";
import type { TopologyRevisionSummary } from "@/lib/schemas/topology-actions";
import { ConfigDiffPanel } from "./config-diff-panel";

export interface ConfigPreviewProps {
  revision: TopologyRevisionSummary;
  ok: boolean;
  files: ConfigFile[];
  issues: ConfigIssue[];
}

function IssueList({ issues }: { issues: ConfigIssue[] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {issues.map((i) => (
        <li key={`${i.field}:${i.message}`}>
          <span className="font-mono text-xs">{i.field}</span>: {i.message}
        </li>
      ))}
    </ul>
  );
}

export function ConfigViewer({
  instanceId,
  preview,
  revisions,
  canDownload,
}: {
  instanceId: string;
  preview: ConfigPreviewProps;
  revisions: TopologyRevisionSummary[];
  canDownload: boolean;
}) {
  const router = useRouter();
  // ?file=README.md opens that file (the Upgrades page links to each instance's README).
  const asked = useSearchParams().get("file");
  const [selected, setSelected] = useState(() => preview.files.find((f) => f.path === asked)?.path ?? preview.files[0]?.path);
  const file = preview.files.find((f) => f.path === selected);
  const errors = preview.issues.filter((i) => i.severity === "error");
  const warnings = preview.issues.filter((i) => i.severity === "warning");
  const rev = preview.revision.revision;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Revision</span>
          <Select
            aria-label="Revision"
            value={rev}
            onChange={(e) => router.push(`/instances/${instanceId}/config?revision=${e.target.value}`)}
            className="w-72"
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                r{r.revision} · Harbor {r.harborVersion} · {r.createdBy}
                {r.revision === revisions[0].revision ? " (current)" : ""}
              </option>
            ))}
          </Select>
        </label>
        {canDownload && preview.ok && (
          <Button asChild>
            <a href={`/api/instances/${instanceId}/config/${rev}`} download data-testid="download-zip">
              <Download className="size-4" aria-hidden /> Download zip (with secrets)
            </a>
          </Button>
        )}
      </div>

      {!preview.ok && (
        <Notice tone="danger">
          <p className="font-medium">
            Revision {rev} does not produce files, so there is nothing to download. Fix these in the Topology tab and save a new revision:
          </p>
          <IssueList issues={errors} />
        </Notice>
      )}
      {warnings.length > 0 && (
        <Notice tone="warning">
          <p className="font-medium">Warnings</p>
          <IssueList issues={warnings} />
        </Notice>
      )}

      {preview.ok && (
        <Card className="grid gap-4 p-0 md:grid-cols-[16rem_minmax(0,1fr)]">
          <nav aria-label="Files" className="border-b border-border p-3 md:border-r md:border-b-0">
            <ul className="space-y-1 text-sm" data-testid="config-files">
              {preview.files.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    onClick={() => setSelected(f.path)}
                    aria-current={f.path === selected ? "true" : undefined}
                    className={cn(
                      "flex w-full items-center gap-2 rounded px-2 py-1 text-left font-mono text-xs",
                      f.path === selected ? "bg-surface-muted" : "hover:bg-surface-muted",
                    )}
                  >
                    {f.secret ? <FileLock2 className="size-3.5 shrink-0" aria-label="secret" /> : <FileText className="size-3.5 shrink-0" aria-hidden />}
                    <span className="truncate">{f.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {file && (
            <section className="min-w-0 p-4" aria-label={file.path}>
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <h2 className="font-mono text-sm font-semibold">{file.path}</h2>
                {file.secret && <Badge tone="warning">secret — download only</Badge>}
              </div>
              <p className="mb-3 text-xs text-muted">{file.description}</p>
              {/* Focusable: a keyboard scrolls it (it scrolls both ways). */}
              <pre
                tabIndex={0}
                role="region"
                aria-label={`Contents of ${file.path}`}
                className="max-h-[36rem] overflow-auto rounded-md bg-surface-muted p-3 text-xs focus-visible:outline-2 focus-visible:outline-ring"
                data-testid="config-file-content"
              >
                {file.content}
              </pre>
            </section>
          )}
        </Card>
      )}

      {preview.ok && (
        <ConfigDiffPanel
          instanceId={instanceId}
          revision={rev}
          revisions={revisions.filter((r) => r.revision !== rev)}
          nodes={preview.files.filter((f) => /^nodes\/[^/]+\/harbor\.yml$/.test(f.path)).map((f) => f.path.split("/")[1])}
        />
      )}
      <p className="text-xs text-muted">
        Secrets are masked here and in diffs; the zip holds the real values and every download is recorded in the audit trail.
      </p>
    </div>
  );
}
