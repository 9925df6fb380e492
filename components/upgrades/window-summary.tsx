"use client";
import { useHydrated } from "@/components/ui/use-hydrated";

function local(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** A booked window in the reader's time zone and in UTC (the reader's zone is only known in the browser). */
export function WindowSummary({ window: w }: { window: { start: string; end: string; timeZone: string } }) {
  const hydrated = useHydrated();
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;
  return (
    <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]" data-testid="window-summary">
      <dt className="text-muted">Starts</dt>
      <dd>
        {zone ? `${local(w.start)} (${zone}) · ` : ""}
        {utc(w.start)}
      </dd>
      <dt className="text-muted">Ends</dt>
      <dd>
        {zone ? `${local(w.end)} (${zone}) · ` : ""}
        {utc(w.end)}
      </dd>
      <dt className="text-muted">Booked in</dt>
      <dd>{w.timeZone}</dd>
    </dl>
  );
}
