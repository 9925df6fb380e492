"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import { rescheduleUpgradePlanAction, scheduleUpgradePlanAction } from "@/lib/actions/upgrades";

/** "2026-12-03T18:30" in the browser's zone → ISO in UTC; null when empty or not a time. */
function toIso(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** ISO → "2026-12-03T18:30" in the browser's zone (a datetime-local value). */
function toLocal(iso: string): string {
  const d = new Date(iso);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}`;
}

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "");

/**
 * Step 4, Schedule: a maintenance window in the user's time zone, shown in UTC too. What was typed stays on refusal.
 * With `current`, it moves a booked window instead (its times and approval choice filled in).
 */
export function ScheduleForm({
  planId,
  version,
  current,
  onDone,
}: {
  planId: string;
  version: number;
  current?: { start: string; end: string; requiresApproval: boolean };
  onDone?: () => void;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : "your time zone";
  const [start, setStart] = useState(current ? toLocal(current.start) : "");
  const [end, setEnd] = useState(current ? toLocal(current.end) : "");
  const [requiresApproval, setRequiresApproval] = useState(current?.requiresApproval ?? false);
  const [errors, setErrors] = useState<{ start?: string; end?: string }>({});
  const [error, setError] = useState<string>();
  const [pending, go] = useTransition();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const s = toIso(start);
    const en = toIso(end);
    const missing = { start: s ? undefined : "Choose when the window starts.", end: en ? undefined : "Choose when the window ends." };
    setErrors(missing);
    setError(undefined);
    if (!s || !en) return;
    go(async () => {
      const action = current ? rescheduleUpgradePlanAction : scheduleUpgradePlanAction;
      const res = await action({ planId, version, start: s, end: en, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, requiresApproval });
      if ("data" in res) {
        onDone?.();
        return router.refresh();
      }
      if ("serverError" in res) return setError(res.serverError);
      const atFields = { start: res.validationErrors.start?.[0], end: res.validationErrors.end?.[0] };
      setErrors(atFields);
      // the message is shown once: at its field when it belongs to one, above the button otherwise
      if (!atFields.start && !atFields.end) setError(res.message ?? "Check the window.");
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Maintenance window" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Window starts" hint={`${zone}${toIso(start) ? ` · ${utc(toIso(start))}` : ""}`} error={errors.start}>
          <Input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label="Window ends" hint={`${zone}${toIso(end) ? ` · ${utc(toIso(end))}` : ""}`} error={errors.end}>
          <Input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-[var(--accent)]" checked={requiresApproval} onChange={(e) => setRequiresApproval(e.target.checked)} />
        Needs an admin&apos;s approval before it can start
      </label>
      {current?.requiresApproval && <p className="text-xs text-muted">A moved window needs a new approval.</p>}
      {error && <Notice tone="danger">{error}</Notice>}
      <Button type="submit" disabled={pending}>
        {current ? (pending ? "Moving…" : "Move the window") : pending ? "Booking…" : "Book the window"}
      </Button>
    </form>
  );
}
