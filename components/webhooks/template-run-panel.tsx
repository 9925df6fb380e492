"use client";
import { Play, Send } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { applyWebhookTemplateAction, dryRunWebhookTemplateAction } from "@/lib/actions/webhook-templates";
import type { PlanRowDto } from "@/lib/schemas/webhook-template";
import { PlanTable, type InstanceProgress } from "./template-plan-table";

/** Instances applied at once: each is one server action (its projects a few at a time), so progress shows per instance. */
const APPLY_CONCURRENCY = 3;

type Failed = { serverError: string } | { validationErrors: unknown; message?: string };
const failure = (res: Failed) => ("serverError" in res ? res.serverError : (res.message ?? "The request was refused."));

/**
 * Dry run, then apply: the dry run lists what every selected instance × project would get; apply writes instance by
 * instance, a few at a time, each row showing its result as it comes back. A dead instance is a row, never a stop.
 */
export function TemplateRunPanel({ templateId, version }: { templateId: string; version: number }) {
  const [rows, setRows] = useState<PlanRowDto[] | null>(null);
  const [progress, setProgress] = useState<Record<string, InstanceProgress>>({});
  const [busy, setBusy] = useState<"dry" | "apply" | null>(null);
  const [error, setError] = useState<string>();
  const [applied, setApplied] = useState(false);

  async function dryRun() {
    setBusy("dry");
    setError(undefined);
    setApplied(false);
    setProgress({});
    const res = await dryRunWebhookTemplateAction({ id: templateId });
    setBusy(null);
    if ("data" in res) setRows(res.data.rows);
    else setError(failure(res));
  }

  async function apply() {
    if (!rows) return;
    setBusy("apply");
    setError(undefined);
    const instances = [...new Set(rows.filter((r) => r.action === "create" || r.action === "update").map((r) => r.instanceId))];
    setProgress(Object.fromEntries(instances.map((i) => [i, { state: "waiting" as const }])));
    const queue = [...instances];
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        setProgress((p) => ({ ...p, [id]: { state: "applying" } }));
        const res = await applyWebhookTemplateAction({ id: templateId, instanceId: id, version });
        if ("data" in res) {
          const fresh = res.data;
          setRows((cur) =>
            [...(cur ?? []).filter((r) => r.instanceId !== id), ...fresh].sort(
              (a, b) => a.instanceName.localeCompare(b.instanceName) || (a.project ?? "").localeCompare(b.project ?? ""),
            ),
          );
          setProgress((p) => ({ ...p, [id]: { state: "done" } }));
        } else {
          setProgress((p) => ({ ...p, [id]: { state: "failed", message: failure(res) } }));
        }
      }
    };
    await Promise.all(Array.from({ length: APPLY_CONCURRENCY }, worker));
    setBusy(null);
    setApplied(true);
  }

  const writes = rows?.filter((r) => (r.action === "create" || r.action === "update") && !r.applied) ?? [];
  const results = rows?.filter((r) => r.applied) ?? [];
  const ok = results.filter((r) => r.applied?.ok).length;
  return (
    <section aria-labelledby="run-heading" className="space-y-3">
      <h2 id="run-heading" className="text-base font-semibold">
        Dry run and apply
      </h2>
      <p className="text-sm text-muted">
        The dry run reads every selected Harbor and changes nothing. Apply then writes only what it listed as create or update; running it again changes nothing
        that is already as the template says.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={dryRun} disabled={busy !== null}>
          <Play className="size-4" aria-hidden /> {busy === "dry" ? "Reading every instance…" : "Dry run"}
        </Button>
        {rows && (
          <Button type="button" onClick={apply} disabled={busy !== null || writes.length === 0}>
            <Send className="size-4" aria-hidden /> {busy === "apply" ? "Applying…" : `Apply ${writes.length} change${writes.length === 1 ? "" : "s"}`}
          </Button>
        )}
      </div>
      {error && <Notice tone="danger">{error}</Notice>}
      {applied && (
        <Notice tone={ok === results.length ? "success" : "warning"} data-testid="apply-summary">
          {ok} of {results.length} target{results.length === 1 ? "" : "s"} applied{ok < results.length ? `; ${results.length - ok} failed (see the rows)` : ""}.
        </Notice>
      )}
      {rows && <PlanTable rows={rows} progress={progress} />}
    </section>
  );
}
