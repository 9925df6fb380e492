"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/** Asked before saving the values a connection test just failed with; it takes the focus when it appears. */
export function SaveAnyway({ reason, submitting, onBack }: { reason: string; submitting: boolean; onBack: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="save-anyway-title"
      data-testid="save-anyway"
      className="space-y-3 rounded-lg border border-warning bg-surface p-4 outline-none"
    >
      <p id="save-anyway-title" className="font-medium">
        The connection test just failed with these values. Save anyway?
      </p>
      <p className="break-words text-sm text-muted">{reason}</p>
      <p className="text-sm text-muted">
        Saved, the instance shows as down or with a credential problem until Harbor answers; nothing you typed is lost either way.
      </p>
      <div className="flex gap-2">
        <Button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Save anyway"}
        </Button>
        <Button type="button" variant="secondary" onClick={onBack}>
          Back to the form
        </Button>
      </div>
    </div>
  );
}
