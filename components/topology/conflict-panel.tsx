"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { TopologyConflict } from "@/lib/schemas/topology-actions";

/** Someone saved since this form was opened: show what they changed; the user's own values stay in the form. */
export function ConflictPanel({
  conflict,
  onSaveOnTop,
  onDiscard,
  saving,
}: {
  conflict: TopologyConflict;
  onSaveOnTop: () => void;
  onDiscard: () => void;
  saving: boolean;
}) {
  const { current, changes } = conflict;
  return (
    <Notice tone="warning" className="space-y-2" data-testid="topology-conflict">
      <p className="font-medium">
        Revision {current.revision} was saved by {current.createdBy} at {new Date(current.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
        {current.message ? ` — “${current.message}”` : ""} while you were editing. Nothing was saved; your values are still in the form.
      </p>
      {changes.length > 0 ? (
        <ul className="max-h-48 overflow-auto font-mono text-xs">
          {changes.map((c) => (
            <li key={c.field}>
              {c.field}: {c.before || "∅"} → {c.after || "∅"}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs">They changed nothing a field shows (same values).</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" onClick={onSaveOnTop} disabled={saving}>
          Save mine as revision {current.revision + 1}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onDiscard}>
          Discard mine and load revision {current.revision}
        </Button>
      </div>
    </Notice>
  );
}
