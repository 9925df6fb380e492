"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { diffConfigAction } from "@/lib/actions/topology";
import type { FileDiff, YamlDiff } from "@/lib/config/diff";
import type { TopologyRevisionSummary } from "@/lib/schemas/topology-actions";

const MAX_UPLOAD = 256 * 1024;

type Result =
  | { kind: "revision"; from: number; to: number; files: FileDiff[] }
  | { kind: "upload"; fileName: string; target: string; unknownKeys: string[]; warnings: string[]; diff: YamlDiff }
  | { kind: "error"; message: string };

function YamlEntries({ entries }: { entries: YamlDiff }) {
  if (entries.length === 0) return <p className="text-xs text-muted">No differences by key.</p>;
  return (
    <table className="w-full table-fixed text-left font-mono text-xs">
      <thead className="text-muted">
        <tr>
          <th className="w-2/5 py-1 font-medium">key</th>
          <th className="py-1 font-medium">before</th>
          <th className="py-1 font-medium">after</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.path} className="border-t border-border align-top" data-kind={e.kind}>
            <td className="break-all py-1 pr-2">{e.path}</td>
            <td className="break-all py-1 pr-2 text-danger">{e.kind === "added" ? "—" : e.before}</td>
            <td className="break-all py-1 text-success">{e.kind === "removed" ? "—" : e.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileDiffView({ f }: { f: FileDiff }) {
  const tone = f.status === "unchanged" ? "neutral" : f.status === "added" ? "success" : f.status === "removed" ? "danger" : "warning";
  return (
    <details open={f.status === "changed" && !f.secret} className="rounded border border-border p-2">
      <summary className="flex cursor-pointer items-center gap-2 text-sm">
        <span className="font-mono text-xs">{f.path}</span>
        <Badge tone={tone}>{f.status}</Badge>
        {f.secret && <Badge>secret</Badge>}
      </summary>
      <div className="mt-2">
        {f.yaml && <YamlEntries entries={f.yaml} />}
        {f.lines && (
          <pre
            tabIndex={0}
            role="region"
            aria-label={`Changed lines of ${f.path}`}
            className="overflow-auto text-xs focus-visible:outline-2 focus-visible:outline-ring"
          >
            {f.lines.map((l, i) => (
              <div key={i} className={l.kind === "added" ? "text-success" : "text-danger"}>
                {l.kind === "added" ? "+ " : "- "}
                {l.line}: {l.text}
              </div>
            ))}
          </pre>
        )}
      </div>
    </details>
  );
}

/** Compare this revision's files with another revision, or its harbor.yml with one uploaded from a running host. */
export function ConfigDiffPanel({
  instanceId,
  revision,
  revisions,
  nodes,
}: {
  instanceId: string;
  revision: number;
  revisions: TopologyRevisionSummary[];
  nodes: string[];
}) {
  const [against, setAgainst] = useState<string>(revisions[0] ? String(revisions[0].revision) : "");
  const [node, setNode] = useState(nodes[0] ?? "");
  const [result, setResult] = useState<Result | null>(null);
  const [uploadError, setUploadError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(input: Parameters<typeof diffConfigAction>[0]) {
    setBusy(true);
    try {
      const res = await diffConfigAction(input);
      if ("data" in res) setResult(res.data as Result);
      else setResult({ kind: "error", message: "serverError" in res ? res.serverError : (res.message ?? "The comparison was refused.") });
    } finally {
      setBusy(false);
    }
  }

  async function upload(file: File) {
    setUploadError(undefined);
    if (file.size > MAX_UPLOAD) return setUploadError(`${file.name} is ${Math.round(file.size / 1024)} KiB; a harbor.yml is at most ${MAX_UPLOAD / 1024} KiB.`);
    await run({ instanceId, revision, against: { kind: "upload", text: await file.text(), fileName: file.name, node: node || undefined } });
  }

  return (
    <Card className="space-y-4" aria-labelledby="config-diff-title">
      <CardTitle id="config-diff-title">Compare</CardTitle>
      <div className="flex flex-wrap items-end gap-3">
        {revisions.length > 0 && (
          <>
            <label className="text-sm">
              <span className="mb-1 block font-medium">Compare with</span>
              <Select aria-label="Compare with" value={against} onChange={(e) => setAgainst(e.target.value)} className="w-56">
                {revisions.map((r) => (
                  <option key={r.revision} value={r.revision}>
                    r{r.revision} · {r.message || r.createdBy}
                  </option>
                ))}
              </Select>
            </label>
            <Button
              type="button"
              variant="secondary"
              disabled={busy || !against}
              onClick={() => run({ instanceId, revision, against: { kind: "revision", revision: Number(against) } })}
            >
              Compare
            </Button>
          </>
        )}
        {nodes.length > 0 && (
          <div className="text-sm">
            <span className="mb-1 block font-medium">or a harbor.yml from a running host</span>
            <div className="flex gap-2">
              {nodes.length > 1 && (
                <Select aria-label="Node the file comes from" value={node} onChange={(e) => setNode(e.target.value)} className="w-40">
                  {nodes.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </Select>
              )}
              <input
                type="file"
                accept=".yml,.yaml,text/yaml"
                aria-label="Upload harbor.yml"
                aria-invalid={uploadError ? true : undefined}
                aria-describedby={uploadError ? "upload-error" : undefined}
                className="text-xs"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = "";
                  if (f) void upload(f);
                }}
              />
            </div>
            {uploadError && (
              <p id="upload-error" role="alert" className="mt-1 text-xs text-danger">
                {uploadError}
              </p>
            )}
          </div>
        )}
      </div>

      <div data-testid="config-diff" aria-live="polite" className="space-y-2">
        {busy && <p className="text-sm text-muted">Comparing…</p>}
        {result?.kind === "error" && <Notice tone="danger">{result.message}</Notice>}
        {result?.kind === "revision" && (
          <>
            <p className="text-sm">
              r{result.from} → r{result.to}: {result.files.filter((f) => f.status !== "unchanged").length} of {result.files.length} files differ. Secrets are
              masked; a changed secret shows as changed.
            </p>
            {result.files.map((f) => (
              <FileDiffView key={f.path} f={f} />
            ))}
          </>
        )}
        {result?.kind === "upload" && (
          <>
            <p className="text-sm">
              {result.fileName} → {result.target}: {result.diff.length} {result.diff.length === 1 ? "key differs" : "keys differ"}.
            </p>
            {result.unknownKeys.length > 0 && (
              <Notice tone="warning">
                Keys this Harbor version does not know (ignored by prepare, or a typo):{" "}
                <span className="font-mono text-xs">{result.unknownKeys.join(", ")}</span>
              </Notice>
            )}
            {result.warnings.map((w) => (
              <Notice key={w} tone="warning">
                {w}
              </Notice>
            ))}
            <YamlEntries entries={result.diff} />
          </>
        )}
      </div>
    </Card>
  );
}
