"use client";
import { PlugZap } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { testDraftConnectionAction, testSavedConnectionAction } from "@/lib/actions/connection";
import type { ConnectionReportDto, TDraftConnectionTestInput, TSavedConnectionTestInput } from "@/lib/schemas/connection";
import { ConnectionReport } from "./connection-report";

/**
 * Runs "Test connection" on the server (the browser never talks to Harbor, and never sees the secret).
 * `input` is the saved instance, or a function returning the form's current values: two actions, each with its
 * own schema and role on the server.
 */
export function ConnectionTestButton({
  input,
  initial,
  label = "Test connection",
  onFieldErrors,
  onReport,
}: {
  input: TSavedConnectionTestInput | (() => TDraftConnectionTestInput | null);
  initial?: ConnectionReportDto | null;
  label?: string;
  /** the form puts field errors (bad URL, missing secret) at its fields */
  onFieldErrors?: (errors: Record<string, string[] | undefined>) => void;
  /** every finished test's report, with the draft it tested (the form asks before saving values that just failed) */
  onReport?: (report: ConnectionReportDto, draft: TDraftConnectionTestInput | null) => void;
}) {
  const [report, setReport] = useState<ConnectionReportDto | null>(initial ?? null);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      setError(undefined);
      let res;
      let draft: TDraftConnectionTestInput | null = null;
      if (typeof input === "function") {
        draft = input();
        if (!draft) return;
        res = await testDraftConnectionAction(draft);
      } else res = await testSavedConnectionAction(input);
      if ("data" in res) {
        setReport(res.data);
        onReport?.(res.data, draft);
      } else if ("validationErrors" in res && onFieldErrors) {
        onFieldErrors(res.validationErrors);
        setReport(null);
      } else setError("serverError" in res ? res.serverError : (res.message ?? "Fix the highlighted fields first."));
    });
  return (
    <div className="space-y-3">
      <Button type="button" variant="secondary" size="sm" onClick={run} disabled={pending}>
        <PlugZap className="size-4" aria-hidden /> {pending ? "Testing…" : label}
      </Button>
      {error && <Notice tone="danger">{error}</Notice>}
      {report && <ConnectionReport report={report} />}
    </div>
  );
}
